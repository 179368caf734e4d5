import { describe, expect, it } from 'vitest';
import { graphOf } from './graph.ts';
import { createRegistry, workflowBuilder } from './harness.ts';
import { runWorkflow } from './run-workflow.ts';
import { testNodeTypes } from './test-nodes.ts';
import type { RunWorkflowOptions } from './types.ts';

const nodeTypes = createRegistry(testNodeTypes);

function services(extra: Record<string, unknown> = {}) {
  const sleeps: number[] = [];
  return {
    now: () => Date.now(),
    counters: {},
    seen: [] as string[],
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    ...extra,
  };
}

async function run(workflow: RunWorkflowOptions['workflow'], extra: Partial<RunWorkflowOptions> = {}) {
  const order: string[] = [];
  const svc = (extra.services as ReturnType<typeof services>) ?? services();
  const result = await runWorkflow({
    workflow,
    nodeTypes,
    services: svc,
    mode: 'trigger',
    hooks: { nodeStarted: (n) => order.push(n) },
    ...extra,
  });
  return { result, order, svc };
}

const out = (r: Awaited<ReturnType<typeof run>>['result'], node: string, output = 0, runIndex = 0) =>
  r.runData[node]?.[runIndex]?.data.main[output]?.map((i) => i.json) ?? [];

/** Trigger T → A → B (both pass-through). */
const chainTAB = () =>
  workflowBuilder()
    .node('T', 'testTrigger')
    .node('A', 'pass')
    .node('B', 'pass')
    .connect('T', 'A')
    .connect('A', 'B')
    .build();

