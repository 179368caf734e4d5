import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAiProvider } from '../provider/client.ts';
import { resolveAiConfig } from '../provider/config.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../testing/fake-openai-server.ts';
import { generateContent } from './generate-content.ts';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
});
const ai = () =>
  createAiProvider(resolveAiConfig({ credential: { apiKey: 'k', url: fake.url }, env: {} }), {
    baseDelayMs: 1,
  });

const workflow = {
  name: 'Orders',
  nodes: [
    {
      id: 'a',
      name: 'Webhook',
      type: 'webhook',
      typeVersion: 1,
      position: [0, 0],
      parameters: { path: 'o' },
    },
    {
      id: 'b',
      name: 'HTTP Request',
      type: 'httpRequest',
      typeVersion: 1,
      position: [200, 0],
      parameters: { url: 'https://x' },
      credentials: { httpHeaderAuth: { id: 'c1', name: 'SECRET-CRED-NAME' } },
    },
  ],
  connections: { Webhook: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
  pinData: { Webhook: [{ json: { token: 'PINNED-SECRET' } }] },
};

describe('generateContent', () => {
  it('generates LLM prompts, descriptions and sticky notes with structured output', async () => {
    fake.enqueue({ json: { systemMessage: 'You triage.', prompt: 'Classify {{ $json.text }}' } });
    const p = await generateContent({ kind: 'llmPrompt', purpose: 'classify support tickets' }, { ai: ai() });
    expect(p).toMatchObject({ kind: 'llmPrompt', prompt: 'Classify {{ $json.text }}' });
    expect(fake.requests[0].body.response_format.json_schema.name).toBe('llmPrompt');

    fake.enqueue({ json: { description: 'Receives orders and forwards them.' } });
    const d = await generateContent({ kind: 'description', workflow }, { ai: ai() });
    expect(d).toMatchObject({ kind: 'description', description: 'Receives orders and forwards them.' });
    const prompt = JSON.stringify(fake.requests[1].body.messages);
    expect(prompt).toContain('Webhook (webhook)');
    expect(prompt).not.toContain('SECRET-CRED-NAME');
    expect(prompt).not.toContain('PINNED-SECRET');

    fake.enqueue({ json: { content: '## Orders\nForwards orders.' } });
    expect((await generateContent({ kind: 'stickyNote', workflow }, { ai: ai() })).kind).toBe('stickyNote');
  });

  it('keeps only renames of existing nodes, without duplicate names', async () => {
    fake.enqueue({
      json: {
        workflowName: 'Forward orders',
        nodes: [
          { current: 'Webhook', name: 'Receive order' },
          { current: 'HTTP Request', name: 'Receive order' },
          { current: 'Ghost', name: 'Invented' },
        ],
      },
    });
    const r = await generateContent({ kind: 'names', workflow }, { ai: ai() });
    expect(r).toMatchObject({
      workflowName: 'Forward orders',
      nodes: [{ current: 'Webhook', name: 'Receive order' }],
    });
  });

  it('sanitises generated SVG icons and rejects non-SVG answers', async () => {
    fake.enqueue({
      json: {
        svg: '<svg viewBox="0 0 24 24" onload="steal()"><script>steal()</script><path d="M1 1h22"/></svg>',
      },
    });
    const r = await generateContent({ kind: 'svgIcon', subject: 'a rocket' }, { ai: ai() });
    expect(r.kind === 'svgIcon' && r.svg).toBe(
      '<svg viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><path d="M1 1h22"/></svg>',
    );
    fake.enqueue({ json: { svg: '<div>not an icon</div>' } });
    await expect(generateContent({ kind: 'svgIcon', subject: 'x' }, { ai: ai() })).rejects.toMatchObject({
      code: 'ai_bad_output',
    });
  });

  it('rejects bad requests before calling the model', async () => {
    await expect(generateContent({ kind: 'poem' } as never, { ai: ai() })).rejects.toMatchObject({
      code: 'ai_bad_request',
    });
    expect(fake.requests).toHaveLength(0);
  });
});
