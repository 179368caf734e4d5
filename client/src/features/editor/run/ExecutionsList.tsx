import { useQuery } from '@tanstack/react-query';
import type { Ref } from 'react';
import { executionKeys } from '../../../api/query-keys.ts';
import { Badge, statusTone } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { relativeTime } from '../../../ui/format.ts';
import { ErrorState, Spinner } from '../../../ui/States.tsx';
import { CustomDataChips } from '../../executions/CustomDataChips.tsx';
import { useEditor } from '../editor-context.ts';
import { listWorkflowExecutions } from './executions-api.ts';
import type { ExecutionOverlayApi } from './useExecutionOverlay.ts';

/**
 * The executions of this workflow, newest first, with the custom data each saved, as a dropdown under its (relatively
 * positioned) opener; picking one shows it on the canvas read-only, Replay compares it with the draft. Both close
 * the list.
 */
export function ExecutionsList({
  workflowRun,
  onReplay,
  onClose,
  id,
  ref,
}: {
  workflowRun: ExecutionOverlayApi;
  /** Replay an execution against the draft (editors only). */
  onReplay?: (executionId: string) => void;
  onClose: () => void;
  id?: string;
  ref?: Ref<HTMLDivElement>;
}) {
  const { workflowId } = useEditor();
  const q = useQuery({
    queryKey: executionKeys.forWorkflow(workflowId),
    queryFn: () => listWorkflowExecutions(workflowId),
    refetchInterval: 5000,
  });
  return (
    <div
      ref={ref}
      id={id}
      className="absolute top-full right-0 z-40 mt-2 max-h-96 w-96 overflow-auto rounded-lg bg-white p-2 shadow-xl ring-1 ring-slate-200"
      data-testid="executions-list"
    >
      {q.isPending ? (
        <Spinner />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.length === 0 ? (
        <p className="p-3 text-sm text-slate-500">No executions yet.</p>
      ) : (
        <ul>
          {q.data.map((e) => (
            <li key={e.id} className="flex items-center gap-1">
              <button
                type="button"
                className="flex min-w-0 flex-1 flex-wrap items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-slate-50"
                onClick={() => {
                  workflowRun.open(e.id);
                  onClose();
                }}
                data-testid="execution-row"
                data-execution-id={e.id}
              >
                <Badge tone={statusTone(e.status)}>{e.status}</Badge>
                <span className="text-xs text-slate-500">{e.mode ?? ''}</span>
                <span className="ml-auto text-xs text-slate-400">
                  {relativeTime(e.startedAt ?? e.createdAt)}
                </span>
                <CustomDataChips data={e.customData} className="basis-full" />
              </button>
              {onReplay && (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    onReplay(e.id);
                    onClose();
                  }}
                  title="Run this execution's input again against the draft and compare the outputs"
                  data-testid="execution-replay"
                >
                  Replay
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
