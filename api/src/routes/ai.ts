import { createRoute, z } from '@hono/zod-openapi';
import {
  AiError,
  type AiService,
  ContentRequest,
  failureFromRun,
  MAX_REQUEST_CHARS,
} from '@tandem/worker/ai';
import { authorizeWorkflow } from '../authz.ts';
import type { AppDeps, AuthedUser } from '../deps.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { errors, json, jsonBody, router } from '../openapi.ts';
import { aiSuggestionRoutes } from './ai-suggestions.ts';

const DAY_MS = 24 * 3600_000;

const SuggestBody = z.object({
  workflowId: z.string().max(64),
  selectedNodeId: z.string().max(64).optional(),
  outputIndex: z.number().int().min(0).max(64).optional(),
  request: z.string().max(MAX_REQUEST_CHARS).optional(),
  /** A failed execution of this workflow to propose a fix for. */
  executionId: z.string().max(64).optional(),
  /** Write the suggestions into the live document through the AI co-author (needs edit rights). */
  placeInDocument: z.boolean().default(false),
});
const NlBody = z.object({
  text: z.string().trim().min(1).max(MAX_REQUEST_CHARS),
  workflowId: z.string().max(64).optional(),
});
const ContentBody = z.object({ request: ContentRequest, workflowId: z.string().max(64).optional() });
const Answer = z.looseObject({});

const AI_ERRORS: Record<string, { code: ErrorCode; status: string }> = {
  ai_not_configured: { code: 'unavailable', status: 'no AI model is configured' },
  ai_rate_limited: { code: 'rate_limited', status: 'the AI provider is rate limiting' },
  ai_budget_exceeded: { code: 'rate_limited', status: 'the token budget of this request was reached' },
  ai_bad_request: { code: 'validation_failed', status: 'the request was refused' },
  ai_bad_output: { code: 'unprocessable', status: 'the model gave no valid answer' },
};

/** AI failures as API errors; `details.aiCode` keeps the precise reason for clients. */
function asAppError(err: unknown): unknown {
  if (!(err instanceof AiError)) return err;
  const known = AI_ERRORS[err.code];
  return new AppError(known?.code ?? 'unavailable', err.message, { aiCode: err.code });
}

/** Per-user daily token quota (`config.ai.dailyTokens`, AI_DAILY_TOKENS); 429 once used up. */
async function checkQuota(deps: AppDeps, userId: string) {
  const quota = deps.config.ai.dailyTokens;
  const used = await deps.storage.ai.tokensSince(userId, Date.now() - DAY_MS);
  if (used >= quota) {
    throw new AppError(
      'rate_limited',
      `Daily AI token quota used up (${used} of ${quota})`,
      { aiCode: 'quota_exceeded' },
      {
        'Retry-After': '3600',
      },
    );
  }
}

/**
 * The common frame of an AI call: the caller may view the workflow it concerns, has quota left, and AI failures come
 * back as API errors.
 */
async function aiCall<T>(
  deps: AppDeps,
  user: AuthedUser,
  workflow: { id?: string; action: 'view' | 'edit' },
  call: (ai: AiService) => Promise<T>,
): Promise<Record<string, unknown>> {
  if (workflow.id) await authorizeWorkflow(deps, user, workflow.id, workflow.action);
  await checkQuota(deps, user.id);
  try {
    return (await call(await deps.ai.service())) as unknown as Record<string, unknown>;
  } catch (err) {
    throw asAppError(err);
  }
}

/** The failure of one of the workflow's executions, for the co-author to propose a fix. */
async function failureOf(deps: AppDeps, workflowId: string, executionId: string) {
  const record = await deps.storage.executions.get(executionId);
  if (!record || record.workflowId !== workflowId) throw new AppError('not_found', 'Execution not found');
  const failure = failureFromRun({
    status: record.status === 'failed' ? 'error' : 'success',
    error: record.error ?? undefined,
    runData: record.runData ?? {},
    lastNodeExecuted: undefined,
  });
  if (!failure) throw new AppError('validation_failed', 'That execution did not fail');
  return failure;
}

const perUser = (name: string, limit: number) =>
  rateLimit({ name: `ai:${name}`, limit, windowMs: 60_000, key: (c) => c.var.user?.id ?? 'anonymous' });

export const aiRoutes = router()
  .route('/', aiSuggestionRoutes)
  .openapi(
    createRoute({
      method: 'post',
      path: '/ai/suggest',
      tags: ['ai'],
      description:
        "Next-step suggestions for a workflow (optionally after a selected node, or to fix a failed execution). Tandem's own recommender answers at once without any LLM; with a model configured, LLM suggestions follow. With `placeInDocument` the AI co-author writes them into the open document for everyone to accept or reject.",
      middleware: [requireUser(), perUser('suggest', 30)],
      request: { body: jsonBody(SuggestBody) },
      responses: { 200: json(Answer), ...errors(400, 401, 403, 404, 415, 422, 429) },
    }),
    async (c) => {
      const deps = c.var.deps;
      const body = c.req.valid('json');
      const user = c.var.user!;
      const action = body.placeInDocument ? 'edit' : 'view';
      const result = await aiCall(deps, user, { id: body.workflowId, action }, async (ai) => {
        // A written request needs a model; without one, say so rather than answer nothing.
        if (body.request && !(await ai.isConfigured(body.workflowId))) {
          throw new AppError('unavailable', 'No AI model is configured for written requests', {
            aiCode: 'ai_not_configured',
          });
        }
        return ai.suggest({
          workflow: await deps.drafts.read(body.workflowId),
          workflowId: body.workflowId,
          selectedNodeId: body.selectedNodeId,
          outputIndex: body.outputIndex,
          request: body.request,
          failure: body.executionId ? await failureOf(deps, body.workflowId, body.executionId) : undefined,
          userId: user.id,
          placeInDocument: body.placeInDocument,
          signal: c.req.raw.signal,
        });
      });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/ai/parse-natural-language',
      tags: ['ai'],
      description:
        'Text → a complete, valid workflow JSON plus its validation report (retried with the validator’s errors).',
      middleware: [requireUser(), perUser('nl', 10)],
      request: { body: jsonBody(NlBody) },
      responses: { 200: json(Answer), ...errors(400, 401, 404, 415, 422, 429) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const user = c.var.user!;
      const result = await aiCall(c.var.deps, user, { id: body.workflowId, action: 'view' }, (ai) =>
        ai.parseNaturalLanguage({
          text: body.text,
          userId: user.id,
          workflowId: body.workflowId,
          signal: c.req.raw.signal,
        }),
      );
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/ai/generate-content',
      tags: ['ai'],
      description:
        'Prompt text for an LLM node, a workflow description or sticky note, names, or an SVG icon (sanitised).',
      middleware: [requireUser(), perUser('content', 10)],
      request: { body: jsonBody(ContentBody) },
      responses: { 200: json(Answer), ...errors(400, 401, 404, 415, 422, 429) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const user = c.var.user!;
      const result = await aiCall(c.var.deps, user, { id: body.workflowId, action: 'view' }, (ai) =>
        ai.generateContent({
          request: body.request,
          userId: user.id,
          workflowId: body.workflowId,
          signal: c.req.raw.signal,
        }),
      );
      return c.json(result, 200);
    },
  );
