import type { SaveStatus } from '../collab/save-state.ts';

const LOOK: Record<SaveStatus, { dot: string; text: string; title: string }> = {
  saved: { dot: 'bg-emerald-500', text: 'Saved', title: 'All changes are stored on the server.' },
  syncing: { dot: 'bg-amber-400 animate-pulse', text: 'Syncing…', title: 'Sending your latest changes.' },
  offline: {
    dot: 'bg-slate-400',
    text: 'Offline',
    title: 'Not connected. Keep editing: your changes merge when the connection is back.',
  },
  denied: { dot: 'bg-rose-500', text: 'No access', title: 'The server refused this document.' },
};

/** "Saved / Syncing / Offline" pill for the draft. */
export function SaveIndicator({ status }: { status: SaveStatus }) {
  const l = LOOK[status];
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-600"
      title={`${l.text}: ${l.title}`}
      aria-label={l.text}
      data-testid="save-indicator"
      data-status={status}
    >
      <span className={`size-2 rounded-full ${l.dot}`} />
      {/* Below xl the dot alone (the title says it all), so the editor's header keeps one line. */}
      <span className="hidden xl:inline">{l.text}</span>
    </span>
  );
}
