import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAiProvider } from './client.ts';
import { resolveAiConfig } from './config.ts';
import { chatStructured } from './structured.ts';

const hasKey = Boolean(process.env.OPENAI_API_KEY);
if (!hasKey) console.info('[ai] real-service smoke test skipped: OPENAI_API_KEY is not set');

describe.skipIf(!hasKey)('real OpenAI-compatible service (OPENAI_API_KEY set)', () => {
  it('answers a structured request and a streamed one', async () => {
    const ai = createAiProvider(resolveAiConfig({ timeoutMs: 60_000 }));
    const { value } = await chatStructured(ai, {
      messages: [{ role: 'user', content: 'Return the number seven as {"n": 7}.' }],
      schema: z.object({ n: z.number() }),
      schemaName: 'number',
    });
    expect(value.n).toBe(7);
    const deltas: string[] = [];
    const streamed = await ai.chat({
      messages: [{ role: 'user', content: 'Say "ready".' }],
      stream: true,
      onDelta: (d) => deltas.push(d),
      maxTokens: 20,
    });
    expect(streamed.content?.toLowerCase()).toContain('ready');
  }, 120_000);
});
