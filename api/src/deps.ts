import type { Storage } from '@tandem/api/storage';
import type { Redis } from 'ioredis';
import type { AiRuntime } from './ai.ts';
import type { SessionManager } from './auth/sessions.ts';
import type { Config } from './config.ts';
import type { Drafts } from './drafts.ts';
import type { Logger } from './logger.ts';
import type { RateLimiter } from './rate-limit/rate-limiter.ts';
import type { CredentialsService } from './vault/credentials-service.ts';
import type { Keyring } from './vault/keyring.ts';

/** Everything the HTTP app needs, passed in by the composition root (cli.ts) or a test. */
export type AppDeps = {
  config: Config;
  storage: Storage;
  keyring: Keyring;
  credentials: CredentialsService;
  drafts: Drafts;
  sessions: SessionManager;
  rateLimiter: RateLimiter;
  logger: Logger;
  version: string;
  ai: AiRuntime;
  /** Production mode's Redis connection (shared state between api instances). */
  redis?: Redis;
  /** This process's own base URL once it listens (the AI co-author connects back to /collab through it). */
  internalUrl?: string;
  /** Counters of this process's collab-server, once it runs. */
  collabStats?: () => { connections: number };
};

export type AuthedUser = { id: string; email: string; name: string; role: 'admin' | 'member' };

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    user: AuthedUser | null;
    sessionId: string | null;
    authMethod: 'session' | 'apiKey' | null;
    apiKeyId: string | null;
  };
};
