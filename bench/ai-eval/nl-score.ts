import { readFileSync } from 'node:fs';
import { canonicalNodeType, type WorkflowJson } from '../../shared/src/schema/index.ts';

export interface NlCase {
  id: string;
  text: string;
  types: string[];
  connections: [string, string][];
}

const isStrings = (v: unknown, min = 0): v is string[] =>
  Array.isArray(v) && v.length >= min && v.every((x) => typeof x === 'string');

/** The 30 shipped requests (shape-checked, since bench has no zod of its own). */
export function loadNlCases(): NlCase[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('./nl-requests.json', import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('nl-requests.json must be an array');
  return raw.map((c, i) => {
    const ok =
      c &&
      typeof c.id === 'string' &&
      typeof c.text === 'string' &&
      c.text &&
      isStrings(c.types, 1) &&
      Array.isArray(c.connections) &&
      c.connections.every((p: unknown) => isStrings(p) && p.length === 2);
    if (!ok) throw new Error(`nl-requests.json case ${i} is malformed`);
    return c as NlCase;
  });
}

export interface CaseScore {
  id: string;
  valid: boolean;
  /** Share of expected node types present (0 when invalid). */
  nodeRecall: number;
  /** Share of expected type→type connections present (1 when none are expected and the workflow is valid). */
  connectionRecall: number;
  error?: string;
}

/**
 * Score one produced workflow (or failure) against the expectation.
 * @example scoreCase(c, wf).nodeRecall // 0.75 when 3 of 4 expected types appear
 */
export function scoreCase(c: NlCase, workflow: WorkflowJson | undefined, error?: string): CaseScore {
  if (!workflow) return { id: c.id, valid: false, nodeRecall: 0, connectionRecall: 0, error };
  const typeOf = new Map(workflow.nodes.map((n) => [n.name, canonicalNodeType(n.type)]));
  const present = new Set(typeOf.values());
  const expectedTypes = [...new Set(c.types)];
  const pairs = new Set<string>();
  for (const [source, byType] of Object.entries(workflow.connections)) {
    for (const targets of byType.main ?? [])
      for (const t of targets ?? []) pairs.add(`${typeOf.get(source)}>${typeOf.get(t.node)}`);
  }
  const hits = c.connections.filter(([a, b]) => pairs.has(`${a}>${b}`)).length;
  return {
    id: c.id,
    valid: true,
    nodeRecall: expectedTypes.filter((t) => present.has(t)).length / expectedTypes.length,
    connectionRecall: c.connections.length ? hits / c.connections.length : 1,
  };
}

export interface Summary {
  cases: number;
  validRate: number;
  nodeRecall: number;
  connectionRecall: number;
}

/** Averages over all cases (invalid ones count as zero recall). */
export function summarise(scores: CaseScore[]): Summary {
  const n = scores.length || 1;
  const avg = (f: (s: CaseScore) => number) => scores.reduce((t, s) => t + f(s), 0) / n;
  return {
    cases: scores.length,
    validRate: avg((s) => (s.valid ? 1 : 0)),
    nodeRecall: avg((s) => s.nodeRecall),
    connectionRecall: avg((s) => s.connectionRecall),
  };
}

/** Per-case rows plus a summary line, as a Markdown table. */
export function formatNlTable(model: string, scores: CaseScore[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  const lines = [
    `Model: ${model}`,
    '',
    '| case | valid | node recall | connection recall | error |',
    '|---|---|---|---|---|',
  ];
  for (const s of scores)
    lines.push(
      `| ${s.id} | ${s.valid ? 'yes' : 'no'} | ${pct(s.nodeRecall)} | ${pct(s.connectionRecall)} | ${(s.error ?? '').slice(0, 80)} |`,
    );
  const sum = summarise(scores);
  lines.push(
    `| **all (${sum.cases})** | ${pct(sum.validRate)} | ${pct(sum.nodeRecall)} | ${pct(sum.connectionRecall)} | |`,
  );
  return lines.join('\n');
}
