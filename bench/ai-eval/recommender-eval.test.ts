import { describe, expect, it } from 'vitest';
import { WorkflowJson } from '../../shared/src/schema/index.ts';
import { loadStarterCorpus } from '../../worker/src/ai/recommender/corpus/index.ts';
import { evaluate, formatTable, mostFrequent, ngram, type Predictor } from './recommender-eval.ts';

function chain(id: number, types: string[]): WorkflowJson {
  const nodes = types.map((type, i) => ({
    id: `${id}-${i}`,
    name: `N${i}`,
    type,
    typeVersion: 1,
    position: [0, 0],
    parameters: {},
  }));
  const connections: Record<string, unknown> = {};
  for (let i = 0; i + 1 < types.length; i++)
    connections[`N${i}`] = { main: [[{ node: `N${i + 1}`, type: 'main', index: 0 }]] };
  return WorkflowJson.parse({ id: String(id), name: `w${id}`, nodes, connections });
}

describe('recommender evaluation', () => {
  it('counts hits exactly for a scripted predictor', () => {
    const workflows = [chain(1, ['webhook', 'set', 'code']), chain(2, ['webhook', 'set', 'mySql'])];
    const alwaysSet: Predictor = () => () => ['set', 'code', 'x'];
    const row = evaluate(workflows, 'scripted', alwaysSet, 2);
    expect(row.cases).toBe(4);
    expect(row.top1).toBe(0.5);
    expect(row.top3).toBe(0.75);
  });

  it('the n-gram model beats the frequency baseline on held-out corpus workflows', () => {
    const corpus = loadStarterCorpus();
    const base = evaluate(corpus, 'base', mostFrequent, 5);
    const model = evaluate(corpus, 'ngram', ngram, 5);
    expect(model.cases).toBe(base.cases);
    expect(model.top3).toBeGreaterThan(base.top3);
    expect(model.p50Ms).toBeLessThan(1); // p99 is asserted with warm-up in recommender.test.ts
    expect(formatTable([model])).toMatch(/\| ngram \| \d+ \| [\d.]+ % \|/);
  });
});
