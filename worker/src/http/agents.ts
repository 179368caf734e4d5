import http from 'node:http';
import https from 'node:https';
import { hasProxyFor, proxyEnvFrom } from './proxy.ts';
import type { SsrfPolicy } from './ssrf-guard.ts';

/** How long an idle pooled connection is kept (Node's own global agent uses 5 s too). */
const IDLE_MS = 5_000;

const pools = new Map<string, http.Agent>();
/** The proxy settings the pooled agents are made with: read from the environment once (null: not read yet). */
let proxyEnv: Record<string, string> | undefined | null = null;
const proxySettings = () => (proxyEnv === null ? (proxyEnv = proxyEnvFrom(process.env)) : proxyEnv);

/**
 * The keep-alive agent for one protocol and SSRF policy, so a node calling one API for many items reuses its
 * connections (and TLS sessions) instead of opening one per item.
 *
 * One agent per policy matters: a pooled socket was connected through the lookup of the policy that opened it,
 * so a request under a stricter policy must never be handed that socket. (https agents already separate
 * `rejectUnauthorized` in their pool keys.)
 *
 * With HTTP_PROXY / HTTPS_PROXY set, the agents send through that proxy (see proxy.ts); the proxy then resolves
 * the target's name, which is why `usesProxy` tells the caller to check the target's addresses itself.
 *
 * @example
 * http.request(url, { agent: agentFor('https:', { allowPrivateNetworks: false }) });
 */
export function agentFor(protocol: string, policy: SsrfPolicy): http.Agent {
  const key = `${protocol}|${policy.allowPrivateNetworks === true}|${[...(policy.allowedHosts ?? [])].sort().join(',')}`;
  let agent = pools.get(key);
  if (!agent) {
    const options = {
      keepAlive: true,
      timeout: IDLE_MS,
      scheduling: 'lifo' as const,
      maxFreeSockets: 64,
      proxyEnv: proxySettings(),
    };
    agent = protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    pools.set(key, agent);
  }
  return agent;
}

/** Whether requests of `protocol` are sent through a proxy (unless NO_PROXY names the host). */
export function usesProxy(protocol: string): boolean {
  return hasProxyFor(protocol, proxySettings());
}

/** Closes every pooled connection and forgets the proxy settings (process shutdown, tests). */
export function closeAgents(): void {
  for (const agent of pools.values()) agent.destroy();
  pools.clear();
  proxyEnv = null;
}
