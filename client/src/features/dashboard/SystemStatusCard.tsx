import { useQuery } from '@tanstack/react-query';
import { systemKeys } from '../../api/query-keys.ts';
import { Badge } from '../../ui/Badge.tsx';
import { fetchHealth, fetchSystemStatus } from './workflows-api.ts';

/** Mode, version, queue depth, workers and open collaboration sessions. */
export function SystemStatusCard() {
  const health = useQuery({ queryKey: systemKeys.health(), queryFn: fetchHealth, refetchInterval: 30_000 });
  const status = useQuery({
    queryKey: systemKeys.status(),
    queryFn: fetchSystemStatus,
    refetchInterval: 15_000,
  });
  const s = status.data;
  const rows: [string, string][] = [
    ['Mode', String(s?.mode ?? health.data?.mode ?? '—')],
    ['Version', health.data?.version ?? '—'],
    ['Queue depth', s?.queueDepth !== undefined ? String(s.queueDepth) : '—'],
    ['Workers online', s?.workersOnline !== undefined ? String(s.workersOnline) : '—'],
    ['Collaboration sessions', s?.collabSessions !== undefined ? String(s.collabSessions) : '—'],
  ];
  return (
    <section className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="system-status">
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-sm font-semibold">System status</h2>
        {health.isError ? (
          <Badge tone="red">Unreachable</Badge>
        ) : health.data?.status === 'ok' ? (
          <Badge tone="green">Healthy</Badge>
        ) : (
          <Badge>Checking…</Badge>
        )}
      </div>
      <dl className="space-y-1.5 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="flex justify-between">
            <dt className="text-slate-500">{k}</dt>
            <dd
              className="font-medium tabular-nums"
              data-testid={`status-${k.toLowerCase().replace(/\s+/g, '-')}`}
            >
              {v}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
