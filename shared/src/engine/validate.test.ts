import { describe, expect, it } from 'vitest';
import type { WorkflowJson } from '../schema/workflow.ts';
import { importReport, markUnsupportedNodes } from './import-report.ts';
import { validateWorkflow } from './validate.ts';

const node = (
  name: string,
  type: string,
  typeVersion: number,
  parameters: Record<string, unknown> = {},
  extra = {},
) => ({
  id: `id-${name}`,
  name,
  type,
  typeVersion,
  position: [0, 0] as [number, number],
  parameters: parameters as WorkflowJson['nodes'][number]['parameters'],
  ...extra,
});

describe('validateWorkflow', () => {
  it('accepts a valid workflow, with n8n aliases and expressions', () => {
    const wf = {
      nodes: [
        node('Start', 'n8n-nodes-base.manualTrigger', 1),
        node('HTTP', 'n8n-nodes-base.httpRequest', 4.2, { url: '={{ $json.url }}', method: 'POST' }),
        node('Limit', 'limit', 1, { maxItems: 5 }),
      ],
      connections: {
        Start: { main: [[{ node: 'HTTP', type: 'main', index: 0 }]] },
        HTTP: { main: [[{ node: 'Limit', type: 'main', index: 0 }]] },
      },
    };
    expect(validateWorkflow(wf)).toEqual({ ok: true, issues: [] });
  });

  it('reports every problem at once with node id and parameter path', () => {
    const wf = {
      nodes: [
        node('Start', 'manualTrigger', 1),
        node('Start', 'noOp', 1),
        node('Mystery', 'n8n-nodes-base.fancyThing', 1),
        node('Old', 'httpRequest', 1),
        node('HTTP', 'httpRequest', 4.2, { url: '', method: 'FETCH' }),
        node('Limit', 'limit', 1, { maxItems: 'ten' }),
        node('A', 'noOp', 1),
        node('B', 'noOp', 1),
        node('Hook', 'webhook', 2, { path: 'has space' }),
        node('Http2', 'httpRequest', 4.2, {
          url: 'https://x',
          options: { timeout: 'soon', unknownExtra: 1 },
        }),
      ],
      connections: {
        Start: { main: [[{ node: 'Ghost', type: 'main', index: 0 }]] },
        A: { main: [[{ node: 'B', type: 'main', index: 0 }]] },
        B: { main: [[{ node: 'A', type: 'main', index: 0 }]] },
        Limit: { main: [[], [{ node: 'A', type: 'main', index: 0 }]] },
      },
    };
    const { ok, issues } = validateWorkflow(wf);
    expect(ok).toBe(false);
    const summary = issues.map((i) => [i.code, i.nodeId, i.path]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['duplicateNodeName', 'id-Start', undefined],
        ['unknownNodeType', 'id-Mystery', undefined],
        ['unsupportedVersion', 'id-Old', undefined],
        ['missingParameter', 'id-HTTP', 'parameters.url'],
        ['invalidParameter', 'id-HTTP', 'parameters.method'],
        ['invalidParameter', 'id-Limit', 'parameters.maxItems'],
        ['invalidParameter', 'id-Hook', 'parameters.path'],
        ['invalidParameter', 'id-Http2', 'parameters.options.timeout'],
        ['danglingConnection', 'id-Start', 'connections.Start.main[0]'],
        ['danglingConnection', 'id-Limit', 'connections.Limit.main[1]'],
        ['illegalCycle', expect.stringMatching(/id-[AB]/), undefined],
      ]),
    );
    expect(issues.find((i) => i.code === 'illegalCycle')?.message).toMatch(/Loop Over Items/);
  });

  it('allows a cycle through Loop Over Items', () => {
    const wf = {
      nodes: [
        node('Start', 'manualTrigger', 1),
        node('Loop', 'splitInBatches', 3, { batchSize: 2 }),
        node('Body', 'noOp', 1),
      ],
      connections: {
        Start: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
        Loop: { main: [[], [{ node: 'Body', type: 'main', index: 0 }]] },
        Body: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
      },
    };
    expect(validateWorkflow(wf).issues).toEqual([]);
  });

  it('respects display conditions for required parameters', () => {
    const wf = {
      nodes: [node('Stop', 'stopAndError', 1, { errorType: 'errorObject', errorObject: '{"a":1}' })],
      connections: {},
    };
    expect(validateWorkflow(wf).issues).toEqual([]);
    const wf2 = { nodes: [node('Stop', 'stopAndError', 1, { errorType: 'errorMessage' })], connections: {} };
    expect(validateWorkflow(wf2).issues.map((i) => i.path)).toEqual(['parameters.errorMessage']);
  });
});

describe('import report', () => {
  it('lists unsupported nodes and keeps them disabled and marked', () => {
    const wf = {
      nodes: [
        node('Start', 'n8n-nodes-base.manualTrigger', 1),
        node('Sheets', 'n8n-nodes-base.googleSheets', 4),
        node('If', 'n8n-nodes-base.if', 9),
      ],
    };
    expect(importReport(wf).unsupported).toEqual([
      {
        nodeId: 'id-Sheets',
        name: 'Sheets',
        type: 'n8n-nodes-base.googleSheets',
        typeVersion: 4,
        reason: 'unknownType',
      },
      expect.objectContaining({
        nodeId: 'id-If',
        reason: 'unsupportedVersion',
        supportedVersions: [1, 2, 2.1, 2.2],
      }),
    ]);
    const { workflow } = markUnsupportedNodes(wf);
    expect(workflow.nodes).toHaveLength(3);
    const sheets = workflow.nodes[1] as (typeof workflow.nodes)[number] & {
      disabled?: boolean;
      unsupported?: { reason: string };
    };
    expect(sheets.disabled).toBe(true);
    expect(sheets.unsupported?.reason).toBe('unknownType');
    expect(workflow.nodes[0]).toBe(wf.nodes[0]);
    // the marked workflow validates with warnings only
    expect(validateWorkflow({ ...workflow, connections: {} }).ok).toBe(true);
  });
});
