import { api, type Page } from '../../api/client.ts';
import type { Credential } from '../../api/types.ts';

/** GET /api/credentials (metadata and non-secret fields only). */
export async function listCredentials(): Promise<Credential[]> {
  return (await api<Page<Credential>>('/credentials')).data;
}

/** POST /api/credentials. */
export function createCredential(body: { name: string; type: string; data: Record<string, unknown> }) {
  return api<Credential>('/credentials', { method: 'POST', body });
}

/** PUT /api/credentials/{id}; omitted secret fields keep their stored value. */
export function updateCredential(
  id: string,
  body: { name: string; type: string; data: Record<string, unknown> },
) {
  return api<Credential>(`/credentials/${encodeURIComponent(id)}`, {
    method: 'PUT',
    body: { name: body.name, data: body.data },
  });
}

/** DELETE /api/credentials/{id}. */
export function deleteCredential(id: string): Promise<void> {
  return api<void>(`/credentials/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
