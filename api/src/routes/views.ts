import type { ApiKeyRow, UserRow } from '@tandem/api/storage';
import { AppError } from '../errors.ts';

/** Row → API object conversions, so every route answers the same shape for the same thing. */
export const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

export function userView(u: Pick<UserRow, 'id' | 'email' | 'name' | 'role'>) {
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

export function apiKeyView(k: ApiKeyRow) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: iso(k.createdAt)!,
    lastUsedAt: iso(k.lastUsedAt),
  };
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A list's `cursor` query value as `encodeCursor` wrote it; anything else is refused (400), not read as "no cursor". */
export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (!cursor) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    v = undefined;
  }
  if (check(v)) return v;
  throw new AppError(
    'validation_failed',
    'Invalid query: cursor is not the nextCursor of a page of this list',
    [{ path: 'cursor', message: 'pass nextCursor as it was answered' }],
  );
}
