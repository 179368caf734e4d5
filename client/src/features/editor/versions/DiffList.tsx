import { Badge } from '../../../ui/Badge.tsx';
import { isEmptyDiff, type WorkflowDiff } from './workflow-diff.ts';

/** Human list of a node-level diff. */
export function DiffList({ diff }: { diff: WorkflowDiff }) {
  if (isEmptyDiff(diff))
    return (
      <p className="text-sm text-slate-500" data-testid="diff-empty">
        No changes.
      </p>
    );
  return (
    <ul className="space-y-1.5 text-sm" data-testid="diff-list">
      {diff.nodes.map((c) => (
        <li
          key={`${c.kind}-${c.id}`}
          className="flex items-start gap-2"
          data-testid="diff-row"
          data-kind={c.kind}
        >
          <Badge tone={c.kind === 'added' ? 'green' : c.kind === 'removed' ? 'red' : 'amber'}>{c.kind}</Badge>
          <span className="font-medium">{c.name}</span>
          {c.fields.length > 0 && (
            <span className="truncate text-xs text-slate-500">{c.fields.join(', ')}</span>
          )}
        </li>
      ))}
      {diff.connectionsChanged && (
        <li className="flex gap-2">
          <Badge tone="amber">changed</Badge> Connections
        </li>
      )}
      {diff.settingsChanged && (
        <li className="flex gap-2">
          <Badge tone="amber">changed</Badge> Workflow settings
        </li>
      )}
    </ul>
  );
}
