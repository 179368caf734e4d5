import { runWorkflow, validateWorkflow } from '@tandem/shared/engine';
import { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { pureRegistry } from './lib/test-run.ts';

/** A workflow as n8n 1.x exports it (prefixed types, uuid ids, n8n's parameter shapes), imported unchanged. */
const exported = {
  name: 'Orders report',
  nodes: [
    {
      parameters: {},
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      name: "When clicking 'Test workflow'",
      type: 'n8n-nodes-base.manualTrigger',
      typeVersion: 1,
      position: [0, 0],
    },
    {
      parameters: {
        assignments: {
          assignments: [
            {
              id: 'f1',
              name: 'orders',
              value:
                '={{ [{"id":1,"cust":"ann","total":30},{"id":2,"cust":"bob","total":5},{"id":3,"cust":"ann","total":12}] }}',
              type: 'array',
            },
          ],
        },
        options: {},
      },
      id: 'a1b2c3d4-0000-4000-8000-000000000002',
      name: 'Edit Fields',
      type: 'n8n-nodes-base.set',
      typeVersion: 3.4,
      position: [220, 0],
    },
    {
      parameters: { fieldToSplitOut: 'orders', options: {} },
      id: 'a1b2c3d4-0000-4000-8000-000000000003',
      name: 'Split Out',
      type: 'n8n-nodes-base.splitOut',
      typeVersion: 1,
      position: [440, 0],
    },
    {
      parameters: {
        conditions: {
          options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
          conditions: [
            {
              id: 'c1',
              leftValue: '={{ $json.total }}',
              rightValue: 10,
              operator: { type: 'number', operation: 'gt' },
            },
          ],
          combinator: 'and',
        },
        options: {},
      },
      id: 'a1b2c3d4-0000-4000-8000-000000000004',
      name: 'If',
      type: 'n8n-nodes-base.if',
      typeVersion: 2.2,
      position: [660, 0],
    },
    {
      parameters: {
        fieldsToSummarize: { values: [{ aggregation: 'sum', field: 'total' }, { field: 'id' }] },
        fieldsToSplitBy: 'cust',
        options: {},
      },
      id: 'a1b2c3d4-0000-4000-8000-000000000005',
      name: 'Summarize',
      type: 'n8n-nodes-base.summarize',
      typeVersion: 1.1,
      position: [880, -100],
    },
    {
      parameters: {
        assignments: {
          assignments: [
            {
              id: 'f2',
              name: 'note',
              value: "=small order {{ $json.id }} from {{ $('Split Out').item.json.cust }}",
              type: 'string',
            },
          ],
        },
        includeOtherFields: false,
        options: {},
      },
      id: 'a1b2c3d4-0000-4000-8000-000000000006',
      name: 'Small',
      type: 'n8n-nodes-base.set',
      typeVersion: 3.4,
      position: [880, 100],
    },
  ],
  pinData: {},
  connections: {
    "When clicking 'Test workflow'": { main: [[{ node: 'Edit Fields', type: 'main', index: 0 }]] },
    'Edit Fields': { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
    'Split Out': { main: [[{ node: 'If', type: 'main', index: 0 }]] },
    If: {
      main: [[{ node: 'Summarize', type: 'main', index: 0 }], [{ node: 'Small', type: 'main', index: 0 }]],
    },
  },
  active: false,
  settings: { executionOrder: 'v1' },
  versionId: '0b0b0b0b-1111-4222-8333-444444444444',
  meta: { templateCredsSetupCompleted: true, instanceId: 'abc' },
  id: 'Xy12Ab34Cd56Ef78',
  tags: [],
};

describe('n8n export', () => {
  it('imports unchanged, validates, and produces the items n8n produces', async () => {
    const wf = WorkflowJson.parse(exported);
    expect(validateWorkflow(wf).issues).toEqual([]);
    const order: string[] = [];
    const r = await runWorkflow({
      workflow: wf,
      nodeTypes: pureRegistry,
      services: { now: () => 0 },
      hooks: { nodeStarted: (n) => order.push(n) },
    });
    expect(r.status).toBe('success');
    // v1: the top branch (Summarize, y=-100) runs before the bottom one
    expect(order).toEqual([
      "When clicking 'Test workflow'",
      'Edit Fields',
      'Split Out',
      'If',
      'Summarize',
      'Small',
    ]);
    expect(r.runData.Summarize[0].data.main[0]?.map((i) => i.json)).toEqual([
      { cust: 'ann', sum_total: 42, count_id: 2 },
    ]);
    expect(r.runData.Small[0].data.main[0]?.map((i) => i.json)).toEqual([{ note: 'small order 2 from bob' }]);
  });
});
