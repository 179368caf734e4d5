import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/client.ts';
import { workflowMetaQuery } from '../editor/useWorkflowMeta.ts';

/** What the workflow filter can say of the workflow it holds. */
export type PickedWorkflow =
  | { state: 'any' }
  | { state: 'loading' }
  | { state: 'named'; name: string }
  /** No workflow the caller may see has this id: deleted, not shared with them, or a mistyped link. */
  | { state: 'unknown' };

/**
 * The workflow behind the filter's id (`''` for any). The filter holds only an id, from a pick or the address, and
 * that workflow may be in no list loaded here (`loaded`): ask the workflow its name.
 * @example const picked = usePickedWorkflow(filter.workflowId, choices.data); // { state: 'named', name: 'Orders' }
 */
export function usePickedWorkflow(
  id: string,
  loaded: Array<{ id: string; name: string }> = [],
): PickedWorkflow {
  const meta = useQuery({ ...workflowMetaQuery(id), enabled: id !== '' });
  if (!id) return { state: 'any' };
  const name = meta.data?.name ?? loaded.find((w) => w.id === id)?.name;
  if (name !== undefined) return { state: 'named', name };
  if (meta.error instanceof ApiError && meta.error.status === 404) return { state: 'unknown' };
  // Any other failure says nothing of the workflow: name it by its id rather than call it unknown.
  return meta.isError ? { state: 'named', name: id } : { state: 'loading' };
}
