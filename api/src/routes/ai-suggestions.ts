import { createRoute, z } from '@hono/zod-openapi';
import { docParts, type Suggestion } from '@tandem/shared/doc';
import { COAUTHOR_USER_ID } from '../ai.ts';
import type { AppDeps, AuthedUser } from '../deps.ts';
import { storedDraftDoc } from '../drafts.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, router } from '../openapi.ts';

/** Workflows looked at per call (the most recently updated the caller may see); each costs one document read. */
const SCAN_LIMIT = 100;

const PendingSuggestion = z.object({
  workflowId: z.string(),
  workflowName: z.string(),
  id: z.string(),
  rationale: z.string(),
  author: z.object({ userId: z.string(), name: z.string().optional() }),
  byAi: z.boolean(),
  createdAt: z.string(),
  /** Edits it would make when accepted. */
  changes: z.number(),
  /** Set for the failure watcher's proposals: the failed node and its error. */
  fixes: z.object({ node: z.string(), message: z.string() }).nullable(),
});

async function pendingOf(deps: AppDeps, workflowId: string): Promise<Suggestion[]> {
  const doc = await storedDraftDoc(deps.storage, workflowId);
  try {
    return [...docParts(doc).suggestions.values()].filter(
      (s): s is Suggestion =>
        !!s &&
        typeof s === 'object' &&
        (s as Suggestion).status === 'pending' &&
        Array.isArray((s as Suggestion).ops),
    );
  } finally {
    doc.destroy();
  }
}

/** Pending suggestions in the workflows `user` may see: fixes for failed runs first, then newest first. */
export async function listPendingSuggestions(deps: AppDeps, user: AuthedUser, limit: number) {
  const rows = await deps.storage.workflows.list({
    userId: user.id,
    all: user.role === 'admin',
    archived: false,
    limit: SCAN_LIMIT,
  });
  const found: z.infer<typeof PendingSuggestion>[] = [];
  // A few documents at a time: bounded memory and database load on instances with many workflows.
  for (let i = 0; i < rows.length; i += 8) {
    const batch = rows.slice(i, i + 8);
    const lists = await Promise.all(batch.map((r) => pendingOf(deps, r.id)));
    lists.forEach((list, j) => {
      const wf = batch[j]!;
      for (const s of list) {
        found.push({
          workflowId: wf.id,
          workflowName: wf.name,
          id: s.id,
          rationale: String(s.rationale ?? '').slice(0, 500),
          author: { userId: s.author?.userId ?? 'unknown', name: s.author?.name },
          byAi: s.author?.userId === COAUTHOR_USER_ID,
          createdAt: new Date(s.createdAt ?? 0).toISOString(),
          changes: s.ops.length,
          fixes: s.fixes ? { node: String(s.fixes.node), message: String(s.fixes.message) } : null,
        });
      }
    });
  }
  found.sort((a, b) => Number(!!b.fixes) - Number(!!a.fixes) || b.createdAt.localeCompare(a.createdAt));
  return { data: found.slice(0, limit), total: found.length };
}

export const aiSuggestionRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/ai/suggestions',
    tags: ['ai'],
    description:
      "Suggestions waiting for a decision across the workflows the caller may see (the dashboard's list): the failure watcher's proposed fixes first, then the newest. Looks at the 100 most recently updated workflows.",
    middleware: [requireUser()],
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
    responses: {
      200: json(z.object({ data: z.array(PendingSuggestion), total: z.number() })),
      ...errors(400, 401),
    },
  }),
  async (c) => c.json(await listPendingSuggestions(c.var.deps, c.var.user!, c.req.valid('query').limit), 200),
);