describe('runWorkflow: scheduling', () => {
  it('runs a linear chain and records n8n-shaped run data', async () => {
    const wf = chainTAB();
    const { result, order } = await run(wf, { triggerItems: [{ json: { x: 1 } }] });
    expect(result.status).toBe('success');
    expect(order).toEqual(['T', 'A', 'B']);
    expect(out(result, 'B')).toEqual([{ x: 1, trace: ['A', 'B'] }]);
    const task = result.runData.B[0];
    expect(task.source).toEqual([{ previousNode: 'A', previousNodeOutput: 0, previousNodeRun: 0 }]);
    expect(task.status).toBe('success');
    expect(result.lastNodeExecuted).toBe('B');
  });

  it('an immutable workflow object runs the same, its graph built once and shared by its runs', async () => {
    const wf = chainTAB();
    const once = await run(wf, { triggerItems: [{ json: { x: 1 } }] });
    const shared = await Promise.all(
      [1, 2].map(() => run(wf, { triggerItems: [{ json: { x: 1 } }], immutableWorkflow: true })),
    );
    for (const r of shared) {
      expect(r.order).toEqual(once.order);
      expect(out(r.result, 'B')).toEqual(out(once.result, 'B'));
    }
    expect(graphOf(wf)).toBe(graphOf(wf));
    expect(graphOf(wf).children.get('A')?.[0]).toEqual([{ from: 'A', output: 0, to: 'B', input: 0 }]);
  });

  it('keeps input items when asked, and never leaks engine stack frames into node errors', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('A', 'pass')
      .node('F', 'flaky')
      .connect('T', 'A')
      .connect('A', 'F')
      .build();
    const { result } = await run(wf, { triggerItems: [{ json: { x: 1 } }], saveInputData: true });
    expect(result.runData.A[0].inputData?.main[0]?.map((i) => i.json)).toEqual([{ x: 1 }]);
    expect(result.runData.F[0].error?.message).toBe('failure #1');
    expect(result.runData.F[0].error?.stack ?? '').not.toMatch(/shared\/src|node:internal/);
  });

  it('does not run a branch that received no items, unless alwaysOutputData', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('If', 'branch')
      .node('Yes', 'pass')
      .node('No', 'pass')
      .node('After', 'pass')
      .connect('T', 'If')
      .connect('If', 'Yes', 0)
      .connect('If', 'No', 1)
      .connect('Yes', 'After')
      .build();
    const { result, order } = await run(wf, { triggerItems: [{ json: { ok: true } }] });
    expect(order).toEqual(['T', 'If', 'Yes', 'After']);
    expect(result.runData.No).toBeUndefined();

    const empty = (always: boolean) =>
      workflowBuilder()
        .node('T', 'testTrigger')
        .node('F', 'fanOut', { count: 0 }, { alwaysOutputData: always })
        .node('After', 'pass')
        .connect('T', 'F')
        .connect('F', 'After')
        .build();
    expect((await run(empty(false))).order).toEqual(['T', 'F']);
    const r2 = await run(empty(true));
    expect(r2.order).toEqual(['T', 'F', 'After']);
    expect(out(r2.result, 'F')).toEqual([{}]);
  });

  it('v1 order: depth-first, branches top to bottom by canvas position', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger', {}, { position: [0, 0] })
      .node('Low', 'pass', {}, { position: [200, 300] })
      .node('High', 'pass', {}, { position: [200, 0] })
      .node('High2', 'pass', {}, { position: [400, 0] })
      .node('Low2', 'pass', {}, { position: [400, 300] })
      .connect('T', 'Low')
      .connect('T', 'High')
      .connect('High', 'High2')
      .connect('Low', 'Low2')
      .build();
    expect((await run(wf)).order).toEqual(['T', 'High', 'High2', 'Low', 'Low2']);
  });

  it('v0 (legacy) order: breadth-first in connection order', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger', {}, { position: [0, 0] })
      .node('Low', 'pass', {}, { position: [200, 300] })
      .node('High', 'pass', {}, { position: [200, 0] })
      .node('High2', 'pass', {}, { position: [400, 0] })
      .node('Low2', 'pass', {}, { position: [400, 300] })
      .connect('T', 'Low')
      .connect('T', 'High')
      .connect('High', 'High2')
      .connect('Low', 'Low2')
      .settings({ executionOrder: 'v0' })
      .build();
    expect((await run(wf)).order).toEqual(['T', 'Low', 'High', 'Low2', 'High2']);
  });

  it('a two-input node waits for both inputs, and runs with what it has when the other branch is empty', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('A', 'pass')
      .node('B', 'pass')
      .node('M', 'merge')
      .connect('T', 'A')
      .connect('T', 'B')
      .connect('A', 'M', 0, 0)
      .connect('B', 'M', 0, 1)
      .build();
    const { result, order } = await run(wf, { triggerItems: [{ json: { n: 1 } }] });
    expect(order).toEqual(['T', 'A', 'B', 'M']);
    expect(out(result, 'M')).toHaveLength(2);
    expect(result.runData.M[0].source.map((s) => s?.previousNode)).toEqual(['A', 'B']);

    const wf2 = workflowBuilder()
      .node('T', 'testTrigger')
      .node('If', 'branch')
      .node('M', 'merge')
      .connect('T', 'If')
      .connect('If', 'M', 0, 0)
      .connect('If', 'M', 1, 1)
      .build();
    const r2 = await run(wf2, { triggerItems: [{ json: { ok: true } }] });
    expect(r2.order).toEqual(['T', 'If', 'M']);
    expect(out(r2.result, 'M')).toEqual([{ ok: true, trace: ['If', 'M'] }]);
  });

  it('disabled nodes pass their input through', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('A', 'pass', {}, { disabled: true })
      .node('B', 'pass')
      .connect('T', 'A')
      .connect('A', 'B')
      .build();
    const { result } = await run(wf, { triggerItems: [{ json: { v: 1 } }] });
    expect(out(result, 'B')).toEqual([{ v: 1, trace: ['B'] }]);
  });

  it('executeOnce processes only the first item', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('A', 'pass', {}, { executeOnce: true })
      .connect('T', 'A')
      .build();
    const { result } = await run(wf, { triggerItems: [{ json: { i: 0 } }, { json: { i: 1 } }] });
    expect(out(result, 'A')).toEqual([{ i: 0, trace: ['A'] }]);
  });

  it('Loop Over Items forms the only legal cycle and runs the body once per batch', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('Loop', 'loop')
      .node('Body', 'pass')
      .node('Done', 'pass')
      .connect('T', 'Loop')
      .connect('Loop', 'Done', 0)
      .connect('Loop', 'Body', 1)
      .connect('Body', 'Loop')
      .build();
    const { result, order } = await run(wf, {
      triggerItems: [{ json: { i: 0 } }, { json: { i: 1 } }, { json: { i: 2 } }],
    });
    expect(result.status).toBe('success');
    expect(order).toEqual(['T', 'Loop', 'Body', 'Loop', 'Body', 'Loop', 'Body', 'Loop', 'Done']);
    expect(result.runData.Body).toHaveLength(3);
    expect(out(result, 'Done').map((j) => j.i)).toEqual([0, 1, 2]);
  });
});

