import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { NodeOperationError, NonRetriableError } from '@tandem/shared/engine';
import { hostAllowed, isPrivateAddress, SsrfBlockedError, type SsrfPolicy } from './ssrf-guard.ts';

/**
 * The SSRF guard for nodes that open raw TCP connections (Redis, MySQL, SMTP) instead of HTTP requests:
 * the same policy as the HTTP Request node, applied to a host name before connecting. Without it a member's
 * credential `{host: 'redis'}` reaches Tandem's own Redis (collab fan-out, BullMQ, rate limits) or database.
 */

/**
 * The policy admins set for outgoing connections, read like the HTTP Request node does (`services.http.ssrf`).
 * Missing or malformed means the default: public addresses only.
 * @example ssrfPolicyOf(ctx.services) // {} or { allowPrivateNetworks: true }
 */
export function ssrfPolicyOf(services: object | undefined): SsrfPolicy {
  const http = (services as { http?: unknown } | undefined)?.http as { ssrf?: unknown } | undefined;
  const ssrf = http && typeof http === 'object' ? http.ssrf : undefined;
  return ssrf && typeof ssrf === 'object' ? (ssrf as SsrfPolicy) : {};
}

/**
 * Where to connect for `host` under `policy`: the host itself when the policy allows it (private networks
 * allowed, or listed in `allowedHosts`), otherwise a checked public IP address. Connecting to that address
 * (not the name again) means a second, rebinding DNS answer cannot slip past the check; keep the name for TLS
 * (SNI and certificate checks). Throws SsrfBlockedError for loopback, private or link-local destinations.
 * @example await resolveAllowedHost('localhost', {}) // throws SsrfBlockedError
 * @example await resolveAllowedHost('db.example.com', {}) // '93.184.216.34'
 */
export async function resolveAllowedHost(host: string, policy: SsrfPolicy): Promise<string> {
  const name = host.trim().replace(/^\[|\]$/g, '');
  if (!name) throw new Error('The host is empty');
  if (hostAllowed(name, policy)) return name;
  if (isIP(name)) {
    if (isPrivateAddress(name)) throw new SsrfBlockedError(name);
    return name;
  }
  const lower = name.toLowerCase();
  if (lower === 'localhost' || lower.endsWith('.localhost')) throw new SsrfBlockedError(name);
  const addresses = await lookup(name, { all: true });
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (bad) throw new SsrfBlockedError(name, bad.address);
  if (addresses.length === 0) throw new Error(`No address for ${name}`);
  return addresses[0].address;
}

/**
 * `resolveAllowedHost` for a node run, with the node's error types: a blocked destination fails the node for
 * good (NonRetriableError), a DNS failure is an ordinary, retriable node error.
 * @example const address = await resolveNodeHost(ctx.services, cred.host || 'localhost');
 */
export async function resolveNodeHost(services: object | undefined, host: string): Promise<string> {
  try {
    return await resolveAllowedHost(host, ssrfPolicyOf(services));
  } catch (err) {
    if (err instanceof SsrfBlockedError) throw new NonRetriableError(err.message, { cause: err });
    throw new NodeOperationError(`Cannot resolve host "${host}": ${(err as Error).message}`, { cause: err });
  }
}
