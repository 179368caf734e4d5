import { createStorage, type Storage } from '@tandem/api/storage';
import type { CollabServer } from '@tandem/collab-server';
import type { Redis } from 'ioredis';
import pkg from '../../package.json' with { type: 'json' };
import { createAiRuntime } from './ai.ts';
import { sessionManager } from './auth/sessions.ts';
import { createCollab } from './collab.ts';
import type { Config } from './config.ts';
import type { AppDeps } from './deps.ts';
import { drafts } from './drafts.ts';
import { createLogger, type Logger } from './logger.ts';
import { memoryRateLimiter, redisRateLimiter } from './rate-limit/rate-limiter.ts';
import { credentialsService } from './vault/credentials-service.ts';
import { createKeyring, loadInstanceKey } from './vault/keyring.ts';

export type Runtime = {
  deps: AppDeps;
  storage: Storage;
  redis: Redis | undefined;
  logger: Logger;
  /** This process's collab-server (created on first use): serves websockets, and carries REST edits to editors. */
  collab(): CollabServer;
  close(): Promise<void>;
};

/** Builds every shared dependency from the config: storage (migrated), keys, limiter, logger. */
export async function createRuntime(config: Config, opts: { logger?: Logger } = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const storage = await createStorage(config.database, { maxRunDataChars: config.maxRunDataChars });
  const keyring = createKeyring(loadInstanceKey(config.dataDir, config.encryptionKeyEnv));
  // ioredis is production mode's: imported only there.
  const redis = config.redisUrl
    ? new (await import('ioredis')).Redis(config.redisUrl, { maxRetriesPerRequest: null })
    : undefined;
  redis?.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const rateLimiter = redis ? redisRateLimiter(redis, `${config.redisPrefix}:rl:`) : memoryRateLimiter();
  let collab: CollabServer | undefined;
  const getCollab = () => {
    collab ??= createCollab(deps, config.redisUrl);
    deps.collabStats = () => collab!.stats();
    return collab;
  };
  const deps = {
    config,
    storage,
    keyring,
    credentials: credentialsService(storage, keyring),
    drafts: drafts(storage, () => getCollab()),
    sessions: sessionManager(storage, config.sessionDays * 24 * 3600_000),
    rateLimiter,
    logger,
    version: pkg.version,
    redis,
  } as AppDeps;
  deps.ai = createAiRuntime(deps);
  return {
    deps,
    storage,
    redis,
    logger,
    collab: getCollab,
    async close() {
      await collab?.close();
      await rateLimiter.close();
      redis?.disconnect();
      await storage.close();
    },
  };
}
