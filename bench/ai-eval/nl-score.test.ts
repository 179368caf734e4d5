import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowJson } from '../../shared/src/schema/index.ts';
import { nlToWorkflow } from '../../worker/src/ai/nl-to-workflow.ts';
import { createAiProvider } from '../../worker/src/ai/provider/client.ts';
import { resolveAiConfig } from '../../worker/src/ai/provider/config.ts';
import {
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from '../../worker/src/ai/testing/fake-openai-server.ts';
import { nodeCatalogue } from '../../worker/src/ai/workflow/node-catalogue.ts';
import { formatNlTable, loadNlCases, type NlCase, scoreCase, summarise } from './nl-score.ts';
import { scriptedAnswer } from './scripted-model.ts';

const c: NlCase = {
  id: 't',
  text: 'x',
  types: ['webhook', 'set', 'emailSend'],
  connections: [
    ['webhook', 'set'],
    ['set', 'emailSend'],
  ],
};
const wf = WorkflowJson.parse({
  name: 'w',
  nodes: [
    { id: '1', name: 'A', type: 'webhook', typeVersion: 1, position: [0, 0] },
    { id: '2', name: 'B', type: 'n8n-nodes-base.set', typeVersion: 1, position: [0, 0] },
    { id: '3', name: 'C', type: 'code', typeVersion: 1, position: [0, 0] },
  ],
  connections: { A: { main: [[{ node: 'B', index: 0 }]] }, B: { main: [[{ node: 'C', index: 0 }]] } },
});

describe('NL scorer', () => {
  it('computes node and connection recall (aliases canonicalised)', () => {
    const s = scoreCase(c, wf);
    expect(s).toMatchObject({ valid: true, connectionRecall: 0.5 });
    expect(s.nodeRecall).toBeCloseTo(2 / 3);
    expect(scoreCase(c, undefined, 'boom')).toEqual({
      id: 't',
      valid: false,
      nodeRecall: 0,
      connectionRecall: 0,
      error: 'boom',
    });
    const sum = summarise([s, scoreCase(c, undefined)]);
    expect(sum.validRate).toBe(0.5);
    expect(sum.nodeRecall).toBeCloseTo(1 / 3);
    expect(formatNlTable('m', [s])).toContain('| **all (1)** | 100 % | 67 % | 50 % |');
  });

  it('ships 30 requests whose expectations use known node types', () => {
    const cases = loadNlCases();
    expect(cases).toHaveLength(30);
    const cat = nodeCatalogue();
    for (const x of cases)
      for (const t of [...x.types, ...x.connections.flat()]) expect(cat.has(t), `${x.id}: ${t}`).toBe(true);
  });
});

describe('NL pipeline against the scripted fake server', () => {
  let fake: FakeOpenAiServer;
  const cases = loadNlCases().slice(0, 6);
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ handler: (req) => scriptedAnswer(req.body, cases) });
  });
  afterAll(() => fake.close());

  it('scores every scripted answer valid with full node recall', async () => {
    const ai = createAiProvider(resolveAiConfig({ credential: { apiKey: 'k', url: fake.url }, env: {} }));
    const scores = [];
    for (const x of cases) {
      const { workflow } = await nlToWorkflow(x.text, { ai });
      scores.push(scoreCase(x, workflow));
    }
    const sum = summarise(scores);
    expect(sum.validRate).toBe(1);
    expect(sum.nodeRecall).toBe(1);
  });
});
