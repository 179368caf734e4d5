/** Shapes the api answers with (see issue 2 conventions). Unknown extra fields are tolerated. */

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'member' | (string & {});
}

export type WorkflowRole = 'owner' | 'editor' | 'viewer';

export interface WorkflowSummary {
  id: string;
  name: string;
  ownerId?: string;
  owner?: { id: string; name: string } | null;
  role?: WorkflowRole;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  publishedVersionId?: string | null;
  currentVersionId?: string | null;
  /** Its most recent run (by creation time, any mode); null when it never ran. */
  lastExecution?: { id: string; status: ExecutionStatus; startedAt: string | null } | null;
  nodes?: unknown[];
}

export type ExecutionStatus =
  | 'queued'
  | 'running'
  | 'success'
  | 'error'
  | 'canceled'
  | 'cancelled'
  | 'waiting'
  | (string & {});

export interface ExecutionSummary {
  id: string;
  workflowId: string;
  workflowName?: string;
  /** In lists: the caller may retry, cancel and delete it. */
  canEdit?: boolean;
  status: ExecutionStatus;
  mode?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  createdAt?: string;
  error?: string | { message?: string } | null;
  /** What the run saved with an Execution Data node, name → value; {} when nothing. */
  customData?: Record<string, string>;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix?: string;
  createdAt?: string;
  lastUsedAt?: string | null;
  /** Present only in the answer to the create call. */
  key?: string;
}

export interface Credential {
  id: string;
  name: string;
  type: string;
  /** Non-secret fields only; the api never returns secrets. */
  data?: Record<string, unknown>;
  createdAt?: string;
  updatedAt?: string;
}

export interface Health {
  status: string;
  mode: 'embedded' | 'production' | (string & {});
  version?: string;
}

export interface SystemStatus {
  mode?: string;
  queueDepth?: number;
  workersOnline?: number;
  collabSessions?: number;
  [k: string]: unknown;
}
