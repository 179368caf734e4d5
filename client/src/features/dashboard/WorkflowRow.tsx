import { Link } from 'wouter';
import type { WorkflowSummary } from '../../api/types.ts';
import { Badge, statusTone } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { relativeTime } from '../../ui/format.ts';
import { workflowRunsHref } from '../executions/filters-in-url.ts';

/** One line of the workflows list. */
export function WorkflowRow({
  workflow: w,
  onOpen,
  onExport,
  onArchive,
}: {
  workflow: WorkflowSummary;
  onOpen: () => void;
  onExport: () => void;
  onArchive: () => void;
}) {
  const published = Boolean(w.publishedVersionId ?? w.currentVersionId);
  const lastStatus = w.lastExecution?.status;
  const shared = w.role && w.role !== 'owner';
  return (
    <li
      className="group flex items-center gap-4 px-4 py-3 hover:bg-slate-50"
      data-testid="workflow-row"
      data-workflow-id={w.id}
    >
      <button type="button" onClick={onOpen} className="min-w-0 flex-1 text-left" data-testid="workflow-open">
        <p className="truncate text-sm font-medium text-slate-900" data-testid="workflow-name">
          {w.name}
        </p>
        <p className="mt-0.5 text-xs text-slate-500">
          Updated {relativeTime(w.updatedAt ?? w.createdAt)}
          {w.owner?.name ? ` · by ${w.owner.name}` : ''}
        </p>
      </button>
      <div className="flex items-center gap-1.5">
        {shared ? <Badge tone="blue">Shared · {w.role}</Badge> : <Badge>Owner</Badge>}
        {published ? <Badge tone="green">Published</Badge> : <Badge tone="amber">Draft</Badge>}
        {lastStatus && (
          <Link
            href={workflowRunsHref(w.id)}
            className="rounded-full hover:opacity-80"
            title="Runs of this workflow"
            data-testid="workflow-last-run-link"
          >
            <Badge tone={statusTone(lastStatus)} testId="workflow-last-status">
              Last run: {lastStatus}
            </Badge>
          </Link>
        )}
      </div>
      <div className="flex opacity-60 group-hover:opacity-100">
        <Button size="sm" variant="ghost" onClick={onExport} data-testid="workflow-export">
          Export
        </Button>
        {w.role !== 'viewer' && w.role !== 'editor' && (
          <Button
            size="sm"
            variant="ghost"
            className="text-rose-600"
            onClick={onArchive}
            data-testid="workflow-archive"
          >
            Archive
          </Button>
        )}
      </div>
    </li>
  );
}
