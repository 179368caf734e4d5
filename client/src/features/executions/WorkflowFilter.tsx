import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { workflowKeys } from '../../api/query-keys.ts';
import { Input } from '../../ui/Field.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { listWorkflows } from '../dashboard/workflows-api.ts';
import { usePickedWorkflow } from './usePickedWorkflow.ts';

type Choice = { id: string; name: string };
const ANY: Choice = { id: '', name: 'Any workflow' };

/**
 * The executions page's workflow filter: a combobox that searches workflows by name as you type, offering the most
 * recently updated ones while empty. Arrow keys move through the choices, Enter picks, Escape gives up; × clears.
 * An id no workflow the user may see has (from a link) reads as a warning, "Unknown workflow": the list stays
 * filtered by it, as the address says. `value`: a workflow id, '' for any.
 */
export function WorkflowFilter({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const listId = useId();
  const field = useRef<HTMLInputElement>(null);
  // What was typed since the last pick; null shows the picked workflow's name.
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const wanted = typed?.trim() ?? '';
  const term = useDebounced(wanted, 250);
  const found = useQuery({
    queryKey: workflowKeys.choices(term),
    queryFn: async () => (await listWorkflows({ name: term || undefined })).data,
    placeholderData: keepPreviousData,
  });
  // Choices that answer what is typed now: Enter never picks from an older search.
  const fresh = term === wanted && found.isSuccess && !found.isPlaceholderData;
  const choices: Choice[] = [...(wanted ? [] : [ANY]), ...(found.data ?? [])];
  const current = Math.min(active, choices.length - 1);
  const picked = usePickedWorkflow(value, found.data);
  const unknown = picked.state === 'unknown';
  const pickedName = picked.state === 'named' ? picked.name : unknown ? 'Unknown workflow' : '';

  useEffect(() => {
    if (open) document.getElementById(`${listId}-${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, current, listId]);

  const pick = (choice: Choice) => {
    onChange(choice.id);
    setTyped(null);
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive(Math.max(0, Math.min(choices.length - 1, current + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      const choice = choices[current];
      if (fresh && choice) pick(choice);
    } else if (e.key === 'Escape') {
      setTyped(null);
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <Input
        role="combobox"
        aria-label="Workflow"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && current >= 0 ? `${listId}-${current}` : undefined}
        ref={field}
        placeholder={picked.state === 'loading' ? 'Loading…' : ANY.name}
        value={typed ?? pickedName}
        aria-invalid={unknown}
        title={unknown ? `No workflow you can see has the id ${value}` : undefined}
        // `!`: the field's own colours would win over these otherwise.
        className={`pr-8 ${unknown && typed === null ? 'bg-amber-50! text-amber-900! ring-amber-400!' : ''}`}
        onChange={(e) => {
          setTyped(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setTyped(null);
          setOpen(false);
        }}
        data-testid="executions-filter-workflow"
      />
      {value && (
        <button
          type="button"
          aria-label="Clear the workflow filter"
          title="Any workflow"
          onClick={() => {
            pick(ANY);
            field.current?.focus();
          }}
          className="absolute inset-y-0 right-0 grid w-8 place-items-center rounded-r-md text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-500"
          data-testid="executions-filter-workflow-clear"
        >
          ×
        </button>
      )}
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Workflows"
          aria-busy={!fresh}
          className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {choices.map((choice, i) => (
            <li
              key={choice.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={`cursor-pointer truncate px-2.5 py-1.5 ${i === current ? 'bg-indigo-50 text-indigo-900' : 'text-slate-700'}`}
              // Keeps the focus in the field: its blur would close the list before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(choice)}
              data-testid="executions-workflow-option"
              data-workflow-id={choice.id}
            >
              {choice.name}
            </li>
          ))}
          {choices.length === 0 && (
            <li className="px-2.5 py-1.5 text-slate-400">{fresh ? 'No matching workflow' : 'Searching…'}</li>
          )}
        </ul>
      )}
    </div>
  );
}
