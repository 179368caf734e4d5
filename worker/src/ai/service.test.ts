import { WorkflowJson } from '@tandem/shared/schema';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UsageRecord } from './provider/types.ts';
import { createStarterRecommender } from './recommender/starter.ts';
import { createAiService } from './service.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './testing/fake-openai-server.ts';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
});

const model = createStarterRecommender();
const recommender = async () => model;
const workflow = WorkflowJson.parse({
  name: 'w',
  nodes: [
    {
      id: 'wh',
      name: 'Webhook',
      type: 'webhook',
      typeVersion: 2,
      position: [0, 0],
      parameters: { path: 'x' },
    },
  ],
});

describe('createAiService', () => {
  it('suggests with the recommender alone when no AI is configured, and says so for the LLM features', async () => {
    const service = createAiService({ recommender, env: {} });
    expect(await service.isConfigured()).toBe(false);
    const res = await service.suggest({ workflow, selectedNodeId: 'wh' });
    expect(res.suggestions.length).toBe(3);
    expect(res.suggestions.every((s) => s.source === 'recommender')).toBe(true);
    await expect(service.parseNaturalLanguage({ text: 'x' })).rejects.toMatchObject({
      code: 'ai_not_configured',
    });
    await expect(
      service.generateContent({ request: { kind: 'svgIcon', subject: 'x' } }),
    ).rejects.toMatchObject({ code: 'ai_not_configured' });
  });

  it('uses the per-workflow credential, records usage per user, and bounds tokens per request', async () => {
    const usage: UsageRecord[] = [];
    const service = createAiService({
      recommender,
      env: {},
      credentialFor: async (id) =>
        id === 'wf1' ? { apiKey: 'sk-wf1', url: fake.url } : { apiKey: 'sk-default', url: fake.url },
      onUsage: (u) => void usage.push(u),
      maxTokensPerRequest: 10,
    });
    fake.enqueue({ json: { description: 'Receives webhooks.' } });
    const r = await service.generateContent({
      request: { kind: 'description', workflow },
      userId: 'u7',
      workflowId: 'wf1',
    });
    expect(r).toMatchObject({ kind: 'description', description: 'Receives webhooks.' });
    expect(fake.requests[0].authorization).toBe('Bearer sk-wf1');
    expect(usage[0]).toMatchObject({ userId: 'u7', operation: 'generate-content' });
    // The first answer used the whole budget: the repair round is refused instead of spending more.
    fake.enqueue({ json: { name: 'x', nodes: [], connections: [] } });
    await expect(service.parseNaturalLanguage({ text: 'do things', userId: 'u7' })).rejects.toMatchObject({
      code: 'ai_budget_exceeded',
    });
    expect(fake.requests.at(-1)?.authorization).toBe('Bearer sk-default');
  });
});
