import {
  createRegistry,
  type EngineServices,
  type RunResult,
  runWorkflow,
  type WebhookResponse,
} from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, type TestServer } from '../test-support/http-test-server.ts';
import { nodeTypes } from './index.ts';

// These tests run the real engine with the worker's registry: the I/O nodes as they run in production.
const registry = createRegistry(nodeTypes);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req, res) =>
    sendJson(res, 200, { echoed: JSON.parse(req.body.toString() || '{}') }),
  );
});
afterAll(() => server.close());

type N = [name: string, type: string, version: number, parameters: Record<string, unknown>];
function chain(nodes: N[], extra: Partial<WorkflowJson> = {}): WorkflowJson {
  const connections: WorkflowJson['connections'] = {};
  for (let i = 0; i < nodes.length - 1; i++)
    connections[nodes[i][0]] = { main: [[{ node: nodes[i + 1][0], type: 'main', index: 0 }]] };
  return {
    name: 'it',
    nodes: nodes.map(([name, type, typeVersion, parameters], i) => ({
      id: name,
      name,
      type,
      typeVersion,
      position: [i * 200, 0],
      parameters: parameters as never,
    })),
    connections,
    settings: { executionOrder: 'v1' },
    ...extra,
  };
}
const output = (r: RunResult, node: string) => r.runData[node]?.[0]?.data.main[0]?.map((i) => i.json);

describe('I/O nodes in the engine', () => {
  it('runs the S2 webhook scenario: Webhook → Edit Fields → Code → Respond to Webhook', async () => {
    const responses: WebhookResponse[] = [];
    const wf = chain([
      [
        'Webhook',
        'n8n-nodes-base.webhook',
        2,
        { httpMethod: 'POST', path: 's2', responseMode: 'responseNode' },
      ],
      [
        'Edit Fields',
        'n8n-nodes-base.set',
        3.4,
        {
          assignments: {
            assignments: [
              { id: '1', name: 'doubled', value: '={{ $json.body.value * 2 }}', type: 'number' },
              { id: '2', name: 'source', value: '={{ $json.body.name }}', type: 'string' },
            ],
          },
        },
      ],
      [
        'Code',
        'n8n-nodes-base.code',
        2,
        {
          jsCode:
            "return $input.all().map((item, index) => ({ json: { ...item.json, index, processed: true, hook: $('Webhook').item.json.query.q } }))",
        },
      ],
      ['Respond', 'n8n-nodes-base.respondToWebhook', 1.1, { respondWith: 'allIncomingItems' }],
    ]);
    const services: EngineServices = { now: () => Date.now(), sendWebhookResponse: (r) => responses.push(r) };
    const request = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      query: { q: 'x' },
      rawBody: Buffer.from('{"value":21,"name":"bench"}').toString('base64'),
    };
    const result = await runWorkflow({
      workflow: wf,
      nodeTypes: registry,
      services,
      triggerItems: [{ json: request }],
      mode: 'webhook',
    });
    expect(result.status).toBe('success');
    expect(responses).toEqual([
      {
        statusCode: 200,
        headers: { 'content-type': 'application/json' },
        body: [{ doubled: 42, source: 'bench', index: 0, processed: true, hook: 'x' }],
      },
    ]);
  });

  it('records Code console output and user errors in run data', async () => {
    const ok = await runWorkflow({
      workflow: chain([
        ['M', 'manualTrigger', 1, {}],
        ['Code', 'code', 2, { jsCode: 'console.log("seen", $json); return items' }],
      ]),
      nodeTypes: registry,
      services: { now: Date.now },
    });
    expect(ok.runData.Code[0].logs).toEqual(['seen {}']);
    const bad = await runWorkflow({
      workflow: chain([
        ['M', 'manualTrigger', 1, {}],
        ['Code', 'code', 2, { jsCode: 'null.boom' }],
      ]),
      nodeTypes: registry,
      services: { now: Date.now },
    });
    expect(bad.status).toBe('error');
    expect(bad.error).toMatchObject({
      node: 'Code',
      message: expect.stringMatching(/TypeError: Cannot read properties of null/),
    });
    expect(bad.error?.stack).not.toMatch(/worker\/src|shared\/src/);
  });

  it('cancels a running Code node within a second', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const result = await runWorkflow({
      workflow: chain([
        ['M', 'manualTrigger', 1, {}],
        ['Code', 'code', 2, { jsCode: 'while (true) {}' }],
      ]),
      nodeTypes: registry,
      services: { now: Date.now },
      signal: controller.signal,
    });
    expect(result.status).toBe('canceled');
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it('calls a local server with HTTP Request when the admin relaxed the SSRF guard, and not otherwise', async () => {
    const wf = chain([
      ['M', 'manualTrigger', 1, {}],
      [
        'HTTP',
        'httpRequest',
        4.2,
        {
          method: 'POST',
          url: `${server.url}/x`,
          sendBody: true,
          specifyBody: 'json',
          jsonBody: '={{ JSON.stringify({ n: 1 }) }}',
        },
      ],
    ]);
    const relaxed = await runWorkflow({
      workflow: wf,
      nodeTypes: registry,
      services: { now: Date.now, http: { ssrf: { allowPrivateNetworks: true } } },
    });
    expect(output(relaxed, 'HTTP')).toEqual([{ echoed: { n: 1 } }]);
    const guarded = await runWorkflow({ workflow: wf, nodeTypes: registry, services: { now: Date.now } });
    expect(guarded.status).toBe('error');
    expect(guarded.error?.message).toMatch(/blocked/);
  });

  it('runs a sub-workflow through Execute Workflow → Execute Workflow Trigger', async () => {
    const sub = chain([
      ['Start', 'executeWorkflowTrigger', 1.1, { inputSource: 'passthrough' }],
      [
        'Code',
        'code',
        2,
        { mode: 'runOnceForEachItem', jsCode: 'return { json: { squared: $json.n * $json.n } }' },
      ],
    ]);
    const services: EngineServices = {
      now: Date.now,
      runSubWorkflow: async (req) => {
        const r = await runWorkflow({
          workflow: sub,
          nodeTypes: registry,
          services,
          triggerItems: req.items,
          mode: 'integrated',
        });
        return { data: r.runData[r.lastNodeExecuted ?? '']?.[0]?.data.main ?? [] };
      },
    };
    const parent = chain([
      ['M', 'manualTrigger', 1, {}],
      ['Numbers', 'code', 2, { jsCode: 'return [2, 3].map(n => ({ n }))' }],
      ['Call', 'executeWorkflow', 1.2, { workflowId: 'sub-1' }],
    ]);
    const result = await runWorkflow({ workflow: parent, nodeTypes: registry, services });
    expect(output(result, 'Call')).toEqual([{ squared: 4 }, { squared: 9 }]);
  });

  it('parks the execution at a Wait node until its webhook', async () => {
    const result = await runWorkflow({
      workflow: chain([
        ['M', 'manualTrigger', 1, {}],
        ['Wait', 'wait', 1.1, { resume: 'webhook' }],
        ['After', 'noOp', 1, {}],
      ]),
      nodeTypes: registry,
      services: { now: Date.now },
    });
    expect(result.status).toBe('waiting');
    expect(result.waitTill).toBeNull();
    expect(result.runData.After).toBeUndefined();
  });
});
