import { createRoute, z } from '@hono/zod-openapi';
import { CUSTOM_NODE_PREFIX, CustomNodeBody } from '@tandem/shared/schema';
import { parse } from 'acorn';
import { AppError, notFound } from '../errors.ts';
import { requireUser } from '../middleware/authenticate.ts';
import { customDescription, nodeCatalog, nodeView } from '../node-catalog.ts';
import { errors, json, jsonBody, router } from '../openapi.ts';

const NodeViewSchema = z.looseObject({
  type: z.string(),
  displayName: z.string(),
  description: z.string(),
  group: z.string(),
  versions: z.array(z.number()),
  inputs: z.number(),
  outputs: z.number(),
  custom: z.boolean(),
  properties: z.array(z.unknown()),
});
const GROUP_ORDER = ['trigger', 'flow', 'transform', 'core', 'input', 'output'];

/** The body must at least parse as the body of an async function; it runs only inside the sandbox. */
function checkSyntax(code: string) {
  try {
    parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
    });
  } catch (err) {
    const e = err as { message: string; loc?: { line: number; column: number } };
    throw new AppError('validation_failed', `code: ${e.message}`, [
      { path: 'code', message: e.message, line: e.loc?.line, column: e.loc?.column },
    ]);
  }
}

export const nodeRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/nodes',
      tags: ['nodes'],
      description:
        'Node types (built-in and custom), grouped by category; `search` matches name, type, description and keywords.',
      middleware: [requireUser()],
      request: { query: z.object({ search: z.string().max(100).optional() }) },
      responses: {
        200: json(
          z.object({
            data: z.array(NodeViewSchema),
            groups: z.array(z.object({ group: z.string(), types: z.array(z.string()) })),
          }),
        ),
        ...errors(401),
      },
    }),
    async (c) => {
      const data = (await nodeCatalog(c.var.deps.storage)).list(c.req.valid('query').search);
      const groups = GROUP_ORDER.map((group) => ({
        group,
        types: data.filter((d) => d.group === group).map((d) => d.type),
      })).filter((g) => g.types.length > 0);
      return c.json({ data, groups }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/nodes/{type}',
      tags: ['nodes'],
      middleware: [requireUser()],
      request: { params: z.object({ type: z.string().max(128) }) },
      responses: { 200: json(NodeViewSchema), ...errors(401, 404) },
    }),
    async (c) => {
      const { type } = c.req.valid('param');
      const d = (await nodeCatalog(c.var.deps.storage)).lookup(type);
      if (!d) throw notFound(`Node type ${type}`);
      return c.json(nodeView(d, type.startsWith(CUSTOM_NODE_PREFIX)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/nodes/custom',
      tags: ['nodes'],
      description:
        'Defines a node type of your own (or a new version of it): description, parameters, ports and a JavaScript body that runs in the Code sandbox with `$input`, `items` and `$parameters`. Usable in workflows as `custom.<type>`.',
      middleware: [requireUser()],
      request: { body: jsonBody(CustomNodeBody) },
      responses: { 201: json(NodeViewSchema), ...errors(400, 401, 403, 415) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      checkSyntax(body.code);
      const type = CUSTOM_NODE_PREFIX + body.type;
      const { storage } = c.var.deps;
      const existing = await storage.customNodes.versions(type);
      if (existing[0] && existing[0].ownerId !== c.var.user!.id && c.var.user!.role !== 'admin') {
        throw new AppError('forbidden', `Node type ${type} belongs to someone else`);
      }
      await storage.customNodes.create(type, c.var.user!.id, JSON.stringify(body));
      await storage.audit.record({ userId: c.var.user!.id, action: 'node.custom.create', targetId: type });
      return c.json(nodeView(customDescription(await storage.customNodes.versions(type)), true), 201);
    },
  );
