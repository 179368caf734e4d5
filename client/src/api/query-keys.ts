/**
 * TanStack Query key factories, one per feature, so invalidation is exact.
 * @example queryClient.invalidateQueries({ queryKey: workflowKeys.lists() })
 */
export const authKeys = {
  me: () => ['auth', 'me'] as const,
};

export const workflowKeys = {
  all: () => ['workflows'] as const,
  lists: () => [...workflowKeys.all(), 'list'] as const,
  list: (filter: { q: string; sort: string }) => [...workflowKeys.lists(), filter] as const,
  detail: (id: string) => [...workflowKeys.all(), 'detail', id] as const,
  /** The first page of workflows whose name contains `name`, as filter choices (not the dashboard's infinite list). */
  choices: (name: string) => [...workflowKeys.all(), 'choices', name] as const,
  versions: (id: string) => [...workflowKeys.all(), 'versions', id] as const,
  version: (id: string, versionId: string) => [...workflowKeys.versions(id), versionId] as const,
  members: (id: string) => [...workflowKeys.all(), 'members', id] as const,
  activity: (id: string) => [...workflowKeys.all(), 'activity', id] as const,
};

export const executionKeys = {
  all: () => ['executions'] as const,
  recent: () => [...executionKeys.all(), 'recent'] as const,
  list: (filter: { status: string; mode: string; workflowId: string; since: string; data: string }) =>
    [...executionKeys.all(), 'list', filter] as const,
  forWorkflow: (workflowId: string) => [...executionKeys.all(), 'workflow', workflowId] as const,
  detail: (id: string) => [...executionKeys.all(), 'detail', id] as const,
};

export const credentialKeys = {
  all: () => ['credentials'] as const,
  list: () => [...credentialKeys.all(), 'list'] as const,
};

export const apiKeyKeys = {
  all: () => ['api-keys'] as const,
};

export const systemKeys = {
  health: () => ['system', 'health'] as const,
  status: () => ['system', 'status'] as const,
  nodes: () => ['system', 'nodes'] as const,
};
