// A Tandem process for the webhook benchmark: `start` (embedded: api + worker in one process), `api` or `worker`
// (production mode). Configured by the environment like ./tandem; prints "LISTENING <url>" once it serves.
import { loadConfig } from '../../api/src/config.ts';
import { attachExecutions } from '../../api/src/execution-process.ts';
import { trimHeapWhenIdle } from '../../api/src/heap-trim.ts';
import { createRuntime } from '../../api/src/runtime.ts';
import { startHttpServer } from '../../api/src/server.ts';
// bench/ is not a workspace package: reach the packages' sources directly.
import { createRegistry } from '../../shared/src/engine/index.ts';
import { nodeTypes } from '../../worker/src/nodes/index.ts';

const role = process.argv[2] ?? 'start';
const runtime = await createRuntime(loadConfig(process.env));
const stopExecutions = await attachExecutions(runtime, {
  runWorker: role !== 'api',
  nodeTypes: createRegistry(nodeTypes),
});
let closeHttp: (() => Promise<void>) | undefined;
if (role !== 'worker') {
  const http = await startHttpServer(runtime.deps);
  closeHttp = http.close;
  process.stdout.write(`LISTENING ${http.url}\n`);
} else {
  process.stdout.write('WORKER READY\n');
}
// As api/src/cli.ts does once it serves.
trimHeapWhenIdle();
process.on('SIGTERM', async () => {
  await closeHttp?.();
  await stopExecutions();
  await runtime.close();
  process.exit(0);
});
