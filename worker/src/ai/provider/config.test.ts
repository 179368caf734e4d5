import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, isAiConfigured, resolveAiConfig } from './config.ts';
import { backoffDelay } from './retry.ts';
import { parseModelJson } from './structured.ts';

describe('resolveAiConfig', () => {
  it('reads the credential first', () => {
    const c = resolveAiConfig({
      credential: { apiKey: 'k1', url: 'http://localhost:11434/v1' },
      env: { OPENAI_API_KEY: 'env', AI_MODEL: 'llama3' },
    });
    expect(c).toMatchObject({ apiKey: 'k1', baseURL: 'http://localhost:11434/v1', model: 'llama3' });
  });

  it('falls back to the environment names the SDK uses', () => {
    const c = resolveAiConfig({
      env: { OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'http://gw/v1', AI_MODEL: 'm' },
    });
    expect(c).toMatchObject({ apiKey: 'sk', baseURL: 'http://gw/v1', model: 'm' });
    expect(resolveAiConfig({ env: { OPENAI_API_KEY: 'sk' } }).model).toBe(DEFAULT_MODEL);
    expect(resolveAiConfig({ env: { OPENAI_API_KEY: 'sk' }, model: 'explicit' }).model).toBe('explicit');
  });

  it('gives a clear error when nothing is configured or the credential is broken', () => {
    expect(() => resolveAiConfig({ env: {} })).toThrow(/No AI credential/);
    expect(() => resolveAiConfig({ credential: { url: 'http://x' }, env: {} })).toThrow(/No AI credential/);
    expect(() => resolveAiConfig({ credential: { apiKey: 'k', url: 'not a url' }, env: {} })).toThrow();
    expect(isAiConfigured({ env: {} })).toBe(false);
    expect(isAiConfigured({ env: { OPENAI_API_KEY: 'x' } })).toBe(true);
  });

  it('bounds retries and timeouts', () => {
    const c = resolveAiConfig({ env: { OPENAI_API_KEY: 'x' }, maxRetries: 100, timeoutMs: 1 });
    expect(c.maxRetries).toBe(6);
    expect(c.timeoutMs).toBe(100);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially within the cap and honours retry-after', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
    for (let i = 0; i < 50; i++) {
      const d1 = backoffDelay(1, opts);
      expect(d1).toBeGreaterThanOrEqual(50);
      expect(d1).toBeLessThanOrEqual(100);
      expect(backoffDelay(10, opts)).toBeLessThanOrEqual(1000);
    }
    expect(backoffDelay(1, opts, 300)).toBe(300);
    expect(backoffDelay(1, opts, 60_000)).toBe(1000);
  });
});

describe('parseModelJson', () => {
  it('accepts plain and fenced JSON only', () => {
    expect(parseModelJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseModelJson('```json\n{"a":1}\n```')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseModelJson('Sure! {"a":1}').ok).toBe(false);
    expect(parseModelJson('').ok).toBe(false);
    expect(parseModelJson(null).ok).toBe(false);
    expect(parseModelJson('x'.repeat(600_000)).ok).toBe(false);
  });
});
