import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeKey } from '../config.ts';

/**
 * AES-256-GCM with a random 12-byte IV per value. Every envelope names the key that sealed it (`keyId`), so a new key
 * can be introduced while values sealed with an older one stay readable (rotation).
 */
export type Keyring = {
  currentId: string;
  seal(plain: string): { keyId: string; envelope: string };
  open(keyId: string, envelope: string): string;
  /** A key derived for another purpose (e.g. signing collab tokens), so one secret never serves two uses. */
  derive(purpose: string): Buffer;
};

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function createKeyring(current: Buffer, previous: Buffer[] = []): Keyring {
  const keys = new Map<string, Buffer>([
    [keyIdOf(current), current],
    ...previous.map((k) => [keyIdOf(k), k] as const),
  ]);
  const currentId = keyIdOf(current);
  return {
    currentId,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const envelope = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
      return { keyId: currentId, envelope };
    },
    open(keyId, envelope) {
      const key = keys.get(keyId);
      if (!key) throw new Error(`no encryption key with id ${keyId} is configured`);
      const raw = Buffer.from(envelope, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    derive(purpose) {
      return createHash('sha256').update(current).update(`tandem:${purpose}`).digest();
    },
  };
}

/**
 * The instance key: ENCRYPTION_KEY when set, else `$DATA_DIR/encryption.key` (32 random bytes, hex, mode 0600),
 * generated on first start and reused afterwards.
 */
export function loadInstanceKey(dataDir: string, fromEnv: Buffer | undefined): Buffer {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'encryption.key');
  if (existsSync(file)) {
    const key = decodeKey(readFileSync(file, 'utf8').trim());
    if (!key) throw new Error(`${file} does not hold a 32-byte key`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
