import type { SubWorkflowRequest } from '@tandem/shared/engine';
import { describe, expect, it } from 'vitest';
import { jsonOf, makeNodeContext } from '../test-support/node-context.ts';
import { executeExecuteWorkflow } from './execute-workflow.ts';
import { executeExecuteWorkflowTrigger } from './execute-workflow-trigger.ts';
import { executeWait } from './wait.ts';

const NOW = Date.parse('2026-01-05T10:00:00Z');
const items = [{ json: { a: 1 } }, { json: { a: 2 } }];

describe('Wait node', () => {
  const parks: [string, Record<string, unknown>, string | null][] = [
    [
      'long interval parks until then',
      { resume: 'timeInterval', amount: 2, unit: 'hours' },
      '2026-01-05T12:00:00.000Z',
    ],
    [
      'specific time parks until then',
      { resume: 'specificTime', dateTime: '2026-02-01T08:00:00Z' },
      '2026-02-01T08:00:00.000Z',
    ],
    ['webhook parks without limit', { resume: 'webhook' }, null],
    [
      'webhook with a time limit',
      { resume: 'webhook', limitWaitTime: true, resumeAmount: 30, resumeUnit: 'minutes' },
      '2026-01-05T10:30:00.000Z',
    ],
    [
      'webhook until a date',
      {
        resume: 'webhook',
        limitWaitTime: true,
        limitType: 'atSpecifiedTime',
        maxDateAndTime: '2026-01-06T00:00:00Z',
      },
      '2026-01-06T00:00:00.000Z',
    ],
  ];
  it.each(parks)('%s', async (_name, parameters, until) => {
    const { ctx, record } = makeNodeContext({ parameters: parameters as never, items, now: () => NOW });
    const out = await executeWait(ctx);
    expect(record.waits.map((d) => d?.toISOString() ?? null)).toEqual([until]);
    expect(jsonOf(out)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('sleeps in-process for short waits and passes past times through', async () => {
    const { ctx, record } = makeNodeContext({
      parameters: { resume: 'timeInterval', amount: 0.05, unit: 'seconds' },
      items,
    });
    const t0 = Date.now();
    await executeWait(ctx);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(record.waits).toEqual([]);
    const past = makeNodeContext({
      parameters: { resume: 'specificTime', dateTime: '2020-01-01T00:00:00Z' },
      items,
    });
    await executeWait(past.ctx);
    expect(past.record.waits).toEqual([]);
  });

  it('rejects bad input clearly', async () => {
    for (const [parameters, message] of [
      [{ resume: 'timeInterval', amount: -1, unit: 'hours' }, /≥ 0/],
      [{ resume: 'timeInterval', amount: 1, unit: 'weeks' }, /Unknown wait unit/],
      [{ resume: 'specificTime', dateTime: 'tomorrow-ish' }, /not a valid date/],
      [{ resume: 'never' }, /Unknown resume mode/],
    ] as const) {
      const { ctx } = makeNodeContext({ parameters: parameters as never, items });
      await expect(executeWait(ctx)).rejects.toThrow(message);
    }
  });
});

describe('Execute Workflow node', () => {
  function withSub(parameters: Record<string, unknown>) {
    const calls: SubWorkflowRequest[] = [];
    const made = makeNodeContext({
      parameters: parameters as never,
      items,
      services: {
        runSubWorkflow: async (req) => {
          calls.push(req);
          return {
            executionId: 'sub-1',
            data: [
              req.items.map((i) => ({ json: { got: i.json.a, wf: req.workflowId ?? req.workflow?.name } })),
            ],
          };
        },
      },
    });
    return { ...made, calls };
  }

  it('runs once with all items and returns the sub-workflow output', async () => {
    const { ctx, calls } = withSub({ workflowId: { __rl: true, value: 'wf-9', mode: 'list' } });
    const out = await executeExecuteWorkflow(ctx);
    expect(jsonOf(out)).toEqual([
      { got: 1, wf: 'wf-9' },
      { got: 2, wf: 'wf-9' },
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      workflowId: 'wf-9',
      waitForCompletion: true,
      parentExecutionId: 'exec-1',
    });
    expect(out[0]?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('runs once per item', async () => {
    const { ctx, calls } = withSub({ workflowId: 'wf-9', mode: 'each' });
    const out = await executeExecuteWorkflow(ctx);
    expect(calls.map((c) => c.items.length)).toEqual([1, 1]);
    expect(out[0]?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('does not wait when told so and passes the input through', async () => {
    const { ctx, calls } = withSub({ workflowId: 'wf-9', options: { waitForSubWorkflow: false } });
    expect(jsonOf(await executeExecuteWorkflow(ctx))).toEqual([{ a: 1 }, { a: 2 }]);
    expect(calls[0].waitForCompletion).toBe(false);
  });

  it('accepts a workflow given as JSON', async () => {
    const { ctx, calls } = withSub({
      source: 'parameter',
      workflowJson: JSON.stringify({ name: 'Inline', nodes: [] }),
    });
    expect(jsonOf(await executeExecuteWorkflow(ctx))[0]).toEqual({ got: 1, wf: 'Inline' });
    expect(calls[0].workflow?.nodes).toEqual([]);
  });

  it('fails clearly without a workflow or a host', async () => {
    await expect(executeExecuteWorkflow(withSub({}).ctx)).rejects.toThrow(/No sub-workflow selected/);
    await expect(executeExecuteWorkflow(withSub({ source: 'url' }).ctx)).rejects.toThrow(/not supported/);
    const bare = makeNodeContext({ parameters: { workflowId: 'x' }, items });
    await expect(executeExecuteWorkflow(bare.ctx)).rejects.toThrow(/not available/);
  });
});

describe('Execute Workflow Trigger node', () => {
  it('passes items through by default', () => {
    const { ctx } = makeNodeContext({ items });
    expect(jsonOf(executeExecuteWorkflowTrigger(ctx) as never)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('keeps and converts declared inputs', () => {
    const { ctx } = makeNodeContext({
      items: [{ json: { n: '5', flag: 'true', extra: 1 } }],
      parameters: {
        inputSource: 'workflowInputs',
        workflowInputs: {
          values: [{ name: 'n', type: 'number' }, { name: 'flag', type: 'boolean' }, { name: 'missing' }],
        },
      },
    });
    expect(jsonOf(executeExecuteWorkflowTrigger(ctx) as never)).toEqual([
      { n: 5, flag: true, missing: null },
    ]);
    const bad = makeNodeContext({
      items: [{ json: { n: 'x' } }],
      parameters: {
        inputSource: 'workflowInputs',
        workflowInputs: { values: [{ name: 'n', type: 'number' }] },
      },
    });
    expect(() => executeExecuteWorkflowTrigger(bad.ctx)).toThrow(/must be a number/);
  });
});
