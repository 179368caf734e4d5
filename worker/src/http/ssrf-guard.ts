import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Which destinations outgoing requests (HTTP Request node, webhooks out) may reach. By default only public
 * addresses; an admin setting can allow private networks entirely or list hosts that are allowed anyway.
 */
export interface SsrfPolicy {
  /** Allow loopback, private, link-local… addresses (admin setting; tests use it to reach their server). */
  allowPrivateNetworks?: boolean;
  /** Host names or IP literals always allowed (exact match, lower case), e.g. an internal API. */
  allowedHosts?: string[];
}

export class SsrfBlockedError extends Error {
  override name = 'SsrfBlockedError';
  constructor(host: string, address?: string) {
    super(
      `Requests to ${host}${address && address !== host ? ` (${address})` : ''} are blocked: it is a private, loopback or link-local address. An administrator can allow private networks.`,
    );
  }
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** IPv4 embedded in IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) IPv6 addresses. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) return hexPairToIpv4(hex[1], hex[2]);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  if (sixToFour) return hexPairToIpv4(sixToFour[1], sixToFour[2]);
  return undefined;
}

function hexPairToIpv4(a: string, b: string): string {
  const hi = Number.parseInt(a, 16);
  const lo = Number.parseInt(b, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/**
 * True when `address` (an IP literal) is not a public unicast address.
 * @example isPrivateAddress('127.0.0.1') // true
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return blocked.check(v4, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

/** True when the policy lets `host` through without the private-address check (admin setting, allow-list). */
export function hostAllowed(host: string, policy: SsrfPolicy): boolean {
  return policy.allowPrivateNetworks === true || (policy.allowedHosts ?? []).includes(host.toLowerCase());
}

/** URL host without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * Checks what can be checked before DNS: scheme, IP literals, `localhost`. Throws SsrfBlockedError.
 * @example assertUrlAllowed(new URL('http://10.0.0.1/'), {}) // throws
 */
export function assertUrlAllowed(url: URL, policy: SsrfPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Only http and https URLs are supported (got ${url.protocol.replace(':', '')})`);
  }
  const host = bareHost(url);
  if (hostAllowed(host, policy)) return;
  if (isIP(host) && isPrivateAddress(host)) throw new SsrfBlockedError(host);
  if (host === 'localhost' || host.endsWith('.localhost')) throw new SsrfBlockedError(host);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that resolves the name and refuses private addresses. The socket connects to
 * exactly the addresses checked here, so a second (rebinding) DNS answer can't slip past.
 */
export function guardedLookup(policy: SsrfPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      if (!hostAllowed(hostname, policy)) {
        const bad = list.find((a) => isPrivateAddress(a.address));
        if (bad) return callback(new SsrfBlockedError(hostname, bad.address) as NodeJS.ErrnoException, []);
      }
      if (list.length === 0)
        return callback(new Error(`No address for ${hostname}`) as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/**
 * Resolves `host` and throws SsrfBlockedError when the policy refuses any of its addresses: for requests sent
 * through a proxy, which resolves the name itself, so `guardedLookup` never sees it. (A name that answers
 * differently to the proxy a moment later is the proxy's to refuse.)
 */
export function assertHostResolvesAllowed(host: string, policy: SsrfPolicy): Promise<void> {
  if (isIP(host) || hostAllowed(host, policy)) return Promise.resolve();
  return new Promise((resolve, reject) =>
    guardedLookup(policy)(host, { all: true }, (err) => (err ? reject(err) : resolve())),
  );
}
