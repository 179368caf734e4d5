import { validateWorkflow } from '@tandem/shared/engine';
import { WorkflowJson } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { buildStarterCorpus, loadStarterCorpus } from './corpus/index.ts';
import { contextFor, extractEvents, START } from './events.ts';
import { NextNodeRecommender } from './recommender.ts';

const corpus = loadStarterCorpus();

function wf(id: string, chain: string[], extra: Partial<WorkflowJson> = {}): WorkflowJson {
  const nodes = chain.map((type, i) => ({
    id: `${id}${i}`,
    name: `N${i}`,
    type,
    typeVersion: 1,
    position: [i * 200, 0] as [number, number],
    parameters: {},
  }));
  const connections: WorkflowJson['connections'] = {};
  for (let i = 0; i + 1 < chain.length; i++)
    connections[`N${i}`] = { main: [[{ node: `N${i + 1}`, type: 'main', index: 0 }]] };
  return WorkflowJson.parse({ id, name: id, nodes, connections, ...extra });
}

describe('starter corpus', () => {
  it('ships at least 60 valid, connected workflows using the core node types', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    const types = new Set(corpus.flatMap((w) => w.nodes.map((n) => n.type)));
    for (const t of [
      'webhook',
      'scheduleTrigger',
      'httpRequest',
      'if',
      'switch',
      'set',
      'code',
      'merge',
      'filter',
      'splitOut',
      'aggregate',
      'summarize',
      'sort',
      'limit',
      'removeDuplicates',
      'mySql',
      'redis',
      'emailSend',
      'respondToWebhook',
      'wait',
      'executeWorkflow',
      'dateTime',
      'crypto',
      'html',
      'xml',
      'splitInBatches',
      'noOp',
      'stopAndError',
      'llmChat',
      'agent',
    ]) {
      expect(types, t).toContain(t);
    }
    for (const w of corpus) {
      expect(extractEvents(w).length, w.name).toBeGreaterThanOrEqual(2);
      const names = new Set(w.nodes.map((n) => n.name));
      expect(names.size, `${w.name}: unique names`).toBe(w.nodes.length);
    }
    expect(new Set(corpus.map((w) => w.name)).size).toBe(corpus.length);
  });

  it('passes the engine validator (node types, versions, parameters, ports)', () => {
    for (const w of corpus) expect(validateWorkflow(w).issues, w.name).toEqual([]);
  });

  it('the shipped JSON matches the specs it is generated from', () => {
    expect(JSON.parse(JSON.stringify(buildStarterCorpus()))).toEqual(JSON.parse(JSON.stringify(corpus)));
  });
});