describe('runWorkflow: errors and retries', () => {
  it('retries with waitBetweenTries and succeeds', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('F', 'flaky', { failTimes: 2 }, { retryOnFail: true, maxTries: 3, waitBetweenTries: 50 })
      .connect('T', 'F')
      .build();
    const { result, svc } = await run(wf);
    expect(result.status).toBe('success');
    expect(svc.counters).toEqual({ F: 3 });
    expect(svc.sleeps).toEqual([50, 50]);
  });

  it('stops after maxTries and reports the node error', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('F', 'flaky', {}, { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 })
      .node('After', 'pass')
      .connect('T', 'F')
      .connect('F', 'After')
      .build();
    const { result, svc } = await run(wf);
    expect(result.status).toBe('error');
    expect(svc.counters).toEqual({ F: 2 });
    expect(result.error?.message).toBe('failure #2');
    expect(result.runData.F[0].status).toBe('error');
    expect(result.runData.After).toBeUndefined();
  });

  it('NonRetriableError is not retried', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('F', 'flaky', { nonRetriable: true }, { retryOnFail: true, maxTries: 5 })
      .connect('T', 'F')
      .build();
    const { svc } = await run(wf);
    expect(svc.counters).toEqual({ F: 1 });
  });

  it('continueRegularOutput / legacy continueOnFail pass input on with the error', async () => {
    for (const extra of [{ onError: 'continueRegularOutput' as const }, { continueOnFail: true }]) {
      const wf = workflowBuilder()
        .node('T', 'testTrigger')
        .node('F', 'flaky', {}, extra)
        .node('After', 'pass')
        .connect('T', 'F')
        .connect('F', 'After')
        .build();
      const { result } = await run(wf, { triggerItems: [{ json: { a: 1 } }] });
      expect(result.status).toBe('success');
      expect(result.runData.F[0].error?.message).toBe('failure #1');
      expect(out(result, 'After')).toEqual([{ a: 1, error: 'failure #1', trace: ['After'] }]);
    }
  });

  it('continueErrorOutput routes to the extra error output', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('F', 'flaky', {}, { onError: 'continueErrorOutput' })
      .node('Ok', 'pass')
      .node('Err', 'pass')
      .connect('T', 'F')
      .connect('F', 'Ok', 0)
      .connect('F', 'Err', 1)
      .build();
    const { result, order } = await run(wf, { triggerItems: [{ json: { a: 1 } }] });
    expect(result.status).toBe('success');
    expect(order).toEqual(['T', 'F', 'Err']);
    expect(out(result, 'Err')).toEqual([{ a: 1, error: 'failure #1', trace: ['Err'] }]);
  });
});

