import { parseCustomDataFilter } from '@tandem/shared/util';
import { MODE_CHOICES, SINCE_CHOICES, STATUS_CHOICES } from './execution-filters.ts';
import type { ExecutionFilter } from './executions-api.ts';

/**
 * The executions page's filters in its query string, so a filtered list can be linked, bookmarked, reloaded and
 * found again with Back: `/executions?status=failed&mode=webhook&workflow=<workflow id>&since=24h&data=orderId%3A42`. People keep these
 * links: do not rename the parameters. A missing, unknown or invalid value means "any".
 */
const PARAM: Record<keyof ExecutionFilter, string> = {
  status: 'status',
  mode: 'mode',
  workflowId: 'workflow',
  since: 'since',
  data: 'data',
};

const allowed = (choices: Array<[string, string]>) => (v: string) => choices.some(([c]) => c === v);
const VALID: Record<keyof ExecutionFilter, (v: string) => boolean> = {
  status: allowed(STATUS_CHOICES),
  mode: allowed(MODE_CHOICES),
  // The api's limit (ExecutionListQuery): a longer one would make the list fail instead of match nothing.
  workflowId: (v) => v.length <= 64,
  since: allowed(SINCE_CHOICES),
  data: (v) => parseCustomDataFilter(v) !== null,
};

const KEYS = Object.keys(PARAM) as Array<keyof ExecutionFilter>;

/** The filters a query string asks for; any for what it lacks or gets wrong. */
export function filterFromQuery(query: URLSearchParams): ExecutionFilter {
  const read = (key: keyof ExecutionFilter) => {
    const v = query.get(PARAM[key]) ?? '';
    return VALID[key](v) ? v : '';
  };
  return {
    status: read('status'),
    mode: read('mode'),
    workflowId: read('workflowId'),
    since: read('since'),
    data: read('data'),
  };
}

/** The query string of the filters: only those set, always in the same order. */
export function filterToQuery(f: ExecutionFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of KEYS) if (f[key]) query.set(PARAM[key], f[key]);
  return query;
}

/** The Executions page showing only the runs of one workflow. */
export function workflowRunsHref(workflowId: string): string {
  return `/executions?${filterToQuery({ status: '', mode: '', workflowId, since: '', data: '' })}`;
}
