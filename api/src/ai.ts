import type { Storage } from '@tandem/api/storage';
import { signCollabToken } from '@tandem/collab-server';
import type { RunResult } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import {
  type AgentMemoryStore,
  type AiService,
  COAUTHOR_ACTOR,
  createAiService,
  createStarterRecommender,
  failureFromRun,
  type NextNodeRecommender,
  type UsageRecord,
  watchesFailures,
} from '@tandem/worker/ai';
import { COLLAB_TOKEN_PURPOSE } from './collab.ts';
import type { AppDeps } from './deps.ts';

export const COAUTHOR_USER_ID = COAUTHOR_ACTOR.userId;

/**
 * The AI side of a process: the local next-node recommender (starter corpus + this instance's published workflows,
 * relearned on publish), the AI service behind /api/ai/*, and the host services the LLM nodes need.
 */
export type AiRuntime = {
  service(): Promise<AiService>;
  learn(workflow: Parameters<NextNodeRecommender['learn']>[0]): Promise<void>;
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
};

export function createAiRuntime(
  deps: AppDeps,
  env: Record<string, string | undefined> = process.env,
): AiRuntime {
  let recommender: Promise<NextNodeRecommender> | undefined;
  let service: Promise<AiService> | undefined;
  const storage: Storage = deps.storage;
  const tokenKey = deps.keyring.derive(COLLAB_TOKEN_PURPOSE);

  async function buildRecommender(): Promise<NextNodeRecommender> {
    const model = createStarterRecommender();
    for (const wf of await storage.workflows.list({ userId: '', all: true, limit: 100_000 })) {
      if (!wf.publishedVersionId) continue;
      const version = await storage.versions.byId(wf.publishedVersionId);
      if (version) model.learn({ ...JSON.parse(version.workflowJson), id: wf.id });
    }
    return model;
  }
  const getRecommender = () => (recommender ??= buildRecommender());

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
    service: () =>
      (service ??= getRecommender().then((rec) =>
        createAiService({
          recommender: rec,
          env,
          credentialFor,
          onUsage: (r) => recordUsage(r).catch((err) => deps.logger.warn({ err }, 'ai usage not recorded')),
          collab: {
            // Read at call time: the process knows its own address only once it listens.
            get url() {
              return `${(deps.internalUrl ?? '').replace(/^http/, 'ws')}/collab`;
            },
            token: (workflowId) =>
              signCollabToken({ userId: COAUTHOR_USER_ID, workflowId, ttlSec: 300 }, tokenKey),
          },
        }),
      )),
    async learn(workflow) {
      (await getRecommender()).learn(workflow);
    },
    credentialFor,
    recordUsage,
    async watchFailure(record, workflow, result) {
      if (!watchesFailures(workflow) || record.mode === 'manual') return;
      const failure = failureFromRun(result);
      if (!failure) return;
      const ai = await this.service();
      await ai.suggest({ workflow, workflowId: record.workflowId, failure, placeInDocument: true });
    },
    agentMemory: (workflowId) => ({
      load: (key: string) => storage.ai.loadMemory(workflowId, key) as never,
      save: (key: string, messages: unknown) => storage.ai.saveMemory(workflowId, key, messages as unknown[]),
    }),
  };
}
