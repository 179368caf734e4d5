import { Avatar } from '../../../ui/Avatar.tsx';
import { usePopover } from '../../../ui/usePopover.ts';
import type { Peer } from '../collab/awareness-state.ts';

/**
 * The "+N" after the avatars that fit: a button that opens the list of the people it stands for, so keyboard and
 * touch users can see who they are too (the pointer also gets them in its tooltip). Escape or a press outside closes
 * the list, as does Tab away from the button; Escape gives the focus back to it.
 */
export function HiddenPeopleButton({ people }: { people: Peer[] }) {
  const { open, popoverId, rootProps, triggerProps } = usePopover();
  const names = people.map((p) => p.user.name).join(', ');
  return (
    <div className="relative" {...rootProps}>
      <button
        {...triggerProps}
        type="button"
        aria-label={`${people.length} more: ${names}`}
        title={names}
        className="grid size-7 place-items-center rounded-full bg-slate-200 text-[11px] font-medium ring-2 ring-white hover:bg-slate-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        data-testid="presence-more"
      >
        +{people.length}
      </button>
      {open && (
        <ul
          id={popoverId}
          aria-label="Also here"
          className="absolute top-full right-0 z-50 mt-2 max-h-72 min-w-44 overflow-auto rounded-lg bg-white p-1 shadow-xl ring-1 ring-slate-200"
          data-testid="presence-more-list"
        >
          {people.map((p) => (
            <li
              key={p.clientId}
              className="flex items-center gap-2 px-2 py-1.5 text-sm whitespace-nowrap text-slate-700"
              data-testid="presence-more-person"
              data-user-name={p.user.name}
            >
              {/* Screen readers get the name beside it, not its initials too. */}
              <span aria-hidden="true">
                <Avatar name={p.user.name} id={p.user.id} color={p.user.color} size={24} />
              </span>
              <span>{p.user.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
