import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../testing/fake-openai-server.ts';
import { createAiProvider } from './client.ts';
import { resolveAiConfig } from './config.ts';
import { AiError } from './errors.ts';
import { chatStructured } from './structured.ts';
import type { UsageRecord } from './types.ts';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
});

function provider(extra: { maxRetries?: number; timeoutMs?: number } = {}, usage: UsageRecord[] = []) {
  const config = resolveAiConfig({ credential: { apiKey: 'sk-test', url: fake.url }, env: {}, ...extra });
  return createAiProvider(config, { onUsage: (u) => void usage.push(u), baseDelayMs: 5, maxDelayMs: 50 });
}

describe('provider over the fake server', () => {
  it('sends model, key and messages, returns content and records usage', async () => {
    const usage: UsageRecord[] = [];
    fake.enqueue({ text: 'Hello there' });
    const r = await provider({}, usage).chat({
      messages: [{ role: 'user', content: 'Hi' }],
      operation: 'test',
      userId: 'u1',
    });
    expect(r.content).toBe('Hello there');
    expect(r.attempts).toBe(1);
    expect(fake.requests[0].authorization).toBe('Bearer sk-test');
    expect(fake.requests[0].body.model).toBe('gpt-4o-mini');
    expect(fake.requests[0].body.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ operation: 'test', userId: 'u1', model: 'gpt-4o-mini' });
    expect(usage[0].totalTokens).toBe(usage[0].promptTokens + usage[0].completionTokens);
    expect(usage[0].completionTokens).toBeGreaterThan(0);
  });

  it('asks for structured output with a JSON schema and validates the answer', async () => {
    fake.enqueue({ json: { city: 'Oslo', population: 700000 } });
    const schema = z.object({ city: z.string(), population: z.number() });
    const { value } = await chatStructured(provider(), {
      messages: [{ role: 'user', content: 'capital of Norway' }],
      schema,
      schemaName: 'city',
    });
    expect(value).toEqual({ city: 'Oslo', population: 700000 });
    const format = fake.requests[0].body.response_format;
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toBe('city');
    expect(format.json_schema.schema.properties.city).toEqual({ type: 'string' });
  });

  it('repairs invalid structured output once, then gives a clear error', async () => {
    const schema = z.object({ n: z.number() });
    fake.enqueue({ text: '{"n": "not a number"}' }, { json: { n: 4 } });
    const ok = await chatStructured(provider(), {
      messages: [{ role: 'user', content: 'x' }],
      schema,
      schemaName: 'n',
    });
    expect(ok.value).toEqual({ n: 4 });
    expect(ok.calls).toHaveLength(2);
    // The repair round tells the model what was wrong.
    expect(JSON.stringify(fake.requests[1].body.messages)).toContain('rejected');

    fake.enqueue({ text: '{"n": ' }, { text: 'still {broken' });
    const err = await chatStructured(provider(), {
      messages: [{ role: 'user', content: 'x' }],
      schema,
      schemaName: 'n',
    }).catch((e) => e);
    expect(err).toBeInstanceOf(AiError);
    expect(err.code).toBe('ai_bad_output');
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('passes tools and returns tool calls with raw arguments', async () => {
    fake.enqueue({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    const r = await provider().chat({
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [
        {
          name: 'get_weather',
          description: 'weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      toolChoice: 'auto',
    });
    expect(r.finishReason).toBe('tool_calls');
    expect(r.toolCalls).toEqual([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
    expect(fake.requests[0].body.tools[0].function.name).toBe('get_weather');
  });

  it('streams text deltas and tool-call fragments, with usage', async () => {
    const usage: UsageRecord[] = [];
    const deltas: string[] = [];
    fake.enqueue({ text: 'The quick brown fox jumps over the lazy dog' });
    const r = await provider({}, usage).chat({
      messages: [{ role: 'user', content: 'go' }],
      stream: true,
      onDelta: (d) => deltas.push(d),
    });
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe('The quick brown fox jumps over the lazy dog');
    expect(r.content).toBe('The quick brown fox jumps over the lazy dog');
    expect(fake.requests[0].body.stream).toBe(true);
    expect(usage[0].totalTokens).toBeGreaterThan(0);

    fake.enqueue({
      toolCalls: [
        { name: 'a', arguments: { long: 'x'.repeat(40) } },
        { name: 'b', arguments: {} },
      ],
    });
    const t = await provider().chat({ messages: [{ role: 'user', content: 'go' }], stream: true });
    expect(t.toolCalls.map((c) => c.name)).toEqual(['a', 'b']);
    expect(JSON.parse(t.toolCalls[0].arguments)).toEqual({ long: 'x'.repeat(40) });
  });

  it('retries a 429 then succeeds, honouring retry-after-ms', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after-ms': '20' } }, { text: 'ok' });
    const r = await provider().chat({ messages: [{ role: 'user', content: 'x' }] });
    expect(r.content).toBe('ok');
    expect(r.attempts).toBe(2);
    expect(fake.requests).toHaveLength(2);
  });

  it('retries 500s a bounded number of times, then fails clearly', async () => {
    fake.enqueue({ status: 500 }, { status: 502 }, { status: 503 });
    const err = await provider({ maxRetries: 2 })
      .chat({ messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AiError);
    expect(err.code).toBe('ai_provider_error');
    expect(err.status).toBe(503);
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a 400', async () => {
    fake.enqueue({ status: 400, message: 'bad request' });
    const err = await provider()
      .chat({ messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(err.code).toBe('ai_provider_error');
    expect(err.retryable).toBe(false);
    expect(fake.requests).toHaveLength(1);
  });

  it('turns a malformed HTTP body into a clear error', async () => {
    fake.enqueue({ rawBody: '{"choices": [' }, { rawBody: '{"choices": [' });
    const err = await provider({ maxRetries: 1 })
      .chat({ messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AiError);
    expect(err.code).toBe('ai_provider_error');
  });

  it('cancels a slow answer through the AbortSignal', async () => {
    fake.enqueue({ delayMs: 5_000, reply: { text: 'too late' } });
    const controller = new AbortController();
    const started = Date.now();
    const pending = provider().chat({
      messages: [{ role: 'user', content: 'x' }],
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const err = await pending.catch((e) => e);
    expect(err.code).toBe('ai_aborted');
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect.poll(() => fake.abortedRequests()).toBeGreaterThan(0);
  });

  it('times out a slow answer and retries within bounds', async () => {
    fake.enqueue({ delayMs: 2_000, reply: { text: 'late' } }, { text: 'fast' });
    const r = await provider({ timeoutMs: 150 }).chat({ messages: [{ role: 'user', content: 'x' }] });
    expect(r.content).toBe('fast');
    expect(r.attempts).toBe(2);
  });

  it('aborting during backoff stops retrying', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after-ms': '5000' } });
    const config = resolveAiConfig({ credential: { apiKey: 'k', url: fake.url }, env: {} });
    const ai = createAiProvider(config, { baseDelayMs: 5, maxDelayMs: 10_000 });
    const controller = new AbortController();
    const pending = ai.chat({ messages: [{ role: 'user', content: 'x' }], signal: controller.signal });
    await expect.poll(() => fake.requests.length).toBe(1);
    controller.abort();
    const err = await pending.catch((e) => e);
    expect(err.code).toBe('ai_aborted');
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses calls past the token budget', async () => {
    fake.enqueue({ text: 'x'.repeat(400) });
    const config = resolveAiConfig({ credential: { apiKey: 'k', url: fake.url }, env: {} });
    const ai = createAiProvider(config, { maxTotalTokens: 50 });
    await ai.chat({ messages: [{ role: 'user', content: 'x' }] });
    expect(ai.usedTokens()).toBeGreaterThan(50);
    await expect(ai.chat({ messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      code: 'ai_budget_exceeded',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a stream that broke after text was delivered (no repeated deltas)', async () => {
    fake.enqueue({ streamThenDrop: ['Hello ', 'wor'] }, { text: 'should not be asked' });
    const deltas: string[] = [];
    const err = await provider()
      .chat({ messages: [{ role: 'user', content: 'x' }], stream: true, onDelta: (d) => deltas.push(d) })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AiError);
    expect(err.message).toMatch(/stream broke off/);
    expect(deltas.join('')).toBe('Hello wor');
    expect(fake.requests).toHaveLength(1);
  });

  it('estimates usage when a server reports none (local servers), so budgets still hold', async () => {
    const body = {
      id: 'x',
      object: 'chat.completion',
      created: 0,
      model: 'llama',
      choices: [{ index: 0, message: { role: 'assistant', content: 'y'.repeat(40) }, finish_reason: 'stop' }],
    };
    fake.enqueue({ rawBody: JSON.stringify(body) });
    const usage: UsageRecord[] = [];
    const r = await provider({}, usage).chat({ messages: [{ role: 'user', content: 'hello' }] });
    expect(r.usage.completionTokens).toBe(10);
    expect(r.usage.totalTokens).toBeGreaterThan(10);
    expect(usage[0].totalTokens).toBe(r.usage.totalTokens);
  });
});
