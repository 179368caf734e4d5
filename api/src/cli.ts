import { performance } from 'node:perf_hooks';
import { startCollabServer } from './collab-process.ts';
import { ConfigError, loadConfig } from './config.ts';
import { attachExecutions } from './execution-process.ts';
import { trimHeapWhenIdle } from './heap-trim.ts';
import { engineServicesFor, runtimeRegistry } from './node-runtime.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { startHttpServer } from './server.ts';

/**
 * Tandem's processes. `start` runs everything in one process (embedded default); `api`, `collab` and `worker` are the
 * production-mode processes; `migrate` applies migrations and exits. Called by ./tandem.
 */
type Command = 'start' | 'api' | 'collab' | 'worker' | 'migrate';
const COMMANDS: Command[] = ['start', 'api', 'collab', 'worker', 'migrate'];

async function main(command: string): Promise<void> {
  if (!COMMANDS.includes(command as Command)) {
    console.error(`tandem: unknown process '${command}' (one of ${COMMANDS.join(', ')})`);
    process.exit(2);
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`tandem: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  if ((command === 'api' || command === 'collab' || command === 'worker') && config.mode !== 'production') {
    console.error(
      `tandem: invalid DATABASE_URL/REDIS_URL: '${command}' is a production-mode process; set both (or use ./tandem start)`,
    );
    process.exit(1);
  }
  const runtime = await createRuntime(config);
  if (command === 'migrate') {
    runtime.logger.info({ dialect: config.database.dialect }, 'migrations applied');
    await runtime.close();
    return;
  }
  const stops: (() => Promise<void>)[] = [];
  if (command === 'start' || command === 'api') {
    const http = await startHttpServer(runtime.deps, {
      // The api's port always serves /collab too (in production it is one more instance on the Redis fan-out), so a
      // browser can use its own origin; `./tandem collab` instances add capacity behind a proxy routing /collab.
      onUpgrade: (req, socket, head) => runtime.collab().handleUpgrade(req, socket, head),
    });
    stops.push(http.close);
    await attachProcessParts(runtime, command as Command, stops);
    const ms = Math.round(performance.now());
    runtime.logger.info({ mode: config.mode, url: http.url, startupMs: ms }, 'Tandem is up');
    if (process.stdout.isTTY || process.env.TANDEM_PRINT_URL !== '0') {
      process.stderr.write(`\n  Tandem is running (${config.mode} mode) → open ${http.url}\n\n`);
    }
  } else {
    await attachProcessParts(runtime, command as Command, stops);
  }
  installShutdown(runtime, stops);
  trimHeapWhenIdle({ logger: runtime.logger });
}

/**
 * Wires the collab-server and the worker into this process: all of them in embedded mode, one in production.
 * Each part registers its own stop function.
 */
async function attachProcessParts(
  runtime: Runtime,
  command: Command,
  stops: (() => Promise<void>)[],
): Promise<void> {
  if (command === 'collab') {
    const server = await startCollabServer(runtime);
    stops.push(server.close);
    runtime.logger.info({ url: server.url }, 'collab-server is up');
    return;
  }
  // Every other process takes executions' plumbing (queue, live events, schedules); `start` and `worker` also run them.
  const registry = runtimeRegistry(runtime.deps);
  await registry.refresh();
  const services = engineServicesFor(runtime.deps);
  const stopExecutions = await attachExecutions(runtime, {
    runWorker: command === 'start' || command === 'worker',
    nodeTypes: registry,
    engineServices: services,
    retention: runtime.deps.config.retention,
    onFailed: (record, workflow, result) => runtime.deps.ai.watchFailure(record, workflow, result),
  });
  stops.push(async () => {
    registry.stop();
    services.stop();
    await stopExecutions();
  });
  // Production: the worker also takes AI co-author jobs; every process closes the AI job queue it may have opened.
  if (command === 'worker') stops.push(await runtime.deps.ai.startCoauthorWorker());
  stops.push(() => runtime.deps.ai.close());
  if (command === 'worker')
    runtime.logger.info({ concurrency: runtime.deps.config.workerConcurrency }, 'worker is up');
}

function installShutdown(runtime: Runtime, stops: (() => Promise<void>)[]) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    for (const s of stops.reverse()) await s().catch((err) => runtime.logger.error({ err }, 'stop failed'));
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main(process.argv[2] ?? 'start');
