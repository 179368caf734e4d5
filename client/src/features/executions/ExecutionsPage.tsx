import { parseCustomDataFilter } from '@tandem/shared/util';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { executionKeys } from '../../api/query-keys.ts';
import { Button } from '../../ui/Button.tsx';
import { Select } from '../../ui/Field.tsx';
import { EmptyState, ErrorState, FormError, Spinner } from '../../ui/States.tsx';
import { cancelExecution } from '../editor/run/executions-api.ts';
import { CustomDataFilter } from './CustomDataFilter.tsx';
import { ExecutionRow } from './ExecutionRow.tsx';
import { MODE_CHOICES, SINCE_CHOICES, STATUS_CHOICES } from './execution-filters.ts';
import { deleteExecution, type ExecutionFilter, listExecutions, retryExecution } from './executions-api.ts';
import { useFilterInUrl } from './useFilterInUrl.ts';
import { WorkflowFilter } from './WorkflowFilter.tsx';

/**
 * Every execution the caller may see, newest first: filter by status, trigger, workflow, time and custom data (kept in
 * the address; a row's custom data chip sets that filter); retry, cancel, delete.
 */
export function ExecutionsPage() {
  const qc = useQueryClient();
  const [filter, setFilter] = useFilterInUrl();
  const list = useInfiniteQuery({
    queryKey: executionKeys.list(filter),
    queryFn: ({ pageParam }) => listExecutions(filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5000,
  });
  const changed = () => qc.invalidateQueries({ queryKey: executionKeys.all() });
  const retry = useMutation({ mutationFn: retryExecution, onSuccess: changed });
  const cancel = useMutation({ mutationFn: cancelExecution, onSuccess: changed });
  const remove = useMutation({ mutationFn: deleteExecution, onSuccess: changed });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filters: Array<[keyof ExecutionFilter, string, string, string, Array<[string, string]>]> = [
    ['status', 'status', 'Status', 'Any status', STATUS_CHOICES],
    ['mode', 'mode', 'Started by', 'Any trigger', MODE_CHOICES],
    ['since', 'since', 'Started', 'Any time', SINCE_CHOICES],
  ];
  const filtered = Object.values(filter).some(Boolean);
  const filteredBesidesData = Object.values({ ...filter, data: '' }).some(Boolean);
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Executions</h1>
        <p className="text-sm text-slate-500">Every run of the workflows you can see, from any trigger.</p>
      </div>
      <div className="grid max-w-5xl grid-cols-1 items-start gap-3 sm:grid-cols-5">
        <WorkflowFilter value={filter.workflowId} onChange={(workflowId) => setFilter({ workflowId })} />
        {filters.map(([key, testId, label, any, choices]) => (
          <Select
            key={key}
            value={filter[key]}
            onChange={(e) => setFilter({ [key]: e.target.value })}
            aria-label={label}
            data-testid={`executions-filter-${testId}`}
          >
            <option value="">{any}</option>
            {choices.map(([v, text]) => (
              <option key={v} value={v}>
                {text}
              </option>
            ))}
          </Select>
        ))}
        <CustomDataFilter value={filter.data} onChange={(data) => setFilter({ data })} />
      </div>
      <FormError error={retry.error ?? cancel.error ?? remove.error} />
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          title={filtered ? 'No matching executions' : 'No executions yet'}
          testId="executions-empty"
        >
          {filter.data
            ? `No run saved ${describeData(filter.data)}${filteredBesidesData ? ' with these filters' : ''}.`
            : filtered
              ? 'Nothing ran with these filters.'
              : 'Runs from the editor, webhooks, schedules and the API show up here.'}
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full text-sm" data-testid="executions-table">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 font-medium">Workflow</th>
                <th className="px-4 py-2 font-medium">Started by</th>
                <th className="px-4 py-2 font-medium">Started</th>
                <th className="px-4 py-2 font-medium">Took</th>
                <th />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((e) => (
                <ExecutionRow
                  key={e.id}
                  execution={e}
                  dataFilter={filter.data}
                  onPickData={(data) => setFilter({ data })}
                  onRetry={() => retry.mutate(e.id)}
                  onCancel={() => cancel.mutate(e.id)}
                  onDelete={() => {
                    if (confirm('Delete this execution and its data?')) remove.mutate(e.id);
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <Button
          onClick={() => list.fetchNextPage()}
          busy={list.isFetchingNextPage}
          data-testid="executions-more"
        >
          Load more
        </Button>
      )}
    </section>
  );
}

/** A custom data filter in words: "orderId = 42", or "a value named orderId". */
function describeData(data: string): string {
  const { name, value } = parseCustomDataFilter(data) ?? { name: data };
  return value === undefined ? `a value named ${name}` : `${name} = ${value}`;
}
