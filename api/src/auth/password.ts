import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum (19 MiB, 2 iterations).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Hash verified against when the account does not exist, so timing does not tell which emails are registered. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Bl02LY0JQOZbf2DleTU1EQ$wBgWg49GEMFGfDMGGoizL7IjW50IEEFjC2IOZvEHvT4';
