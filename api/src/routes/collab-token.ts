import { createRoute, z } from '@hono/zod-openapi';
import { signCollabToken } from '@tandem/collab-server';
import { authorizeWorkflow } from '../authz.ts';
import { COLLAB_TOKEN_PURPOSE } from '../collab.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, router } from '../openapi.ts';

const TTL_SEC = 60;

export const collabTokenRoutes = router().openapi(
  createRoute({
    method: 'post',
    path: '/workflows/{id}/collab-token',
    tags: ['collaboration'],
    description: `A token valid ${TTL_SEC} s for opening /collab/{id} as the caller (pass it as the \`token\` query parameter). What the socket may do is still decided by the caller's role at the upgrade.`,
    middleware: [requireUser()],
    request: { params: z.object({ id: z.string().max(64) }) },
    responses: { 200: json(z.object({ token: z.string(), expiresInSec: z.number() })), ...errors(401, 404) },
  }),
  async (c) => {
    const { workflow } = await authorizeWorkflow(c.var.deps, c.var.user!, c.req.valid('param').id, 'view');
    const token = signCollabToken(
      { userId: c.var.user!.id, workflowId: workflow.id, ttlSec: TTL_SEC },
      c.var.deps.keyring.derive(COLLAB_TOKEN_PURPOSE),
    );
    return c.json({ token, expiresInSec: TTL_SEC }, 200);
  },
);
