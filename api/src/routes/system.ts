import { createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../middleware/authenticate.ts';
import { errors, json, router } from '../openapi.ts';
import { servicesOf } from './executions.ts';

const Status = z.object({
  mode: z.enum(['embedded', 'production']),
  version: z.string(),
  queueDepth: z.number().nullable(),
  running: z.number().nullable(),
  workersOnline: z.number().nullable(),
  collabSessions: z.number(),
});

export const systemRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/system/status',
    tags: ['system'],
    description:
      'Mode, queue depth, running executions, workers online and open collaboration sessions (this instance).',
    middleware: [requireUser()],
    responses: { 200: json(Status), ...errors(401) },
  }),
  async (c) => {
    const { deps } = c.var;
    let queueDepth: number | null = null;
    let running: number | null = null;
    let workersOnline: number | null = null;
    try {
      const { queue } = servicesOf(deps);
      const counts = await queue.counts();
      queueDepth = counts.waiting + counts.parked;
      running = counts.active;
      const withWorkers = queue as typeof queue & { workers?: () => Promise<number> };
      // Embedded mode runs the worker in this very process.
      workersOnline = withWorkers.workers
        ? await withWorkers.workers()
        : deps.config.mode === 'embedded'
          ? 1
          : null;
    } catch {
      // Executions are not attached in this process (e.g. a bare test server): unknown, not an error.
    }
    return c.json(
      {
        mode: deps.config.mode,
        version: deps.version,
        queueDepth,
        running,
        workersOnline,
        collabSessions: deps.collabStats?.().connections ?? 0,
      },
      200,
    );
  },
);
