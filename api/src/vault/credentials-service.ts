import type { CredentialRow, Storage } from '@tandem/api/storage';
import { CREDENTIAL_TYPES, type CredentialType, splitCredentialData } from '@tandem/shared/schema';
import { newId } from '@tandem/shared/util';
import type { z } from 'zod';
import { AppError, notFound } from '../errors.ts';
import type { Keyring } from './keyring.ts';

/**
 * Typed credentials: validated per type, secret fields sealed with AES-256-GCM, the rest stored in clear for display.
 * Decrypted data leaves this module only through `decryptForUse`, which the worker calls for the node that needs it.
 */
export function credentialsService(storage: Storage, keyring: Keyring) {
  function validate(type: CredentialType, data: Record<string, unknown>) {
    const parsed = (CREDENTIAL_TYPES[type].schema as z.ZodObject).strict().safeParse(data);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({
        path: `data.${i.path.join('.')}`,
        message: i.message,
      }));
      throw new AppError(
        'validation_failed',
        `Invalid ${type} credential: ${details[0]?.path} ${details[0]?.message}`,
        details,
      );
    }
    return parsed.data as Record<string, unknown>;
  }

  function decrypt(row: CredentialRow): Record<string, unknown> {
    return { ...JSON.parse(row.publicData), ...JSON.parse(keyring.open(row.keyId, row.secretData)) };
  }

  async function visible(id: string, userId: string, isAdmin: boolean): Promise<CredentialRow> {
    const row = await storage.credentials.byId(id);
    if (!row) throw notFound('Credential');
    if (row.ownerId === userId || isAdmin || (await storage.credentials.isSharedWith(id, userId))) return row;
    throw notFound('Credential');
  }

  return {
    view(row: CredentialRow, userId: string) {
      const type = row.type as CredentialType;
      return {
        id: row.id,
        name: row.name,
        type,
        data: JSON.parse(row.publicData) as Record<string, unknown>,
        secretFields: [...CREDENTIAL_TYPES[type].secret],
        ownerId: row.ownerId,
        shared: row.ownerId !== userId,
        createdAt: new Date(row.createdAt).toISOString(),
        updatedAt: new Date(row.updatedAt).toISOString(),
      };
    },
    async create(
      ownerId: string,
      body: { name: string; type: CredentialType; data: Record<string, unknown> },
    ) {
      const data = validate(body.type, body.data);
      const { pub, sec } = splitCredentialData(body.type, data);
      const sealed = keyring.seal(JSON.stringify(sec));
      const now = Date.now();
      const row: CredentialRow = {
        id: newId(),
        ownerId,
        name: body.name,
        type: body.type,
        publicData: JSON.stringify(pub),
        secretData: sealed.envelope,
        keyId: sealed.keyId,
        createdAt: now,
        updatedAt: now,
      };
      await storage.credentials.create(row);
      return row;
    },
    visible,
    /** Only the owner (or an admin) may change or delete a credential; people it is shared with may only use it. */
    async owned(id: string, userId: string, isAdmin: boolean): Promise<CredentialRow> {
      const row = await visible(id, userId, isAdmin);
      if (row.ownerId !== userId && !isAdmin)
        throw new AppError('forbidden', 'Only the owner may change this credential');
      return row;
    },
    async update(row: CredentialRow, patch: { name?: string; data?: Record<string, unknown> }) {
      const type = row.type as CredentialType;
      const next: Partial<CredentialRow> = {};
      if (patch.name) next.name = patch.name;
      if (patch.data) {
        const data = validate(type, { ...decrypt(row), ...patch.data });
        const { pub, sec } = splitCredentialData(type, data);
        const sealed = keyring.seal(JSON.stringify(sec));
        Object.assign(next, {
          publicData: JSON.stringify(pub),
          secretData: sealed.envelope,
          keyId: sealed.keyId,
        });
      }
      await storage.credentials.update(row.id, next);
      return { ...row, ...next, updatedAt: Date.now() };
    },
    /**
     * Decrypted data for a node run: only when the credential belongs to, or is shared with, `userId`
     * (the workflow's owner). Never log or return the result.
     */
    async decryptForUse(
      id: string,
      userId: string,
    ): Promise<{ type: CredentialType; data: Record<string, unknown> }> {
      const row = await storage.credentials.byId(id);
      if (!row || (row.ownerId !== userId && !(await storage.credentials.isSharedWith(id, userId)))) {
        throw new AppError('not_found', `Credential ${id} is not available to this workflow`);
      }
      return { type: row.type as CredentialType, data: decrypt(row) };
    },
  };
}
export type CredentialsService = ReturnType<typeof credentialsService>;
