import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { credentialKeys } from '../../api/query-keys.ts';
import type { Credential } from '../../api/types.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { formatDate } from '../../ui/format.ts';
import { EmptyState, ErrorState, FormError, Spinner } from '../../ui/States.tsx';
import { CredentialForm } from './CredentialForm.tsx';
import { credentialType } from './credential-types.ts';
import { deleteCredential, listCredentials } from './credentials-api.ts';

/** Credentials manager: list, create, edit, delete. */
export function CredentialsPage() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: credentialKeys.list(), queryFn: listCredentials });
  const [editing, setEditing] = useState<Credential | 'new' | null>(null);
  const del = useMutation({
    mutationFn: deleteCredential,
    onSuccess: () => qc.invalidateQueries({ queryKey: credentialKeys.all() }),
  });
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <div>
          <h1 className="text-xl font-semibold">Credentials</h1>
          <p className="text-sm text-slate-500">
            Encrypted at rest. Secrets are never shown again after saving.
          </p>
        </div>
        <Button variant="primary" onClick={() => setEditing('new')} data-testid="credential-new">
          New credential
        </Button>
      </div>
      <FormError error={del.error} />
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState
          title="No credentials yet"
          testId="credentials-empty"
          action={
            <Button variant="primary" onClick={() => setEditing('new')}>
              Add your first credential
            </Button>
          }
        >
          Store API keys and passwords once; nodes reference them by name.
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full text-sm" data-testid="credential-list">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 font-medium">Type</th>
                <th className="px-4 py-2 font-medium">Updated</th>
                <th />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.data.map((c) => (
                <tr key={c.id} data-testid="credential-row">
                  <td className="px-4 py-2.5 font-medium">{c.name}</td>
                  <td className="px-4 py-2.5">
                    <Badge tone="indigo">{credentialType(c.type).label}</Badge>
                  </td>
                  <td className="px-4 py-2.5 text-slate-500">{formatDate(c.updatedAt ?? c.createdAt)}</td>
                  <td className="px-4 py-2.5 text-right">
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setEditing(c)}
                      data-testid="credential-edit"
                    >
                      Edit
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-rose-600"
                      onClick={() => {
                        if (confirm(`Delete the credential “${c.name}”?`)) del.mutate(c.id);
                      }}
                      data-testid="credential-delete"
                    >
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <CredentialForm existing={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
