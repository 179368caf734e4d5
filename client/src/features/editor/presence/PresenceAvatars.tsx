import { Avatar } from '../../../ui/Avatar.tsx';
import type { Peer } from '../collab/awareness-state.ts';

/** Avatars of everyone in the document (you first): up to `max` others, then a "+N" naming the rest. */
export function PresenceAvatars({
  self,
  peers,
  max,
}: {
  self: { id: string; name: string; color: string };
  peers: Peer[];
  max: number;
}) {
  // One avatar per person even when they have several tabs open.
  const unique = [...new Map(peers.map((p) => [p.user.id, p])).values()];
  const hidden = unique.slice(max).map((p) => p.user.name);
  return (
    <div className="flex items-center -space-x-1.5" data-testid="presence-avatars">
      <span data-testid="presence-self">
        <Avatar
          name={self.name}
          title={`${self.name} (you)`}
          id={self.id}
          color={self.color}
          size={28}
          ring
        />
      </span>
      {unique.slice(0, max).map((p) => (
        <span key={p.clientId} data-testid="presence-avatar" data-user-name={p.user.name}>
          <Avatar name={p.user.name} id={p.user.id} color={p.user.color} size={28} ring />
        </span>
      ))}
      {hidden.length > 0 && (
        <span
          className="grid size-7 place-items-center rounded-full bg-slate-200 text-[11px] font-medium ring-2 ring-white"
          role="img"
          aria-label={`${hidden.length} more: ${hidden.join(', ')}`}
          title={hidden.join(', ')}
          data-testid="presence-more"
        >
          +{hidden.length}
        </span>
      )}
    </div>
  );
}
