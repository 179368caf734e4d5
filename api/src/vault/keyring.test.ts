import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyring, loadInstanceKey } from './keyring.ts';

describe('keyring', () => {
  it('seals with a random IV and opens with the key named in the envelope', () => {
    const k1 = Buffer.alloc(32, 1);
    const ring = createKeyring(k1);
    const a = ring.seal('secret');
    const b = ring.seal('secret');
    expect(a.envelope).not.toBe(b.envelope);
    expect(a.envelope).not.toContain('secret');
    expect(ring.open(a.keyId, a.envelope)).toBe('secret');
    const rotated = createKeyring(Buffer.alloc(32, 2), [k1]);
    expect(rotated.currentId).not.toBe(a.keyId);
    expect(rotated.open(a.keyId, a.envelope)).toBe('secret');
    expect(() => createKeyring(Buffer.alloc(32, 3)).open(a.keyId, a.envelope)).toThrow(/no encryption key/);
  });

  it('rejects a tampered envelope', () => {
    const ring = createKeyring(Buffer.alloc(32, 1));
    const { keyId, envelope } = ring.seal('secret');
    const raw = Buffer.from(envelope, 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => ring.open(keyId, raw.toString('base64'))).toThrow();
  });

  it('generates the instance key once, mode 0600, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-key-'));
    const first = loadInstanceKey(dir, undefined);
    expect(statSync(path.join(dir, 'encryption.key')).mode & 0o777).toBe(0o600);
    expect(loadInstanceKey(dir, undefined).equals(first)).toBe(true);
    expect(readFileSync(path.join(dir, 'encryption.key'), 'utf8').trim()).toBe(first.toString('hex'));
    expect(loadInstanceKey(dir, Buffer.alloc(32, 7)).equals(Buffer.alloc(32, 7))).toBe(true);
  });
});
