import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('defaults to embedded mode on a SQLite file in DATA_DIR', () => {
    const c = loadConfig({ DATA_DIR: '/tmp/tandem-x' });
    expect(c).toMatchObject({
      mode: 'embedded',
      port: 5678,
      database: { dialect: 'sqlite', file: '/tmp/tandem-x/tandem.db' },
    });
    expect(c.maxRunDataChars).toBe(15 * 1024 * 1024);
    expect(loadConfig({ EXECUTIONS_MAX_RUN_DATA_MB: '40' }).maxRunDataChars).toBe(40 * 1024 * 1024);
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/y.db' }).database).toEqual({
      dialect: 'sqlite',
      file: '/tmp/y.db',
    });
  });

  it('is production mode with MySQL or Redis', () => {
    const c = loadConfig({
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/t',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(c.mode).toBe('production');
    expect(c.database).toEqual({ dialect: 'mysql', url: 'mysql://root@127.0.0.1:3306/t' });
  });

  it.each([
    [{ PORT: 'abc' }, /^invalid PORT: /],
    [{ PORT: '70000' }, /^invalid PORT: /],
    [{ DATABASE_URL: 'postgres://x' }, /^invalid DATABASE_URL: /],
    [{ REDIS_URL: 'localhost:6379' }, /^invalid REDIS_URL: /],
    [{ ENCRYPTION_KEY: 'short' }, /^invalid ENCRYPTION_KEY: /],
    [{ LOG_LEVEL: 'loud' }, /^invalid LOG_LEVEL: /],
    [{ PUBLIC_URL: 'not a url' }, /^invalid PUBLIC_URL: /],
    [{ COLLAB_URL: 'http://host/collab' }, /^invalid COLLAB_URL: must be ws:/],
    [{ TLS_CERT: '/nope.pem' }, /^invalid TLS_KEY: /],
    [{ TLS_CERT: '/nope.pem', TLS_KEY: '/nope.key' }, /^invalid TLS_CERT: file not found/],
    [{ AI_DAILY_TOKENS: 'lots' }, /^invalid AI_DAILY_TOKENS: /],
    [{ EXECUTIONS_MAX_RUN_DATA_MB: '0' }, /^invalid EXECUTIONS_MAX_RUN_DATA_MB: /],
    [{ AI_JOB_TIMEOUT_MS: '10' }, /^invalid AI_JOB_TIMEOUT_MS: /],
    [{ AI_RECOMMENDER_MAX_AGE_MS: '-1' }, /^invalid AI_RECOMMENDER_MAX_AGE_MS: /],
  ])('refuses %o with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reads the retention of finished executions', () => {
    expect(loadConfig({ EXECUTIONS_MAX_AGE_DAYS: '30', EXECUTIONS_KEEP_LAST: '1000' }).retention).toEqual({
      maxAgeDays: 30,
      keepLastPerWorkflow: 1000,
    });
    expect(() => loadConfig({ EXECUTIONS_KEEP_LAST: '0' })).toThrow(/^invalid EXECUTIONS_KEEP_LAST/);
  });

  it('reads the AI limits, with defaults', () => {
    expect(loadConfig({}).ai).toEqual({
      jobTimeoutMs: 60_000,
      recommenderMaxAgeMs: 60_000,
      dailyTokens: 500_000,
    });
    expect(
      loadConfig({ AI_JOB_TIMEOUT_MS: '4000', AI_RECOMMENDER_MAX_AGE_MS: '1000', AI_DAILY_TOKENS: '0' }).ai,
    ).toEqual({ jobTimeoutMs: 4000, recommenderMaxAgeMs: 1000, dailyTokens: 0 });
  });

  it('accepts a 32-byte key as hex or base64', () => {
    expect(loadConfig({ ENCRYPTION_KEY: 'ab'.repeat(32) }).encryptionKeyEnv).toHaveLength(32);
    expect(
      loadConfig({ ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') }).encryptionKeyEnv,
    ).toHaveLength(32);
  });
});
