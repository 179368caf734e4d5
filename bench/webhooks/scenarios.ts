// What run.ts (load) and idle.ts (start-up footprint) share: the peers' n8n workflows, how Tandem is started with
// ./tandem's node flags, how the scenarios are imported and published, and one checked webhook call.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PEERS = process.env.PEERS_DIR ?? '/work/shared/bench/peers';

export const SCENARIOS: Record<string, { file: string; expect: (body: string) => boolean }> = {
  s1: { file: 's1-webhook-respond.json', expect: (b) => JSON.parse(b).ok === true },
  s2: { file: 's2-webhook-set-code.json', expect: (b) => JSON.parse(b)[0]?.doubled === 42 },
  s3: { file: 's3-fanout.json', expect: (b) => JSON.parse(b).count === 100 },
};

/** The node flags `./tandem` starts Tandem with, for the source tree at `root` (its import hooks). */
export const tandemNodeArgs = (root = path.join(here, '../..')): string[] => [
  '--enable-experimental-regexp-engine-on-excessive-backtracks',
  '--no-allocation-site-pretenuring',
  '--import',
  path.join(root, 'api/src/resolve-hooks.ts'),
];
export const TANDEM_NODE_ARGS = tandemNodeArgs();

/** Registers a user on a fresh instance, then imports and publishes the n8n files of `scenarios` unchanged. */
export async function publishScenarios(url: string, scenarios: string[]): Promise<void> {
  let cookie = '';
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(url + p, {
      method,
      headers: { 'content-type': 'application/json', origin: url, cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('tandem_session='));
    if (set) cookie = set.split(';')[0];
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  await call('POST', '/api/auth/register', {
    email: 'bench@example.com',
    password: 'correct horse battery',
    name: 'bench',
  });
  for (const s of scenarios) {
    const wf = JSON.parse(readFileSync(path.join(PEERS, 'n8n', SCENARIOS[s].file), 'utf8'));
    const { workflow } = await call('POST', '/api/workflows/import', wf);
    await call('POST', `/api/workflows/${workflow.id}/publish`);
  }
}

/** One webhook call of scenario `s`: true when it answers 200 with the expected body. */
export async function hit(url: string, s: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/webhook/${s}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"value":21,"name":"bench"}',
    });
    return res.status === 200 && SCENARIOS[s].expect(await res.text());
  } catch {
    return false;
  }
}