describe('NextNodeRecommender', () => {
  const model = NextNodeRecommender.fromWorkflows(corpus);

  it('suggests triggers for an empty workflow and never after a node', () => {
    const empty = WorkflowJson.parse({ name: 'empty' });
    const first = model.recommend(empty, undefined).map((r) => r.type);
    expect(first.slice(0, 2).sort()).toEqual(['scheduleTrigger', 'webhook']);
    const afterHttp = model
      .recommend(wf('x', ['scheduleTrigger', 'httpRequest']), 'N1', { limit: 50 })
      .map((r) => r.type);
    expect(afterHttp).not.toContain('webhook');
    expect(afterHttp).not.toContain('scheduleTrigger');
  });

  it('uses context: what follows an If depends on the branch, and a webhook path differs from a schedule path', () => {
    const probe = wf('p', ['webhook', 'mySql']);
    const top = model.recommend(probe, 'N1', { limit: 3 }).map((r) => r.type);
    expect(top).toContain('respondToWebhook');
    const scheduled = model
      .recommend(wf('q', ['scheduleTrigger', 'mySql']), 'N1', { limit: 3 })
      .map((r) => r.type);
    expect(scheduled).not.toContain('respondToWebhook');
    const ctx = contextFor(probe, 'N1', 1);
    expect(ctx).toEqual({ trigger: 'webhook', prev2: 'webhook', prev: 'mySql', out: 1 });
  });

  it('scores form a distribution and come with parameter presets', () => {
    const all = model.recommend(wf('a', ['webhook']), 'N0', { limit: 50 });
    const total = all.reduce((s, r) => s + r.score, 0);
    expect(total).toBeGreaterThan(0.98);
    expect(total).toBeLessThan(1.02);
    const respond = model
      .recommend(wf('b', ['webhook', 'set']), 'N1', { limit: 50 })
      .find((r) => r.type === 'respondToWebhook');
    expect(respond?.parameters?.respondWith).toBe('json');
  });

  it('learns incrementally, replaces a re-published workflow and forgets', () => {
    const m = NextNodeRecommender.fromWorkflows(corpus);
    const probe = wf('z', ['manualTrigger', 'xml']);
    const before = m.recommend(probe, 'N1', { limit: 50 }).find((r) => r.type === 'crypto')!.score;
    for (let i = 0; i < 5; i++) m.learn(wf(`new${i}`, ['manualTrigger', 'xml', 'crypto']));
    const after = m.recommend(probe, 'N1', { limit: 1 })[0];
    expect(after.type).toBe('crypto');
    expect(after.score).toBeGreaterThan(before);
    const count = m.workflowCount;
    m.learn(wf('new0', ['manualTrigger', 'xml', 'crypto']));
    expect(m.workflowCount).toBe(count);
    for (let i = 0; i < 5; i++) m.forget(`new${i}`);
    expect(m.recommend(probe, 'N1', { limit: 50 }).find((r) => r.type === 'crypto')!.score).toBeCloseTo(
      before,
      10,
    );
  });

  it('filters to installed types', () => {
    const allowed = new Set(['set', 'code']);
    const r = model.recommend(wf('c', ['webhook']), 'N0', { allowedTypes: allowed, limit: 10 });
    expect(r.map((x) => x.type).sort()).toEqual(['code', 'set']);
  });

  it('round-trips through JSON and rejects garbage', () => {
    const copy = NextNodeRecommender.fromJSON(JSON.parse(JSON.stringify(model)));
    const probe = wf('d', ['scheduleTrigger', 'httpRequest', 'splitOut']);
    expect(copy.recommend(probe, 'N2')).toEqual(model.recommend(probe, 'N2'));
    expect(() => NextNodeRecommender.fromJSON({ version: 2 })).toThrow(/Not a serialised recommender/);
    expect(() => NextNodeRecommender.fromJSON('nope')).toThrow();
  });

  it('copes with cycles, unknown nodes, dangling connections and unseen types', () => {
    const cyclic = wf('e', ['webhook', 'set', 'code']);
    cyclic.connections.N2 = { main: [[{ node: 'N1', type: 'main', index: 0 }]] };
    cyclic.connections.Ghost = { main: [[{ node: 'N0', type: 'main', index: 0 }]] };
    expect(() => extractEvents(cyclic)).not.toThrow();
    expect(model.recommend(cyclic, 'N2').length).toBeGreaterThan(0);
    expect(model.recommend(cyclic, 'Missing')[0].type).toBeDefined();
    expect(model.recommend(wf('f', ['someCommunityNode']), 'N0').length).toBeGreaterThan(0);
    expect(contextFor(cyclic, undefined).prev).toBe(START);
  });

  it('answers in well under 5 ms', () => {
    const probe = corpus[5];
    const names = probe.nodes.map((n) => n.name);
    for (let i = 0; i < 200; i++) model.recommend(probe, names[i % names.length]); // JIT warm-up
    const times: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t = performance.now();
      model.recommend(probe, names[i % names.length]);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    // The median is the model's own cost; p99 also absorbs GC pauses and a busy shared machine.
    expect(times[500]).toBeLessThan(1);
    expect(times[990]).toBeLessThan(5);
  });
});
