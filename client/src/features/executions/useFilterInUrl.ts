import { useSearchParams } from 'wouter';
import type { ExecutionFilter } from './executions-api.ts';
import { filterFromQuery, filterToQuery } from './filters-in-url.ts';

/**
 * The executions page's filters, kept in its address (filters-in-url.ts): read from it, so a reload, a link, Back and
 * Forward all show the list they name; a change rewrites it.
 */
export function useFilterInUrl(): [ExecutionFilter, (change: Partial<ExecutionFilter>) => void] {
  const [query, setQuery] = useSearchParams();
  const filter = filterFromQuery(query);
  // Replaces the history entry instead of pushing one: a filter refines the page you are on, so Back leaves the
  // page (for the run or the dashboard you came from) rather than stepping through every dropdown. The entry keeps
  // the filters, so Back from a run opened here still finds the filtered list.
  const change = (c: Partial<ExecutionFilter>) =>
    setQuery(filterToQuery({ ...filter, ...c }), { replace: true });
  return [filter, change];
}
