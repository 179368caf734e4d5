import http from 'node:http';
import https from 'node:https';
import type { SsrfPolicy } from './ssrf-guard.ts';

/** How long an idle pooled connection is kept (Node's own global agent uses 5 s too). */
const IDLE_MS = 5_000;

const pools = new Map<string, http.Agent>();

/**
 * The keep-alive agent for one protocol and SSRF policy, so a node calling one API for many items reuses its
 * connections (and TLS sessions) instead of opening one per item.
 *
 * One agent per policy matters: a pooled socket was connected through the lookup of the policy that opened it,
 * so a request under a stricter policy must never be handed that socket. (https agents already separate
 * `rejectUnauthorized` in their pool keys.)
 *
 * @example
 * http.request(url, { agent: agentFor('https:', { allowPrivateNetworks: false }) });
 */
export function agentFor(protocol: string, policy: SsrfPolicy): http.Agent {
  const key = `${protocol}|${policy.allowPrivateNetworks === true}|${[...(policy.allowedHosts ?? [])].sort().join(',')}`;
  let agent = pools.get(key);
  if (!agent) {
    const options = { keepAlive: true, timeout: IDLE_MS, scheduling: 'lifo' as const, maxFreeSockets: 64 };
    agent = protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    pools.set(key, agent);
  }
  return agent;
}

/** Closes every pooled connection (process shutdown, tests). */
export function closeAgents(): void {
  for (const agent of pools.values()) agent.destroy();
  pools.clear();
}
