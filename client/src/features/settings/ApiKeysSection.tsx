import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiKeyKeys } from '../../api/query-keys.ts';
import type { ApiKey } from '../../api/types.ts';
import { Button } from '../../ui/Button.tsx';
import { Input } from '../../ui/Field.tsx';
import { formatDate } from '../../ui/format.ts';
import { EmptyState, ErrorState, FormError, Spinner } from '../../ui/States.tsx';
import { CopyOnceKey } from './CopyOnceKey.tsx';
import { createApiKey, listApiKeys, revokeApiKey } from './settings-api.ts';

/** List, create (copy-once) and revoke API keys. */
export function ApiKeysSection() {
  const qc = useQueryClient();
  const keys = useQuery({ queryKey: apiKeyKeys.all(), queryFn: listApiKeys });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ApiKey | null>(null);
  const create = useMutation({
    mutationFn: createApiKey,
    onSuccess: (k) => {
      setCreated(k);
      setName('');
      qc.invalidateQueries({ queryKey: apiKeyKeys.all() });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.all() }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim() });
  };
  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="flex gap-2">
        <Input
          placeholder="Key name, e.g. CI deploy"
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="apikey-name"
          maxLength={100}
        />
        <Button type="submit" variant="primary" busy={create.isPending} data-testid="apikey-create">
          Create key
        </Button>
      </form>
      <FormError error={create.error} />
      {created?.key && <CopyOnceKey secret={created.key} onDone={() => setCreated(null)} />}
      {keys.isPending ? (
        <Spinner />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <EmptyState title="No API keys yet" testId="apikeys-empty">
          Create one to call the Tandem API from scripts.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" data-testid="apikey-list">
          {keys.data.map((k) => (
            <li key={k.id} className="flex items-center gap-3 px-4 py-2.5 text-sm" data-testid="apikey-row">
              <div className="flex-1">
                <p className="font-medium">{k.name}</p>
                <p className="text-xs text-slate-500">
                  {k.prefix ? <code className="mr-2">{k.prefix}…</code> : null}
                  created {formatDate(k.createdAt)} · last used{' '}
                  {k.lastUsedAt ? formatDate(k.lastUsedAt) : 'never'}
                </p>
              </div>
              <Button
                size="sm"
                variant="ghost"
                className="text-rose-600"
                busy={revoke.isPending && revoke.variables === k.id}
                onClick={() => {
                  if (confirm(`Revoke the key “${k.name}”? Programs using it stop working.`))
                    revoke.mutate(k.id);
                }}
                data-testid="apikey-revoke"
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <FormError error={revoke.error} />
    </div>
  );
}
