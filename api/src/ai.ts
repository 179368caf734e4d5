import type { Storage } from '@tandem/api/storage';
import { signCollabToken } from '@tandem/collab-server';
import type { RunResult } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import {
  type AgentMemoryStore,
  type AiService,
  COAUTHOR_ACTOR,
  type CoauthorRunner,
  createAiService,
  createStarterRecommender,
  failureFromRun,
  type UsageRecord,
  watchesFailures,
} from '@tandem/worker/ai';
import { createFreshRecommender } from './ai-recommender.ts';
import { COLLAB_TOKEN_PURPOSE } from './collab.ts';
import type { AppDeps } from './deps.ts';

export const COAUTHOR_USER_ID = COAUTHOR_ACTOR.userId;

/**
 * The AI side of a process: the local next-node recommender (starter corpus + this instance's published workflows),
 * the AI service behind /api/ai/*, and the host services the LLM nodes need.
 */
export type AiRuntime = {
  service(): Promise<AiService>;
  /** A workflow was published, unpublished, archived or unarchived: the next suggestion uses a rebuilt model. */
  publishedWorkflowsChanged(): void;
  /** Decrypted `openAiApi` data for a workflow (its own setting, else the instance default); undefined = env. */
  credentialFor(workflowId?: string): Promise<Record<string, unknown> | undefined>;
  recordUsage(record: UsageRecord, workflowId?: string): Promise<void>;
  agentMemory(workflowId: string): AgentMemoryStore;
  /**
   * Failure watcher (opt-in per workflow, `settings.failureWatcher`): after a failed run of a published workflow the
   * co-author studies it and posts a proposed fix as a suggestion in the workflow's document.
   */
  watchFailure(
    record: { workflowId: string; mode: string },
    workflow: WorkflowJson,
    result: RunResult,
  ): Promise<void>;
  /**
   * The `worker` process of production mode: take `ai.coauthor` jobs (join the document over the collab protocol at
   * COLLAB_URL, write suggestions). Returns the stop function.
   */
  startCoauthorWorker(): Promise<() => Promise<void>>;
  /** Closes the job queue connections (production). */
  close(): Promise<void>;
};

