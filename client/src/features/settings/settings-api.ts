import { api, type Page } from '../../api/client.ts';
import type { ApiKey, User } from '../../api/types.ts';

/** PUT /api/users/me with profile fields. */
export function updateProfile(body: { name: string; email: string }): Promise<User> {
  return api<User>('/users/me', { method: 'PUT', body });
}

/** PUT /api/users/me with a password change; the api revokes other sessions. */
export function changePassword(body: { currentPassword: string; newPassword: string }): Promise<User> {
  return api<User>('/users/me', {
    method: 'PUT',
    body: {
      currentPassword: body.currentPassword,
      password: body.newPassword,
    },
  });
}

/** GET /api/api-keys. */
export async function listApiKeys(): Promise<ApiKey[]> {
  return (await api<Page<ApiKey>>('/api-keys')).data;
}

/** POST /api/api-keys; the answer carries the secret in `key`, once. */
export function createApiKey(body: { name: string }): Promise<ApiKey> {
  return api<ApiKey>('/api-keys', { method: 'POST', body });
}

/** DELETE /api/api-keys/{id}. */
export function revokeApiKey(id: string): Promise<void> {
  return api<void>(`/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