describe('runWorkflow: cancellation, timeouts, waiting', () => {
  it('cancellation reaches the running node', async () => {
    const wf = workflowBuilder().node('T', 'testTrigger').node('H', 'hang').connect('T', 'H').build();
    const ctrl = new AbortController();
    const svc = services();
    const p = run(wf, { signal: ctrl.signal, services: svc });
    await new Promise((r) => setTimeout(r, 20));
    ctrl.abort();
    const { result } = await p;
    expect(result.status).toBe('canceled');
    expect(svc.seen).toEqual(['started', 'aborted']);
    expect(result.runData.H[0].status).toBe('canceled');
  });

  it('a node ignoring its signal does not hold the execution; timeout fails it', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('H', 'hang', { honourSignal: false })
      .connect('T', 'H')
      .build();
    const t0 = Date.now();
    const { result } = await run(wf, { timeoutMs: 50 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ name: 'TimeoutError' });
  });

  it('a Wait node parks the execution and resumeFrom continues after it', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('A', 'pass')
      .node('W', 'wait')
      .node('B', 'pass')
      .connect('T', 'A')
      .connect('A', 'W')
      .connect('W', 'B')
      .build();
    const first = await run(wf, { triggerItems: [{ json: { x: 1 } }] });
    expect(first.result.status).toBe('waiting');
    expect(first.result.waitTill).toBeNull();
    expect(first.result.runData.B).toBeUndefined();
    const second = await run(wf, {
      resumeFrom: { runData: first.result.runData, resumedNodeOutput: [[{ json: { resumed: true } }]] },
    });
    expect(second.result.status).toBe('success');
    expect(second.order).toEqual(['B']);
    expect(out(second.result, 'B')).toEqual([{ resumed: true, trace: ['B'] }]);
  });

  it('resumeFrom a checkpoint does not re-run finished nodes', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('A', 'pass')
      .node('B', 'pass')
      .node('C', 'pass')
      .connect('T', 'A')
      .connect('A', 'B')
      .connect('B', 'C')
      .build();
    const full = await run(wf, { triggerItems: [{ json: { x: 1 } }] });
    const checkpoint = { T: full.result.runData.T, A: full.result.runData.A };
    const resumed = await run(wf, { resumeFrom: { runData: checkpoint } });
    expect(resumed.order).toEqual(['B', 'C']);
    expect(out(resumed.result, 'C')).toEqual(out(full.result, 'C'));
  });
});

describe('runWorkflow: checkpoints', () => {
  const loopWf = () =>
    workflowBuilder()
      .node('T', 'testTrigger')
      .node('Loop', 'loop')
      .node('Body', 'pass')
      .node('Done', 'pass')
      .connect('T', 'Loop')
      .connect('Loop', 'Done', 0)
      .connect('Loop', 'Body', 1)
      .connect('Body', 'Loop')
      .build();

  it('resumes in the middle of a Loop Over Items cycle (node state restored from the checkpoint)', async () => {
    const items = [{ json: { i: 0 } }, { json: { i: 1 } }, { json: { i: 2 } }];
    const tasks: [string, number][] = [];
    const full = await runWorkflow({
      workflow: loopWf(),
      nodeTypes,
      services: services(),
      triggerItems: items,
      hooks: { nodeFinished: (n, run) => void tasks.push([n, run]) },
    });
    // crash after the 4th finished node (T, Loop, Body, Loop): rebuild the checkpoint the host would have written
    const checkpoint: typeof full.runData = {};
    for (const [n, run] of tasks.slice(0, 4)) (checkpoint[n] ??= []).push(full.runData[n][run]);
    const resumed = await run(loopWf(), { resumeFrom: { runData: checkpoint } });
    expect(resumed.order).toEqual(['Body', 'Loop', 'Body', 'Loop', 'Done']);
    expect(out(full, 'Done')).toHaveLength(3);
    expect(out(resumed.result, 'Done')).toEqual(out(full, 'Done'));
  });
});