export function createAiRuntime(
  deps: AppDeps,
  env: Record<string, string | undefined> = process.env,
): AiRuntime {
  let service: AiService | undefined;
  let queue: Promise<CoauthorRunner> | undefined;
  const storage: Storage = deps.storage;
  const tokenKey = deps.keyring.derive(COLLAB_TOKEN_PURPOSE);

  const recommender = createFreshRecommender({
    async load() {
      const model = createStarterRecommender();
      for (const p of await storage.executions.publishedWorkflows())
        model.learn({ ...JSON.parse(p.workflowJson), id: p.workflowId });
      return model;
    },
    fallback: () => createStarterRecommender(),
    // Production: changes made by other api instances reach this process (and a worker's) only by age. Nothing
    // notifies instances of publishes (the webhook registry re-reads the database every 2 s), and a rebuild reads
    // every published workflow: too much for every few seconds. Embedded mode is one process, told of every change.
    maxAgeMs:
      deps.config.mode === 'production' ? deps.config.ai.recommenderMaxAgeMs : Number.POSITIVE_INFINITY,
    logger: deps.logger,
  });

  async function credentialFor(workflowId?: string) {
    if (workflowId) {
      const wf = await storage.workflows.byId(workflowId);
      const draft = wf ? await deps.drafts.read(workflowId) : undefined;
      const own = draft?.settings?.aiCredentialId;
      if (wf && typeof own === 'string') return (await deps.credentials.decryptForUse(own, wf.ownerId)).data;
    }
    const { aiCredentialId } = await storage.settings.get();
    if (!aiCredentialId) return undefined;
    const row = await storage.credentials.byId(aiCredentialId);
    return row ? (await deps.credentials.decryptForUse(row.id, row.ownerId)).data : undefined;
  }

  // Production mode: co-author turns are `ai.coauthor` jobs a worker process runs (queue made on first use).
  const redisUrl = deps.config.mode === 'production' ? deps.config.redisUrl : undefined;
  const getQueue = () =>
    (queue ??= import('@tandem/worker/ai/jobs').then((m) =>
      m.createCoauthorQueue({
        redisUrl: redisUrl!,
        prefix: deps.config.redisPrefix,
        // How long the api waits for a worker's co-author turn.
        timeoutMs: deps.config.ai.jobTimeoutMs,
        logger: deps.logger,
      }),
    ));
  const collabUrl = () => {
    const c = deps.config;
    if (c.collabUrl) return c.collabUrl;
    const base = c.publicUrl ?? deps.internalUrl;
    if (!base) throw new Error('COLLAB_URL is not set: the worker cannot reach the collab server');
    return `${base.replace(/\/+$/, '').replace(/^http/, 'ws')}/collab`;
  };
  const coauthorToken = (workflowId: string) =>
    signCollabToken({ userId: COAUTHOR_USER_ID, workflowId, ttlSec: 300 }, tokenKey);

  async function recordUsage(record: UsageRecord, workflowId?: string) {
    await storage.ai.recordUsage({
      userId: record.userId ?? null,
      workflowId: workflowId ?? null,
      operation: record.operation,
      model: record.model,
      promptTokens: record.promptTokens,
      completionTokens: record.completionTokens,
      totalTokens: record.totalTokens,
      at: record.at.getTime(),
    });
  }

  return {
    service: async () =>
      (service ??= createAiService({
        recommender: recommender.current,
        env,
        credentialFor,
        onUsage: (r) => recordUsage(r).catch((err) => deps.logger.warn({ err }, 'ai usage not recorded')),
        collab: {
          // Read at call time: the process knows its own address only once it listens.
          get url() {
            return deps.config.collabUrl ?? `${(deps.internalUrl ?? '').replace(/^http/, 'ws')}/collab`;
          },
          token: coauthorToken,
        },
        coauthor: redisUrl ? { run: async (p, signal) => (await getQueue()).run(p, signal) } : undefined,
      })),
    publishedWorkflowsChanged: recommender.invalidate,
    credentialFor,
    recordUsage,
    async watchFailure(record, workflow, result) {
      if (!watchesFailures(workflow) || record.mode === 'manual') return;
      const failure = failureFromRun(result);
      if (!failure) return;
      if (redisUrl) {
        // Usage is the owner's; nobody waits for the answer (it lands in the document for the team).
        const owner = (await storage.workflows.byId(record.workflowId))?.ownerId;
        if (owner)
          await (await getQueue()).enqueue({ workflowId: record.workflowId, userId: owner, failure });
        return;
      }
      const ai = await this.service();
      await ai.suggest({ workflow, workflowId: record.workflowId, failure, placeInDocument: true });
    },
    async startCoauthorWorker() {
      if (!redisUrl) throw new Error('AI co-author jobs need production mode (REDIS_URL)');
      const [m, jobs] = await Promise.all([import('@tandem/worker/ai'), import('@tandem/worker/ai/jobs')]);
      const ai = await this.service();
      return jobs.startCoauthorWorker(
        { redisUrl, prefix: deps.config.redisPrefix, logger: deps.logger },
        async (payload, signal) =>
          m.handleCoauthorJob(payload, {
            collabUrl: collabUrl(),
            token: coauthorToken,
            recommender: await recommender.current(),
            ai: (workflowId) => ai.providerFor(workflowId),
            signal,
          }),
      );
    },
    async close() {
      const q = queue;
      queue = undefined;
      await (await q?.catch(() => undefined))?.close();
    },
    agentMemory: (workflowId) => ({
      load: (key: string) => storage.ai.loadMemory(workflowId, key) as never,
      save: (key: string, messages: unknown) => storage.ai.saveMemory(workflowId, key, messages as unknown[]),
    }),
  };
}
