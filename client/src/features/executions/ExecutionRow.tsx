import { Link } from 'wouter';
import type { ExecutionSummary } from '../../api/types.ts';
import { Badge, statusTone } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { formatDuration, relativeTime } from '../../ui/format.ts';
import { isFinal } from '../editor/run/run-data.ts';
import { CustomDataChips } from './CustomDataChips.tsx';
import { MODE_CHOICES } from './execution-filters.ts';

const MODE_LABEL = new Map(MODE_CHOICES);

/**
 * One execution: status, workflow (opens the run on its canvas), its custom data (a chip filters by it, `onPickData`),
 * trigger, timing, error; retry, cancel, delete when the api says the caller may (not a viewer of the workflow, not
 * archived).
 */
export function ExecutionRow({
  execution: e,
  onRetry,
  onCancel,
  onDelete,
  dataFilter,
  onPickData,
}: {
  execution: ExecutionSummary;
  /** The custom data filter now set, so its chip shows pressed. */
  dataFilter: string;
  onPickData: (data: string) => void;
  onRetry: () => void;
  onCancel: () => void;
  onDelete: () => void;
}) {
  // Ended: retried or deleted; otherwise canceled.
  const ended = isFinal(e.status);
  const took =
    e.startedAt && e.finishedAt ? formatDuration(Date.parse(e.finishedAt) - Date.parse(e.startedAt)) : '';
  const error = typeof e.error === 'string' ? e.error : e.error?.message;
  return (
    <tr data-testid="executions-row" data-execution-id={e.id} data-status={e.status}>
      <td className="px-4 py-2.5">
        <Badge tone={statusTone(e.status)}>{e.status}</Badge>
      </td>
      <td className="max-w-80 px-4 py-2.5">
        <Link
          href={`/workflows/${e.workflowId}?execution=${e.id}`}
          className="block truncate font-medium hover:underline"
          data-testid="executions-open"
        >
          {e.workflowName ?? e.workflowId}
        </Link>
        {error && (
          <p className="truncate text-xs text-rose-600" title={error}>
            {error}
          </p>
        )}
        <CustomDataChips data={e.customData} onPick={onPickData} active={dataFilter} className="mt-1" />
      </td>
      <td className="px-4 py-2.5 text-slate-600">{MODE_LABEL.get(e.mode ?? '') ?? e.mode}</td>
      <td className="px-4 py-2.5 text-slate-500" title={e.startedAt ?? e.createdAt ?? ''}>
        {relativeTime(e.startedAt ?? e.createdAt)}
      </td>
      <td className="px-4 py-2.5 text-slate-500">{took}</td>
      <td className="px-4 py-2.5 text-right whitespace-nowrap">
        {!e.canEdit ? null : ended ? (
          <>
            <Button size="sm" variant="ghost" onClick={onRetry} data-testid="executions-retry">
              Retry
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="text-rose-600"
              onClick={onDelete}
              data-testid="executions-delete"
            >
              Delete
            </Button>
          </>
        ) : (
          <Button size="sm" variant="ghost" onClick={onCancel} data-testid="executions-cancel">
            Cancel
          </Button>
        )}
      </td>
    </tr>
  );
}
