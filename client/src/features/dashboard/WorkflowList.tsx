import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { workflowKeys } from '../../api/query-keys.ts';
import { Button } from '../../ui/Button.tsx';
import { Input, Select } from '../../ui/Field.tsx';
import { EmptyState, ErrorState, FormError, Spinner } from '../../ui/States.tsx';
import { CreateWorkflowDialog } from './CreateWorkflowDialog.tsx';
import { ImportWorkflowDialog } from './ImportWorkflowDialog.tsx';
import { WorkflowRow } from './WorkflowRow.tsx';
import {
  archiveWorkflow,
  downloadJson,
  exportFileName,
  exportWorkflow,
  listWorkflows,
  type SortKey,
  sortWorkflows,
} from './workflows-api.ts';

/** Workflows list with search, sort, create, import, export and archive. */
export function WorkflowList() {
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const [sort, setSort] = useState<SortKey>('updated');
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const list = useInfiniteQuery({
    queryKey: workflowKeys.list({ q: query, sort }),
    queryFn: ({ pageParam }) => listWorkflows({ name: query || undefined, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(
    () => sortWorkflows(list.data?.pages.flatMap((p) => p.data).filter((w) => !w.archived) ?? [], sort),
    [list.data, sort],
  );
  const archive = useMutation({
    mutationFn: archiveWorkflow,
    onSuccess: () => qc.invalidateQueries({ queryKey: workflowKeys.lists() }),
  });
  const exp = useMutation({
    mutationFn: async (w: { id: string; name: string }) =>
      downloadJson(exportFileName(w.name), await exportWorkflow(w.id)),
  });
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-xl font-semibold">Workflows</h1>
        <Button onClick={() => setDialog('import')} data-testid="workflow-import">
          Import JSON
        </Button>
        <Button variant="primary" onClick={() => setDialog('create')} data-testid="workflow-create">
          New workflow
        </Button>
      </div>
      <div className="flex gap-3">
        <Input
          type="search"
          placeholder="Search workflows…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="workflow-search"
        />
        <Select
          className="w-44"
          value={sort}
          onChange={(e) => setSort(e.target.value as SortKey)}
          data-testid="workflow-sort"
          aria-label="Sort"
        >
          <option value="updated">Last updated</option>
          <option value="created">Newest</option>
          <option value="name">Name</option>
        </Select>
      </div>
      <FormError error={archive.error ?? exp.error} />
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} title="Could not load workflows" />
      ) : rows.length === 0 ? (
        query ? (
          <EmptyState title="No matches" testId="workflows-no-match">
            No workflow name contains “{query}”.
          </EmptyState>
        ) : (
          <EmptyState
            title="No workflows yet"
            testId="workflows-empty"
            action={
              <Button variant="primary" onClick={() => setDialog('create')}>
                Create your first workflow
              </Button>
            }
          >
            Workflows connect triggers and actions. Build one together with your team in real time.
          </EmptyState>
        )
      ) : (
        <ul
          className="divide-y divide-slate-100 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
          data-testid="workflow-list"
        >
          {rows.map((w) => (
            <WorkflowRow
              key={w.id}
              workflow={w}
              onOpen={() => navigate(`/workflows/${w.id}`)}
              onExport={() => exp.mutate(w)}
              onArchive={() => {
                if (confirm(`Archive “${w.name}”? Its triggers stop.`)) archive.mutate(w.id);
              }}
            />
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <div className="flex justify-center">
          <Button
            onClick={() => list.fetchNextPage()}
            busy={list.isFetchingNextPage}
            data-testid="workflow-load-more"
          >
            Load more
          </Button>
        </div>
      )}
      {dialog === 'create' && <CreateWorkflowDialog onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportWorkflowDialog onClose={() => setDialog(null)} />}
    </section>
  );
}
