import { customDataChips } from './custom-data-chips.ts';
import { customDataFilterFor } from './execution-filters.ts';

const chipClass =
  'inline-flex max-w-56 items-center truncate rounded-full bg-slate-100 px-2 py-0.5 font-mono text-[11px] text-slate-700 ring-1 ring-slate-200 ring-inset';

/**
 * What a run saved with an Execution Data node, as small `name: value` chips (custom-data-chips.ts). With `onPick`, a
 * chip is a button that filters the list by its pair (`active`: the filter now set, shown pressed); without, read-only.
 */
export function CustomDataChips({
  data,
  onPick,
  active,
  className = '',
}: {
  data: Record<string, string> | undefined;
  className?: string;
  onPick?: (filter: string) => void;
  active?: string;
}) {
  const { chips, rest, restTitle } = customDataChips(data ?? {});
  if (chips.length === 0) return null;
  return (
    <span className={`flex flex-wrap items-center gap-1 ${className}`} data-testid="custom-data">
      {chips.map((chip) => {
        const filter = onPick ? customDataFilterFor(chip.name, chip.value) : null;
        return filter === null ? (
          <span key={chip.name} className={chipClass} title={chip.title} data-testid="custom-data-chip">
            {chip.label}
          </span>
        ) : (
          <button
            key={chip.name}
            type="button"
            className={`${chipClass} cursor-pointer hover:bg-indigo-50 hover:ring-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-500 aria-pressed:bg-indigo-100 aria-pressed:text-indigo-800 aria-pressed:ring-indigo-300`}
            title={`${chip.title}\nShow only runs that saved this`}
            aria-pressed={filter === active}
            onClick={() => onPick?.(filter)}
            data-testid="custom-data-chip"
          >
            {chip.label}
          </button>
        );
      })}
      {rest > 0 && (
        <span className="text-[11px] text-slate-500" title={restTitle} data-testid="custom-data-more">
          +{rest}
        </span>
      )}
    </span>
  );
}
