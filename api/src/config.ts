import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** How the environment is read. The one place that decides embedded vs. production mode. */
const Env = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(mysql|mariadb):\/\/.+/.test(v) || v.startsWith('sqlite:'), {
      message: 'must be mysql://user:pass@host:port/db or sqlite:<path>',
    })
    .optional(),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\/.+/.test(v), { message: 'must be redis://host:port' })
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(5678),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  COLLAB_URL: z
    .string()
    .refine((v) => /^wss?:\/\/[^/]+/.test(v), { message: 'must be ws://host:port/collab' })
    .optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, { message: 'must be 32 bytes as 64 hex chars or base64' })
    .optional(),
  TLS_CERT: z.string().optional(),
  TLS_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(10),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  EXECUTIONS_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(36500).optional(),
  EXECUTIONS_KEEP_LAST: z.coerce.number().int().min(1).max(10_000_000).optional(),
  EXECUTIONS_MAX_RUN_DATA_MB: z.coerce.number().int().min(1).max(1024).default(15),
  AI_JOB_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  AI_RECOMMENDER_MAX_AGE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  AI_DAILY_TOKENS: z.coerce.number().int().min(0).max(1_000_000_000_000).default(500_000),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'letters, digits, _ and - only' })
    .default('tandem'),
});

export type Config = {
  mode: 'embedded' | 'production';
  dataDir: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'mysql'; url: string };
  redisUrl: string | undefined;
  /** Namespace of every Redis key and channel (several instances or test runs can share one Redis). */
  redisPrefix: string;
  port: number;
  host: string;
  publicUrl: string | undefined;
  /** Where the AI co-author joins documents from a `worker` process (default: PUBLIC_URL, else this process). */
  collabUrl: string | undefined;
  encryptionKeyEnv: Buffer | undefined;
  tls: { cert: string; key: string } | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  workerConcurrency: number;
  sessionDays: number;
  trustProxy: boolean;
  /** Finished executions are pruned in the background: older than N days and/or beyond the newest N per workflow. */
  retention: { maxAgeDays?: number; keepLastPerWorkflow?: number };
  /**
   * Most characters of one execution's run data as JSON (EXECUTIONS_MAX_RUN_DATA_MB); a run with more fails, its
   * largest outputs' items dropped. On MySQL, less when max_allowed_packet is smaller.
   */
  maxRunDataChars: number;
  /** Sign-in and registration attempts per minute per client address. */
  authRateLimit: number;
  ai: {
    /** Production: how long the api waits for a worker's AI co-author job. */
    jobTimeoutMs: number;
    /** Production: the next-node model is rebuilt at least this often (publishes on other api instances). */
    recommenderMaxAgeMs: number;
    /** Model tokens a user may spend per day; past it, the AI routes answer 429. */
    dailyTokens: number;
  };
};

export class ConfigError extends Error {}

export function decodeKey(value: string): Buffer | null {
  const hex = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : null;
  if (hex) return hex;
  const b64 = Buffer.from(value, 'base64');
  return b64.length === 32 ? b64 : null;
}

/**
 * Reads and validates the environment. A bad value throws a ConfigError whose message is one line naming the variable.
 * @example loadConfig({ PORT: '0', DATA_DIR: '/tmp/x' }).mode // 'embedded'
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  if (Boolean(e.TLS_CERT) !== Boolean(e.TLS_KEY)) {
    throw new ConfigError(`invalid ${e.TLS_CERT ? 'TLS_KEY' : 'TLS_CERT'}: TLS_CERT and TLS_KEY go together`);
  }
  for (const name of ['TLS_CERT', 'TLS_KEY'] as const) {
    if (e[name] && !existsSync(e[name]!))
      throw new ConfigError(`invalid ${name}: file not found: ${e[name]}`);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const database: Config['database'] =
    e.DATABASE_URL && !e.DATABASE_URL.startsWith('sqlite:')
      ? { dialect: 'mysql', url: e.DATABASE_URL.replace(/^mariadb:/, 'mysql:') }
      : {
          dialect: 'sqlite',
          file: path.resolve(e.DATABASE_URL?.slice(7) || path.join(dataDir, 'tandem.db')),
        };
  return {
    mode: database.dialect === 'mysql' || e.REDIS_URL ? 'production' : 'embedded',
    dataDir,
    database,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    collabUrl: e.COLLAB_URL?.replace(/\/+$/, ''),
    encryptionKeyEnv: e.ENCRYPTION_KEY ? decodeKey(e.ENCRYPTION_KEY)! : undefined,
    tls:
      e.TLS_CERT && e.TLS_KEY
        ? { cert: readFileSync(e.TLS_CERT, 'utf8'), key: readFileSync(e.TLS_KEY, 'utf8') }
        : undefined,
    logLevel: e.LOG_LEVEL,
    workerConcurrency: e.WORKER_CONCURRENCY,
    sessionDays: e.SESSION_DAYS,
    trustProxy: e.TRUST_PROXY === 'true',
    authRateLimit: e.AUTH_RATE_LIMIT,
    retention: { maxAgeDays: e.EXECUTIONS_MAX_AGE_DAYS, keepLastPerWorkflow: e.EXECUTIONS_KEEP_LAST },
    maxRunDataChars: e.EXECUTIONS_MAX_RUN_DATA_MB * 1024 * 1024,
    ai: {
      jobTimeoutMs: e.AI_JOB_TIMEOUT_MS,
      recommenderMaxAgeMs: e.AI_RECOMMENDER_MAX_AGE_MS,
      dailyTokens: e.AI_DAILY_TOKENS,
    },
  };
}
