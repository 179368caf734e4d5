import { createRoute, z } from '@hono/zod-openapi';
import { workflowRoleOf } from '../authz.ts';
import { storedDraftState } from '../drafts.ts';
import { notFound } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, router } from '../openapi.ts';

/**
 * GET /api/workflows/{id}/doc: the workflow's shared document as one binary Yjs update, so the editor can show it
 * before its /collab socket has synced (that sync is then only the small diff since). Read from the collab-server's
 * own store (every accepted update is committed there before anyone sees it), never from a second copy, and let
 * through by the same rule as the socket: a role on the workflow, which must not be archived.
 */
export const workflowDocRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/workflows/{id}/doc',
    tags: ['collaboration'],
    description:
      'The draft as a binary Yjs update (the state the /collab/{id} socket syncs), for whoever may open that socket.',
    middleware: [requireUser()],
    request: { params: z.object({ id: z.string().max(64) }) },
    responses: {
      200: {
        description: 'Yjs update (v1 encoding)',
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errors(401, 404),
    },
  }),
  async (c) => {
    const { deps } = c.var;
    const { id } = c.req.valid('param');
    if (!(await workflowRoleOf(deps, c.var.user!.id, id))) throw notFound('Workflow');
    const state = await storedDraftState(deps.storage, id);
    return c.body(new Uint8Array(state), 200, {
      'content-type': 'application/octet-stream',
      'cache-control': 'no-store',
    });
  },
);
