import type { CoauthorJobPayload } from '@tandem/shared/schema';
import { Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { parseJob } from '../../queue/job-catalogue.ts';
import { AiError, type AiErrorCode } from '../provider/errors.ts';
import type { SuggestResult } from './coauthor.ts';

const QUEUE = 'ai';
const JOB = 'ai.coauthor';

/** Runs co-author turns somewhere else (production: a `worker` process, through BullMQ). */
export interface CoauthorRunner {
  /** Runs one turn and answers with its result; AiError('ai_worker_unavailable') when no worker takes it in time. */
  run(payload: CoauthorJobPayload, signal?: AbortSignal): Promise<SuggestResult>;
  /** Queues a turn nobody waits for (the failure watcher). */
  enqueue(payload: CoauthorJobPayload): Promise<void>;
  close(): Promise<void>;
}

/** What a job hands back: errors travel as data so their AiError code survives the trip through Redis. */
type JobAnswer =
  | { ok: true; result: SuggestResult }
  | { ok: false; error: { code: string; message: string } };

export interface CoauthorQueueOptions {
  redisUrl: string;
  prefix?: string;
  /** How long `run` waits for a worker's answer. Default 60 s (AI_JOB_TIMEOUT_MS). */
  timeoutMs?: number;
  logger?: Logger;
}

/**
 * The producer side of the `ai.coauthor` job on BullMQ: `run` adds a job and waits for its answer through the queue's
 * event stream, bounded by `timeoutMs`; with no worker connected it fails at once instead of waiting.
 * @example const runner = createCoauthorQueue({ redisUrl, prefix }); const r = await runner.run({ workflowId, userId });
 */
export function createCoauthorQueue(o: CoauthorQueueOptions): CoauthorRunner {
  const log = o.logger ?? pino({ level: 'silent' });
  const connection = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  connection.on('error', (err) => log.warn({ err: err.message }, 'ai queue redis error'));
  const queue = new Queue(QUEUE, { connection, prefix: o.prefix ?? 'tandem' });
  queue.on('error', (err) => log.warn({ err: err.message }, 'ai queue error'));
  let events: Promise<QueueEvents> | undefined;
  // QueueEvents blocks on its own connection; made on the first turn someone waits for.
  const getEvents = () =>
    (events ??= (async () => {
      const e = new QueueEvents(QUEUE, {
        connection: new Redis(o.redisUrl, { maxRetriesPerRequest: null }),
        prefix: o.prefix ?? 'tandem',
      });
      e.on('error', (err) => log.warn({ err: err.message }, 'ai queue events error'));
      await e.waitUntilReady();
      return e;
    })());
  const timeoutMs = o.timeoutMs ?? 60_000;
  const unavailable = (message: string) => new AiError('ai_worker_unavailable', message);

  return {
    async run(payload, signal) {
      const data = parseJob(JOB, payload);
      if ((await queue.getWorkersCount()) === 0)
        throw unavailable('No worker is running to take AI co-author jobs; start one with `./tandem worker`');
      const ev = await getEvents();
      const job = await queue.add(JOB, data, {
        attempts: 1,
        removeOnComplete: { age: 300, count: 1000 },
        removeOnFail: { age: 300, count: 1000 },
      });
      let answer: JobAnswer;
      try {
        const finished = job.waitUntilFinished(ev, timeoutMs) as Promise<JobAnswer>;
        answer = signal
          ? await Promise.race([
              finished,
              new Promise<never>((_, reject) => {
                if (signal.aborted) reject(new AiError('ai_aborted', 'The request was cancelled'));
                signal.addEventListener(
                  'abort',
                  () => reject(new AiError('ai_aborted', 'The request was cancelled')),
                  { once: true },
                );
              }),
            ])
          : await finished;
      } catch (err) {
        if (err instanceof AiError) throw err;
        // Still waiting (no worker free) → take it back so it does not run after we stopped caring.
        await job.remove().catch(() => undefined);
        const timedOut = /timed out/i.test(String((err as Error).message));
        throw unavailable(
          timedOut
            ? `No worker finished the AI co-author job within ${Math.round(timeoutMs / 1000)} s (is a worker running and able to reach the collab server?)`
            : `The AI co-author job failed: ${(err as Error).message}`,
        );
      }
      if (!answer.ok) throw new AiError(answer.error.code as AiErrorCode, answer.error.message);
      return answer.result;
    },
    async enqueue(payload) {
      await queue.add(JOB, parseJob(JOB, payload), {
        attempts: 1,
        removeOnComplete: true,
        removeOnFail: 100,
      });
    },
    async close() {
      const e = await events?.catch(() => undefined);
      await e?.close();
      await e?.disconnect();
      await queue.close();
      connection.disconnect();
    },
  };
}

export interface CoauthorWorkerOptions {
  redisUrl: string;
  prefix?: string;
  /** Co-author turns at once in this process. Default 4. */
  concurrency?: number;
  logger?: Logger;
}

/**
 * The consumer side: takes `ai.coauthor` jobs and runs `handler` (usually `handleCoauthorJob`). A malformed payload
 * fails the job for good; a failing turn answers with its error code. Returns the stop function.
 * @example const stop = startCoauthorWorker({ redisUrl }, (p, signal) => handleCoauthorJob(p, { ...deps, signal }));
 */
export function startCoauthorWorker(
  o: CoauthorWorkerOptions,
  handler: (payload: CoauthorJobPayload, signal: AbortSignal) => Promise<SuggestResult>,
): () => Promise<void> {
  const log = o.logger ?? pino({ level: 'silent' });
  const connection = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (err) => log.warn({ err: err.message }, 'ai worker redis error'));
  const worker = new Worker(
    QUEUE,
    async (job, _token, signal): Promise<JobAnswer> => {
      if (job.name !== JOB) throw new UnrecoverableError(`unknown job name ${job.name}`);
      let payload: CoauthorJobPayload;
      try {
        payload = parseJob(JOB, job.data);
      } catch {
        throw new UnrecoverableError('malformed ai.coauthor payload');
      }
      const started = Date.now();
      try {
        const result = await handler(payload, signal ?? new AbortController().signal);
        log.debug(
          {
            workflowId: payload.workflowId,
            suggestions: result.suggestions.length,
            ms: Date.now() - started,
          },
          'co-author job done',
        );
        return { ok: true, result };
      } catch (err) {
        const e = err as { code?: unknown; message?: unknown };
        log.warn({ workflowId: payload.workflowId, err: String(e.message ?? err) }, 'co-author job failed');
        const code =
          typeof e.code === 'string' && e.code.startsWith('ai_') ? e.code : 'ai_worker_unavailable';
        return { ok: false, error: { code, message: String(e.message ?? err) } };
      }
    },
    { connection, prefix: o.prefix ?? 'tandem', concurrency: o.concurrency ?? 4 },
  );
  worker.on('error', (err) => log.warn({ err: err.message }, 'ai worker error'));
  return async () => {
    await worker.close();
    connection.disconnect();
  };
}
