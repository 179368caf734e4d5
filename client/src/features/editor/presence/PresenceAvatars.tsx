import { Avatar } from '../../../ui/Avatar.tsx';
import type { Peer } from '../collab/awareness-state.ts';
import { HiddenPeopleButton } from './HiddenPeopleButton.tsx';

/** Avatars of everyone in the document (you first): up to `max` others, then a "+N" that lists the rest. */
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
  const hidden = unique.slice(max);
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
      {hidden.length > 0 && <HiddenPeopleButton people={hidden} />}
    </div>
  );
}
