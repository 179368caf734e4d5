/**
 * Engine benchmark: in-process executions per second, run data kept (the engine always records it).
 *   node bench/engine/run.ts            (~15 s on this machine)
 *   BENCH_SECONDS=1 node bench/engine/run.ts   (quick)
 * Scenarios (issue 3): (a) Manual → Edit Fields → Code → end, (b) a 100-item fan-out with an expression per
 * item, (c) 100,000-item `{{ $json.a * 2 }}` evaluation.
 */
import { createRegistry, type NodeType, type RunResult, runWorkflow } from '../../shared/src/engine/index.ts';
import { compileTemplate, ItemDataScope } from '../../shared/src/expression/index.ts';
import type { WorkflowJson } from '../../shared/src/schema/index.ts';
import { nodeTypes as workerNodeTypes } from '../../worker/src/nodes/index.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const registry = createRegistry(workerNodeTypes as NodeType[]);
const services = { now: () => Date.now() };

function node(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, y = 0) {
  return {
    id: name,
    name,
    type,
    typeVersion,
    position: [y * 200, 0] as [number, number],
    parameters: parameters as never,
  };
}

function chain(nodes: ReturnType<typeof node>[]): WorkflowJson {
  const connections: WorkflowJson['connections'] = {};
  for (let i = 0; i < nodes.length - 1; i++) {
    connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
  }
  return { name: 'bench', nodes, connections, settings: { executionOrder: 'v1' } };
}

const editFields = node('Edit Fields', 'set', 3.4, {
  assignments: {
    assignments: [
      { id: '1', name: 'doubled', value: '={{ $json.value * 2 }}', type: 'number' },
      { id: '2', name: 'source', value: 'bench', type: 'string' },
      { id: '3', name: 'constant', value: 42, type: 'number' },
    ],
  },
});
const code = node('Code', 'code', 2, {
  jsCode: 'return $input.all().map((item, index) => ({ json: { ...item.json, index, processed: true } }));',
});

const scenarioA = chain([node('Manual', 'manualTrigger', 1, {}), editFields, code]);
const scenarioA0 = chain([node('Manual', 'manualTrigger', 1, {}), editFields, node('End', 'noOp', 1, {})]);
const scenarioB = chain([
  node('Manual', 'manualTrigger', 1, {}),
  node('Fan out', 'splitOut', 1, { fieldToSplitOut: 'list' }),
  node('Per item', 'set', 3.4, {
    includeOtherFields: true,
    assignments: {
      assignments: [{ id: '1', name: 'product', value: '={{ $json.i * $json.value }}', type: 'number' }],
    },
  }),
]);
const scenarioC = chain([
  node('Manual', 'manualTrigger', 1, {}),
  node('Double', 'set', 3.4, {
    assignments: { assignments: [{ id: '1', name: 'b', value: '={{ $json.a * 2 }}', type: 'number' }] },
  }),
]);

async function execsPerSecond(
  wf: WorkflowJson,
  triggerItems: { json: Record<string, unknown> }[],
  check: (r: RunResult) => void,
) {
  const first = await runWorkflow({ workflow: wf, nodeTypes: registry, services, triggerItems });
  check(first);
  for (let i = 0; i < 200; i++)
    await runWorkflow({ workflow: wf, nodeTypes: registry, services, triggerItems }); // warm-up
  const kept: RunResult[] = [];
  let n = 0;
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 50; i++) {
      const r = await runWorkflow({ workflow: wf, nodeTypes: registry, services, triggerItems });
      if (kept.length < 1000) kept.push(r);
      n++;
    }
  }
  return n / ((performance.now() - t0) / 1000);
}

function expect(ok: boolean, what: string) {
  if (!ok) throw new Error(`benchmark sanity check failed: ${what}`);
}

const rows: [string, string, string, string][] = [];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const a = await execsPerSecond(scenarioA, [{ json: { value: 21, name: 'bench' } }], (r) =>
  expect(
    JSON.stringify(r.runData.Code?.[0]?.data.main[0]?.[0]?.json) ===
      '{"doubled":42,"source":"bench","constant":42,"index":0,"processed":true}',
    `(a) output ${JSON.stringify(r.error ?? r.runData.Code?.[0]?.data.main)}`,
  ),
);
rows.push(['(a) Manual → Edit Fields → Code (isolated-vm)', 'exec/s', fmt(a), '≥ 10,000']);
const a0 = await execsPerSecond(scenarioA0, [{ json: { value: 21 } }], (r) =>
  expect(r.status === 'success', '(a0)'),
);
rows.push(['(a′) Manual → Edit Fields → No-Op (engine only)', 'exec/s', fmt(a0), '—']);

const list = Array.from({ length: 100 }, (_, i) => ({ i, value: 3 }));
const b = await execsPerSecond(scenarioB, [{ json: { list } }], (r) =>
  expect(
    r.runData['Per item']?.[0]?.data.main[0]?.length === 100 &&
      r.runData['Per item'][0].data.main[0]?.[99].json.product === 297,
    '(b)',
  ),
);
rows.push(['(b) 100-item fan-out, expression per item', 'exec/s', fmt(b), '≥ 1,000']);

// (c1) raw evaluator: compile once, evaluate per item
const items = Array.from({ length: 100_000 }, (_, i) => ({ json: { a: i } }));
const scope = new ItemDataScope({
  nodeName: 'Double',
  parameters: {},
  inputs: [items],
  source: [null],
  runIndex: 0,
  runData: {},
  workflow: { name: 'bench', active: false },
  execution: { id: 'bench', mode: 'manual', customData: {} },
  timezone: 'UTC',
  now: () => Date.now(),
  nodeParameters: () => ({}),
});
const tpl = compileTemplate('={{ $json.a * 2 }}');
let best = 0;
for (let round = 0; round < 10; round++) {
  const t0 = performance.now();
  let sum = 0;
  for (let i = 0; i < items.length; i++) {
    scope.itemIndex = i;
    sum += tpl.evaluate(scope) as number;
  }
  const rate = items.length / ((performance.now() - t0) / 1000);
  expect(sum === 9_999_900_000, '(c1) sum');
  best = Math.max(best, rate);
}
rows.push(['(c) 100,000 × {{ $json.a * 2 }} (evaluator)', 'evals/s', fmt(best), '≥ 2,000,000']);

// (c2) the same through the engine: an Edit Fields node over 100k items, run data kept
let bestNode = 0;
for (let round = 0; round < 3; round++) {
  const t0 = performance.now();
  const r = await runWorkflow({ workflow: scenarioC, nodeTypes: registry, services, triggerItems: items });
  const rate = items.length / ((performance.now() - t0) / 1000);
  expect(r.runData.Double?.[0]?.data.main[0]?.[99_999].json.b === 199_998, '(c2)');
  bestNode = Math.max(bestNode, rate);
}
rows.push(['(c′) same, through Edit Fields in the engine', 'items/s', fmt(bestNode), '—']);

const w = [Math.max(...rows.map((r) => r[0].length)), 8, 12, 12];
const line = (r: string[]) =>
  `| ${r.map((c, i) => (i >= 2 ? c.padStart(w[i]) : c.padEnd(w[i]))).join(' | ')} |`;
console.log(line(['scenario', 'unit', 'measured', 'target']));
console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\nNode ${process.version}, ${SECONDS}s per execution scenario, single process.`);
process.exit(0);
