import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { NonRetriableError } from '@tandem/shared/engine';
import { describe, expect, it } from 'vitest';
import { resolveAllowedHost, resolveNodeHost, ssrfPolicyOf } from './host-guard.ts';
import { isPrivateAddress, SsrfBlockedError } from './ssrf-guard.ts';

describe('SSRF guard for raw TCP nodes (Redis, MySQL, SMTP)', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.0.1',
    '169.254.169.254',
    '0.0.0.0',
    'fd00::1',
    'localhost',
    'LOCALHOST',
    'redis.localhost',
  ])('blocks %s by default', async (host) => {
    await expect(resolveAllowedHost(host, {})).rejects.toBeInstanceOf(SsrfBlockedError);
  });

  it('checks what a name resolves to', async () => {
    const name = hostname();
    const resolved = await lookup(name, { all: true }).catch(() => []);
    if (!resolved.some((a) => isPrivateAddress(a.address))) return; // this machine's name is public: nothing to show
    await expect(resolveAllowedHost(name, {})).rejects.toThrow(/are blocked/);
    expect(await resolveAllowedHost(name, { allowPrivateNetworks: true })).toBe(name);
  });

  it('returns a public IP literal as is, and lets the admin policy through', async () => {
    expect(await resolveAllowedHost('93.184.216.34', {})).toBe('93.184.216.34');
    expect(await resolveAllowedHost('[2606:4700::1111]', {})).toBe('2606:4700::1111');
    expect(await resolveAllowedHost('127.0.0.1', { allowPrivateNetworks: true })).toBe('127.0.0.1');
    expect(await resolveAllowedHost('Localhost', { allowedHosts: ['localhost'] })).toBe('Localhost');
    await expect(resolveAllowedHost('127.0.0.1', { allowedHosts: ['localhost'] })).rejects.toThrow(/blocked/);
    await expect(resolveAllowedHost('  ', {})).rejects.toThrow(/host is empty/);
  });

  it('reads the policy from the engine services like the HTTP Request node', () => {
    expect(ssrfPolicyOf(undefined)).toEqual({});
    expect(ssrfPolicyOf({})).toEqual({});
    expect(ssrfPolicyOf({ http: 'x' })).toEqual({});
    expect(ssrfPolicyOf({ http: { ssrf: null } })).toEqual({});
    expect(ssrfPolicyOf({ http: { ssrf: { allowPrivateNetworks: true } } })).toEqual({
      allowPrivateNetworks: true,
    });
  });

  it('gives nodes a non-retriable error for blocked hosts', async () => {
    const err = await resolveNodeHost({}, '127.0.0.1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetriableError);
    expect((err as Error).message).toMatch(/Requests to 127.0.0.1 are blocked/);
    await expect(resolveNodeHost({}, 'no-such-host.invalid')).rejects.toThrow(/Cannot resolve host/);
  });
});
