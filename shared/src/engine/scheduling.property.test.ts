import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRegistry, workflowBuilder } from './harness.ts';
import { runWorkflow } from './run-workflow.ts';
import { testNodeTypes } from './test-nodes.ts';
import type { RunResult } from './types.ts';

const nodeTypes = createRegistry(testNodeTypes);

/** A random DAG: node 0 is the trigger; every other node has 1–2 parents among earlier nodes. */
const dagArb = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    parents: fc.tuple(
      ...Array.from({ length: n - 1 }, (_, k) =>
        fc.uniqueArray(fc.integer({ min: 0, max: k }), { minLength: 1, maxLength: Math.min(2, k + 1) }),
      ),
    ),
    branchy: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    positions: fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), {
      minLength: n,
      maxLength: n,
    }),
    v1: fc.boolean(),
    items: fc.array(fc.record({ ok: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  }),
);

type Dag = typeof dagArb extends fc.Arbitrary<infer T> ? T : never;

function build(d: Dag, allowBranches: boolean) {
  const b = workflowBuilder('dag').settings({ executionOrder: d.v1 ? 'v1' : 'v0' });
  b.node('N0', 'testTrigger', {}, { position: [0, 0] });
  for (let i = 1; i < d.n; i++) {
    const ps = d.parents[i - 1];
    const type = ps.length === 2 ? 'merge' : allowBranches && d.branchy[i] ? 'branch' : 'pass';
    b.node(`N${i}`, type, {}, { position: [d.positions[i][0] * 100, d.positions[i][1] * 100] });
  }
  const types = new Map(b.build().nodes.map((n) => [n.name, n.type]));
  for (let i = 1; i < d.n; i++) {
    d.parents[i - 1].forEach((p, input) => {
      // a branch parent feeds children from output 0 or 1 depending on the child index
      const output = types.get(`N${p}`) === 'branch' ? i % 2 : 0;
      b.connect(`N${p}`, `N${i}`, output, input);
    });
  }
  return b.build();
}

async function exec(d: Dag, allowBranches: boolean): Promise<{ r: RunResult; order: string[] }> {
  const order: string[] = [];
  const r = await runWorkflow({
    workflow: build(d, allowBranches),
    nodeTypes,
    services: { now: () => 0 },
    triggerItems: d.items.map((json) => ({ json })),
    hooks: { nodeStarted: (n) => order.push(n) },
  });
  return { r, order };
}

const outputs = (r: RunResult) =>
  Object.fromEntries(Object.entries(r.runData).map(([k, runs]) => [k, runs.map((t) => t.data.main)]));

describe('Loop Over Items property', () => {
  it('the body runs once per item with consecutive run indexes; done runs once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.boolean(), async (n, v1) => {
        const wf = workflowBuilder()
          .settings({ executionOrder: v1 ? 'v1' : 'v0' })
          .node('T', 'testTrigger')
          .node('Loop', 'loop')
          .node('Body', 'pass')
          .node('Done', 'pass')
          .connect('T', 'Loop')
          .connect('Loop', 'Done', 0)
          .connect('Loop', 'Body', 1)
          .connect('Body', 'Loop')
          .build();
        const runs: string[] = [];
        const r = await runWorkflow({
          workflow: wf,
          nodeTypes,
          services: { now: () => 0 },
          triggerItems: Array.from({ length: n }, (_, i) => ({ json: { i } })),
          hooks: { nodeStarted: (name, runIndex) => runs.push(`${name}#${runIndex}`) },
        });
        expect(r.status).toBe('success');
        expect(runs.filter((x) => x.startsWith('Body#'))).toEqual(
          Array.from({ length: n }, (_, i) => `Body#${i}`),
        );
        expect(runs.filter((x) => x.startsWith('Done#'))).toEqual(['Done#0']);
        expect(new Set(runs).size).toBe(runs.length);
      }),
      { numRuns: 40 },
    );
  });
});

describe('scheduling properties on random DAGs', () => {
  it('without branching, every node runs exactly once (v0 and v1)', async () => {
    await fc.assert(
      fc.asyncProperty(dagArb, async (d) => {
        const { r, order } = await exec(d, false);
        expect(r.status).toBe('success');
        expect(order.slice().sort()).toEqual(Array.from({ length: d.n }, (_, i) => `N${i}`).sort());
        for (const runs of Object.values(r.runData)) expect(runs).toHaveLength(1);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });

  it('with branching, a node runs at most once per run index, and only if some input carried items', async () => {
    await fc.assert(
      fc.asyncProperty(dagArb, async (d) => {
        const { r, order } = await exec(d, true);
        expect(r.status).toBe('success');
        expect(new Set(order).size).toBe(order.length);
        for (const name of order.slice(1)) {
          const task = r.runData[name][0];
          const got = task.source.some(
            (s) => s && (r.runData[s.previousNode][0].data.main[s.previousNodeOutput ?? 0]?.length ?? 0) > 0,
          );
          expect(got).toBe(true);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });

  it('is deterministic: same workflow and input → same order and outputs', async () => {
    await fc.assert(
      fc.asyncProperty(dagArb, async (d) => {
        const a = await exec(d, true);
        const b = await exec(d, true);
        expect(b.order).toEqual(a.order);
        expect(outputs(b.r)).toEqual(outputs(a.r));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  it('resuming from any prefix checkpoint reproduces the full run', async () => {
    await fc.assert(
      fc.asyncProperty(dagArb, fc.nat(), async (d, cut) => {
        const full = await exec(d, true);
        const k = cut % full.order.length;
        const checkpoint: Record<string, RunResult['runData'][string]> = {};
        for (const n of full.order.slice(0, k)) {
          const done = checkpoint[n]?.length ?? 0;
          checkpoint[n] = full.r.runData[n].slice(0, done + 1);
        }
        const order: string[] = [];
        const resumed = await runWorkflow({
          workflow: build(d, true),
          nodeTypes,
          services: { now: () => 0 },
          triggerItems: d.items.map((json) => ({ json })),
          resumeFrom: { runData: checkpoint },
          hooks: { nodeStarted: (n) => order.push(n) },
        });
        expect(order).toEqual(full.order.slice(k));
        expect(outputs(resumed)).toEqual(outputs(full.r));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });
});
