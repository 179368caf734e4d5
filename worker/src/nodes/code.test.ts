import type { RunData } from '@tandem/shared/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { CodeSandbox } from '../sandbox/index.ts';
import { jsonOf, makeNodeContext } from '../test-support/node-context.ts';
import { executeCode } from './code.ts';

const codeSandbox = new CodeSandbox({ maxIsolates: 1, timeoutMs: 2000 });
afterAll(() => codeSandbox.dispose());

const runData: RunData = {
  Source: [
    {
      startTime: 0,
      executionTime: 1,
      status: 'success',
      source: [],
      data: { main: [[{ json: { v: 'a' } }, { json: { v: 'b' } }]] },
    },
  ],
};

function run(parameters: Record<string, unknown>, extra: Parameters<typeof makeNodeContext>[0] = {}) {
  const made = makeNodeContext({
    parameters: parameters as never,
    items: [{ json: { n: 1 } }, { json: { n: 2 } }],
    services: { codeSandbox },
    runData,
    source: [{ previousNode: 'Source' }],
    ...extra,
  });
  return { ...made, promise: executeCode(made.ctx) };
}

describe('Code node', () => {
  const cases: [string, Record<string, unknown>, unknown[]][] = [
    [
      'all items (default mode)',
      { jsCode: 'return $input.all().map(i => ({ json: { m: i.json.n * 10 } }))' },
      [{ m: 10 }, { m: 20 }],
    ],
    [
      'each item',
      { mode: 'runOnceForEachItem', jsCode: 'return { json: { m: $json.n + 1 } }' },
      [{ m: 2 }, { m: 3 }],
    ],
    ["$('Source').all()", { jsCode: "return $('Source').all()" }, [{ v: 'a' }, { v: 'b' }]],
    [
      "$('Source').item follows paired items",
      { mode: 'runOnceForEachItem', jsCode: "return { json: { v: $('Source').item.json.v } }" },
      [{ v: 'a' }, { v: 'b' }],
    ],
    [
      '$workflow and $execution',
      { jsCode: 'return [{ json: { w: $workflow.name, e: $execution.id } }]' },
      [{ w: 'Test workflow', e: 'exec-1' }],
    ],
    [
      'node parameters via $input.params',
      { jsCode: 'return [{ json: { mode: $input.params.mode ?? null } }]' },
      [{ mode: null }],
    ],
  ];
  it.each(cases)('%s', async (_name, parameters, expected) => {
    const { promise } = run(parameters);
    expect(jsonOf(await promise)).toEqual(expected);
  });

  it('reads and updates workflow static data like n8n', async () => {
    const first = run({
      jsCode:
        'const s = $getWorkflowStaticData("global"); s.count = (s.count ?? 0) + 1; const n = $getWorkflowStaticData("node"); n.last = $input.first().json.n; return [{ json: { count: s.count } }]',
    });
    expect(jsonOf(await first.promise)).toEqual([{ count: 1 }]);
    expect(first.ctx.staticData).toEqual({ global: { count: 1 }, 'node:Node': { last: 1 } });
    const again = makeNodeContext({
      parameters: { jsCode: 'return [{ json: $getWorkflowStaticData("global") }]' } as never,
      services: { codeSandbox },
    });
    again.ctx.staticData.global = { count: 5 };
    expect(jsonOf(await executeCode(again.ctx))).toEqual([{ count: 5 }]);
    await expect(run({ jsCode: '$getWorkflowStaticData("other"); return []' }).promise).rejects.toThrow(
      /"global" or "node"/,
    );
  });

  it('writes console output to the run logs', async () => {
    const { promise, record } = run({ jsCode: 'console.log("hello", 1); return []' });
    await promise;
    expect(record.logs).toEqual(['hello 1']);
  });

  it('fails with the user stack only, and clear messages for bad code', async () => {
    const err = await run({ jsCode: 'const x = 1;\nthrow new Error("oops")' }).promise.catch((e) => e);
    expect(err.name).toBe('NodeOperationError');
    expect(err.message).toBe('Error: oops [line 2]');
    expect(err.stack).toMatch(/code\.js:2/);
    expect(err.stack).not.toMatch(/worker\/src|node_modules/);
    await expect(run({ jsCode: 'return [' }).promise).rejects.toMatchObject({
      name: 'NonRetriableError',
      message: expect.stringMatching(/SyntaxError/),
    });
    await expect(run({}).promise).rejects.toThrow(/no JavaScript code/);
    await expect(run({ jsCode: 'return []', language: 'python' }).promise).rejects.toThrow(/not supported/);
    await expect(run({ jsCode: "return $('Nope').all()" }).promise).rejects.toThrow(/"Nope" has not run/);
  });

  it('is cancelled by the execution signal', async () => {
    const controller = new AbortController();
    const { promise } = run({ jsCode: 'while (true) {}' }, {
      signal: controller.signal,
      services: { codeSandbox },
    } as never);
    setTimeout(() => controller.abort(), 100);
    await expect(promise).rejects.toThrow(/cancelled|stopped/);
  });
});