describe('runWorkflow: legacy v0 quirks', () => {
  it('v0 delivers an empty branch to input 2 of a Merge, so it runs as soon as both inputs are known', async () => {
    const wf = workflowBuilder()
      .node('T', 'testTrigger')
      .node('If', 'branch')
      .node('M', 'merge')
      .connect('T', 'If')
      .connect('If', 'M', 0, 0)
      .connect('If', 'M', 1, 1)
      .settings({ executionOrder: 'v0' })
      .build();
    const { result, order } = await run(wf, { triggerItems: [{ json: { ok: true } }] });
    expect(order).toEqual(['T', 'If', 'M']);
    expect(result.runData.M[0].source.map((s) => s?.previousNodeOutput)).toEqual([0, 1]);
  });
});

describe('runWorkflow: pinned data and partial execution', () => {
  const wf = () =>
    workflowBuilder()
      .node('T', 'testTrigger')
      .node('A', 'pass')
      .node('B', 'pass')
      .node('C', 'pass')
      .connect('T', 'A')
      .connect('A', 'B')
      .connect('B', 'C')
      .build();

  it('uses pinned data instead of running the node', async () => {
    const { result, order } = await run(wf(), { pinData: { A: [{ json: { pinned: 1 } }] } });
    expect(order).toEqual(['T', 'A', 'B', 'C']);
    expect(result.runData.A[0].pinned).toBe(true);
    expect(out(result, 'C')).toEqual([{ pinned: 1, trace: ['B', 'C'] }]);
  });

  it('runs up to a destination node, reusing previous run data', async () => {
    const first = await run(wf(), { triggerItems: [{ json: { x: 1 } }], destinationNode: 'B' });
    expect(first.order).toEqual(['T', 'A', 'B']);
    const again = await run(wf(), { destinationNode: 'C', previousRunData: first.result.runData });
    expect(again.order).toEqual(['C']);
    expect(out(again.result, 'C')).toEqual([{ x: 1, trace: ['A', 'B', 'C'] }]);
    const dirty = await run(wf(), {
      destinationNode: 'C',
      previousRunData: first.result.runData,
      dirtyNodes: ['B'],
    });
    expect(dirty.order).toEqual(['B', 'C']);
  });

  it('runs one node alone with its parents previous output', async () => {
    const first = await run(wf(), { triggerItems: [{ json: { x: 2 } }] });
    const single = await run(wf(), {
      destinationNode: 'B',
      runNodeOnly: true,
      previousRunData: first.result.runData,
    });
    expect(single.order).toEqual(['B']);
    expect(out(single.result, 'B')).toEqual([{ x: 2, trace: ['A', 'B'] }]);
  });

  it('reports an unknown node type clearly', async () => {
    const w = workflowBuilder().node('T', 'testTrigger').node('X', 'nope').connect('T', 'X').build();
    const { result } = await run(w);
    expect(result.status).toBe('error');
    expect(result.error?.message).toContain('Unknown node type "nope"');
  });
});

describe('runWorkflow: expressions and paired items', () => {
  it("resolves $('Node').item through paired items and $json per item", async () => {
    const w = workflowBuilder()
      .node('T', 'testTrigger')
      .node('A', 'pass')
      .node('If', 'branch')
      .node('B', 'pass', { value: "={{ $('A').item.json.name + '-' + $json.ok + '-' + $itemIndex }}" })
      .connect('T', 'A')
      .connect('A', 'If')
      .connect('If', 'B', 1)
      .build();
    const { result } = await run(w, {
      triggerItems: [
        { json: { name: 'a', ok: true } },
        { json: { name: 'b', ok: false } },
        { json: { name: 'c', ok: false } },
      ],
    });
    expect(out(result, 'B').map((j) => j.value)).toEqual(['b-false-0', 'c-false-1']);
  });

  it('an expression error fails the node naming node, parameter and position', async () => {
    const w = workflowBuilder()
      .node('T', 'testTrigger')
      .node('A', 'pass', { value: '={{ $json.missing.deep }}' })
      .connect('T', 'A')
      .build();
    const { result } = await run(w);
    expect(result.status).toBe('error');
    expect(result.error?.message).toMatch(
      /Cannot read properties of undefined.*node "A", parameter "value", position \d+/,
    );
  });
});
