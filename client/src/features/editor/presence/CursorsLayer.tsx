import { ViewportPortal } from '@xyflow/react';
import type { Peer } from '../collab/awareness-state.ts';

/** Other people's pointers, drawn in flow coordinates so they stay put while you pan and zoom. */
export function CursorsLayer({ peers }: { peers: Peer[] }) {
  return (
    <ViewportPortal>
      {peers.map((p) =>
        p.pointer ? (
          <div
            key={p.clientId}
            data-testid="remote-cursor"
            data-user-name={p.user.name}
            className="pointer-events-none absolute top-0 left-0 z-[1000] transition-transform duration-75 ease-linear"
            style={{ transform: `translate(${p.pointer.x}px, ${p.pointer.y}px)` }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
              <path d="M1 1 L7 16 L9.5 9.5 L16 7 Z" fill={p.user.color} stroke="white" strokeWidth="1.5" />
            </svg>
            <span
              className="ml-3 rounded-md px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-white shadow"
              style={{ background: p.user.color }}
            >
              {p.user.name}
            </span>
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
}
