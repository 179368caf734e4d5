import { useEffect, useId, useState } from 'react';
import { Input } from '../../ui/Field.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { customDataProblem } from './execution-filters.ts';

/**
 * The executions page's custom data filter: `name:value` or `name`, applied once typing pauses. Text the api would
 * refuse says why under the field and is not applied (the list keeps the last good filter); × clears. `value` comes
 * from the address, so a chip click or Back shows here too.
 */
export function CustomDataFilter({ value, onChange }: { value: string; onChange: (data: string) => void }) {
  const messageId = useId();
  const [text, setText] = useState(value);
  // The address changed (a chip, Back, our own write): show what it says.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const settled = useDebounced(text, 300);
  const problem = customDataProblem(text);
  useEffect(() => {
    // `settled === text`: a value set from outside has not settled yet, and must not be overwritten by older text.
    if (settled === text && settled !== value && customDataProblem(settled) === null) onChange(settled);
  }, [settled, text, value, onChange]);

  return (
    <div className="relative">
      <Input
        aria-label="Custom data"
        placeholder="Custom data, e.g. orderId:42"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={problem !== null}
        aria-describedby={problem ? messageId : undefined}
        className="pr-8 font-mono"
        data-testid="executions-filter-data"
      />
      {text && (
        <button
          type="button"
          aria-label="Clear the custom data filter"
          title="Any custom data"
          onClick={() => {
            setText('');
            onChange('');
          }}
          className="absolute top-0 right-0 grid h-8 w-8 place-items-center rounded-r-md text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-500"
          data-testid="executions-filter-data-clear"
        >
          ×
        </button>
      )}
      {problem && (
        <p
          id={messageId}
          role="alert"
          className="mt-1 text-xs text-rose-600"
          data-testid="executions-filter-data-error"
        >
          {problem}
        </p>
      )}
    </div>
  );
}
