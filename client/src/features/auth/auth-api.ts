import { api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';

/** POST /api/auth/login; sets the session cookie. */
export function login(body: { email: string; password: string }): Promise<User> {
  return api<User>('/auth/login', { method: 'POST', body });
}

/** POST /api/auth/register; the first user becomes admin. */
export function register(body: { email: string; password: string; name: string }): Promise<User> {
  return api<User>('/auth/register', { method: 'POST', body });
}

/** POST /api/auth/logout. */
export function logout(): Promise<void> {
  return api<void>('/auth/logout', { method: 'POST', body: {} });
}

/** GET /api/users/me; resolves null when signed out (401). */
export function fetchMe(): Promise<User | null> {
  return signedInUser(() => api<User>('/users/me'));
}

/** The user `request` (GET /api/users/me, made here or elsewhere) answers; null when signed out (401). */
export async function signedInUser(request: () => Promise<User>): Promise<User | null> {
  try {
    return await request();
  } catch (e) {
    if ((e as { status?: number }).status === 401) return null;
    throw e;
  }
}
