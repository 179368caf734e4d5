import { workflowToDoc } from '@tandem/shared/doc';
import { type WorkflowJson, WorkflowJson as WorkflowSchema } from '@tandem/shared/schema';
import { type SuggestResult, suggestNextSteps } from './coauthor/coauthor.ts';
import type { CoauthorRunner } from './coauthor/job-queue.ts';
import type { RunFailure } from './coauthor/llm-suggest.ts';
import { COAUTHOR_ACTOR } from './coauthor/proposal.ts';
import { runCoauthorTurn } from './coauthor/turn.ts';
import { type ContentRequest, type ContentResult, generateContent } from './content/generate-content.ts';
import { type NlToWorkflowResult, nlToWorkflow } from './nl-to-workflow.ts';
import { type AiProvider, createAiProvider } from './provider/client.ts';
import { resolveAiConfig } from './provider/config.ts';
import { AiError, notConfigured } from './provider/errors.ts';
import type { UsageSink } from './provider/types.ts';
import type { NextNodeRecommender } from './recommender/recommender.ts';
import type { NodeCatalogue } from './workflow/node-catalogue.ts';

export interface AiServiceDeps {
  /**
   * The decrypted AI credential to use: the workflow's override when `workflowId` has one, else the instance
   * default set by an admin; undefined falls back to the environment (OPENAI_API_KEY…).
   */
  credentialFor?: (workflowId?: string) => Promise<unknown>;
  env?: Record<string, string | undefined>;
  /** Persists token usage (the record carries userId and operation). */
  onUsage?: UsageSink;
  /** The next-node model to suggest with, asked for at each suggestion (the host may have rebuilt it). */
  recommender: () => Promise<NextNodeRecommender>;
  catalogue?: NodeCatalogue;
  /** To place suggestions into open documents through the collab server. */
  collab?: { url: string; token: (workflowId: string) => string };
  /**
   * Runs co-author turns elsewhere (production: an `ai.coauthor` job a worker takes). Without it the turn runs
   * here, joining through `collab`.
   */
  coauthor?: Pick<CoauthorRunner, 'run'>;
  /** Token budget per api request (bounded cost); default 60,000. */
  maxTokensPerRequest?: number;
}

export interface SuggestInput {
  workflow: WorkflowJson;
  workflowId?: string;
  selectedNodeId?: string;
  outputIndex?: number;
  request?: string;
  failure?: RunFailure;
  userId?: string;
  /** The workflow is open in an editor: write the suggestions into its document through the co-author peer. */
  placeInDocument?: boolean;
  signal?: AbortSignal;
}

/**
 * What the api's `/api/ai/*` routes call. Suggestions work without any AI configured (recommender only);
 * natural language and content generation throw `AiError('ai_not_configured')` then.
 * @example const ai = createAiService({ recommender: async () => model, credentialFor, onUsage, collab });
 *          const { workflow, report } = await ai.parseNaturalLanguage({ text, userId });
 */
export function createAiService(deps: AiServiceDeps) {
  async function provider(workflowId?: string): Promise<AiProvider | undefined> {
    const credential = deps.credentialFor ? await deps.credentialFor(workflowId) : undefined;
    try {
      const config = resolveAiConfig({ credential: credential ?? undefined, env: deps.env ?? process.env });
      return createAiProvider(config, {
        onUsage: deps.onUsage,
        maxTotalTokens: deps.maxTokensPerRequest ?? 60_000,
      });
    } catch (err) {
      if (err instanceof AiError && err.code === 'ai_not_configured') return undefined;
      throw err;
    }
  }

  async function required(workflowId?: string): Promise<AiProvider> {
    const ai = await provider(workflowId);
    if (!ai) throw notConfigured();
    return ai;
  }

  return {
    /** The AI provider for a workflow (its credential, else the instance default, else env), or undefined. */
    providerFor: provider,

    /** Whether an LLM is configured (for the UI). */
    async isConfigured(workflowId?: string): Promise<boolean> {
      return (await provider(workflowId)) !== undefined;
    },

    /** `POST /api/ai/suggest`: instant recommender suggestions, plus LLM ones when configured. */
    async suggest(input: SuggestInput): Promise<SuggestResult> {
      const workflow = WorkflowSchema.parse(input.workflow);
      const ai = await provider(input.workflowId);
      if (input.placeInDocument && input.workflowId && deps.coauthor) {
        return deps.coauthor.run(
          {
            workflowId: input.workflowId,
            userId: input.userId ?? COAUTHOR_ACTOR.userId,
            selectedNodeId: input.selectedNodeId,
            outputIndex: input.outputIndex,
            request: input.request,
            failure: input.failure,
          },
          input.signal,
        );
      }
      const common = {
        recommender: await deps.recommender(),
        catalogue: deps.catalogue,
        ai,
        selectedNodeId: input.selectedNodeId,
        outputIndex: input.outputIndex,
        request: input.request,
        failure: input.failure,
        userId: input.userId,
        signal: input.signal,
      };
      if (input.placeInDocument && input.workflowId && deps.collab) {
        return runCoauthorTurn({
          ...common,
          url: deps.collab.url,
          workflowId: input.workflowId,
          token: deps.collab.token(input.workflowId),
        });
      }
      const doc = workflowToDoc(workflow);
      try {
        return await suggestNextSteps({ ...common, doc, write: false });
      } finally {
        doc.destroy();
      }
    },

    /** `POST /api/ai/parse-natural-language`. */
    async parseNaturalLanguage(input: {
      text: string;
      userId?: string;
      workflowId?: string;
      signal?: AbortSignal;
    }): Promise<NlToWorkflowResult> {
      return nlToWorkflow(input.text, {
        ai: await required(input.workflowId),
        catalogue: deps.catalogue,
        userId: input.userId,
        signal: input.signal,
      });
    },

    /** `POST /api/ai/generate-content`. */
    async generateContent(input: {
      request: ContentRequest;
      userId?: string;
      workflowId?: string;
      signal?: AbortSignal;
    }): Promise<ContentResult> {
      return generateContent(input.request, {
        ai: await required(input.workflowId),
        userId: input.userId,
        signal: input.signal,
      });
    },
  };
}

export type AiService = ReturnType<typeof createAiService>;
