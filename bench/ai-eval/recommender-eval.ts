import type { WorkflowJson } from '../../shared/src/schema/index.ts';
import { extractEvents, START } from '../../worker/src/ai/recommender/events.ts';
import { NextNodeRecommender } from '../../worker/src/ai/recommender/recommender.ts';

export interface EvalRow {
  model: string;
  cases: number;
  top1: number;
  top3: number;
  p50Ms: number;
  p99Ms: number;
}

/** A predictor: given a training set, returns a function ranking next types for a held-out event. */
export type Predictor = (
  train: WorkflowJson[],
) => (wf: WorkflowJson, event: ReturnType<typeof extractEvents>[number]) => string[];

/** The n-gram recommender. */
export const ngram: Predictor = (train) => {
  const model = NextNodeRecommender.fromWorkflows(train);
  return (_wf, e) => model.recommendFor(e, { limit: 3 }).map((r) => r.type);
};

/** Baseline: most frequent types overall, ignoring context. */
export const mostFrequent: Predictor = (train) => {
  const counts = new Map<string, number>();
  for (const w of train)
    for (const e of extractEvents(w)) if (e.prev !== START) counts.set(e.next, (counts.get(e.next) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  return () => ranked.slice(0, 3);
};

/** Baseline: bigram on the selected node's type only (no smoothing beyond frequency). */
export const bigram: Predictor = (train) => {
  const rows = new Map<string, Map<string, number>>();
  for (const w of train) {
    for (const e of extractEvents(w)) {
      const row = rows.get(e.prev) ?? rows.set(e.prev, new Map()).get(e.prev)!;
      row.set(e.next, (row.get(e.next) ?? 0) + 1);
    }
  }
  return (_wf, e) =>
    [...(rows.get(e.prev) ?? new Map<string, number>()).entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([t]) => t)
      .slice(0, 3);
};

/**
 * k-fold cross-validation over workflows: train on k-1 folds, predict every transition (except the trigger choice)
 * of the held-out fold. Folds are assigned round-robin, so the result is deterministic.
 * @example evaluate(loadStarterCorpus(), 'n-gram', ngram, 5) // { top1: 0.5, top3: 0.78, ... }
 */
export function evaluate(workflows: WorkflowJson[], name: string, predictor: Predictor, k = 5): EvalRow {
  let cases = 0;
  let hit1 = 0;
  let hit3 = 0;
  const times: number[] = [];
  for (let fold = 0; fold < k; fold++) {
    const train = workflows.filter((_, i) => i % k !== fold);
    const test = workflows.filter((_, i) => i % k === fold);
    const predict = predictor(train);
    for (const wf of test) {
      for (const e of extractEvents(wf)) {
        if (e.prev === START) continue;
        const t = performance.now();
        const ranked = predict(wf, e);
        times.push(performance.now() - t);
        cases += 1;
        if (ranked[0] === e.next) hit1 += 1;
        if (ranked.slice(0, 3).includes(e.next)) hit3 += 1;
      }
    }
  }
  times.sort((a, b) => a - b);
  const q = (f: number) =>
    times.length ? times[Math.min(times.length - 1, Math.floor(times.length * f))] : 0;
  return {
    model: name,
    cases,
    top1: cases ? hit1 / cases : 0,
    top3: cases ? hit3 / cases : 0,
    p50Ms: q(0.5),
    p99Ms: q(0.99),
  };
}

/** Render rows as a Markdown table. */
export function formatTable(rows: EvalRow[]): string {
  const lines = ['| model | cases | top-1 | top-3 | p50 ms | p99 ms |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(
      `| ${r.model} | ${r.cases} | ${(r.top1 * 100).toFixed(1)} % | ${(r.top3 * 100).toFixed(1)} % | ${r.p50Ms.toFixed(3)} | ${r.p99Ms.toFixed(3)} |`,
    );
  }
  return lines.join('\n');
}
