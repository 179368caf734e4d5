import { createRoute, z } from '@hono/zod-openapi';
import { MembersBody, MemberView } from '@tandem/shared/schema';
import { authorizeWorkflow } from '../authz.ts';
import { AppError } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, jsonBody, router } from '../openapi.ts';

const Id = z.object({ id: z.string().max(64) });
const Members = z.object({ members: z.array(MemberView) });

async function listMembers(storage: Parameters<typeof authorizeWorkflow>[0]['storage'], workflowId: string) {
  const rows = await storage.workflows.members(workflowId);
  const users = await Promise.all(rows.map((m) => storage.users.byId(m.userId)));
  return rows.flatMap((m, i) => {
    const u = users[i];
    return u ? [{ userId: m.userId, name: u.name, email: u.email, role: m.role }] : [];
  });
}

export const memberRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/workflows/{id}/members',
      tags: ['workflows'],
      middleware: [requireUser()],
      request: { params: Id },
      responses: { 200: json(Members), ...errors(401, 404) },
    }),
    async (c) => {
      const { workflow } = await authorizeWorkflow(c.var.deps, c.var.user!, c.req.valid('param').id, 'view');
      return c.json({ members: await listMembers(c.var.deps.storage, workflow.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/workflows/{id}/members',
      tags: ['workflows'],
      description: 'Replaces who else may edit or view the workflow. The owner stays owner.',
      middleware: [requireUser()],
      request: { params: Id, body: jsonBody(MembersBody) },
      responses: { 200: json(Members), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) => {
      const { storage } = c.var.deps;
      const { workflow } = await authorizeWorkflow(
        c.var.deps,
        c.var.user!,
        c.req.valid('param').id,
        'manage',
      );
      const { members } = c.req.valid('json');
      for (const m of members) {
        if (!(await storage.users.byId(m.userId))) {
          throw new AppError('validation_failed', `No user ${m.userId}`, [
            { path: 'members', message: 'unknown user' },
          ]);
        }
      }
      await storage.workflows.setMembers(workflow.id, members);
      await storage.audit.record({
        userId: c.var.user!.id,
        action: 'workflow.share',
        targetId: workflow.id,
        details: { members },
      });
      return c.json({ members: await listMembers(storage, workflow.id) }, 200);
    },
  );
