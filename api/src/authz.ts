import type { WorkflowRole, WorkflowRow, WorkflowWithRole } from '@tandem/api/storage';
import type { AppDeps, AuthedUser } from './deps.ts';
import { AppError, notFound } from './errors.ts';

/** What a caller wants to do with a workflow. */
export type WorkflowAction = 'view' | 'edit' | 'execute' | 'manage';

const ALLOWED: Record<WorkflowRole, ReadonlySet<WorkflowAction>> = {
  owner: new Set(['view', 'edit', 'execute', 'manage']),
  editor: new Set(['view', 'edit', 'execute']),
  viewer: new Set(['view']),
};

export function can(role: WorkflowRole, action: WorkflowAction): boolean {
  return ALLOWED[role].has(action);
}

/**
 * The one place that decides access to a workflow. Instance admins act as owners. Someone who may not even view it
 * gets 404 (its existence is not revealed); someone who may view but not do `action` gets 403.
 */
export async function authorizeWorkflow(
  deps: Pick<AppDeps, 'storage'>,
  user: AuthedUser,
  workflowId: string,
  action: WorkflowAction,
): Promise<{ workflow: WorkflowRow; role: WorkflowRole }> {
  const workflow = await deps.storage.workflows.byId(workflowId);
  if (!workflow) throw notFound('Workflow');
  // Admins act as owners whatever their membership: no need to look it up.
  const memberRole =
    user.role === 'admin' ? undefined : await deps.storage.workflows.roleOf(workflowId, user.id);
  const role = decide(user, workflow, memberRole, action);
  if (role instanceof AppError) throw role;
  return { workflow, role };
}

/** authorizeWorkflow's answer, without its queries, for a workflow loaded with the caller's membership: for lists. */
export function allows(user: AuthedUser, workflow: WorkflowWithRole, action: WorkflowAction): boolean {
  return !(decide(user, workflow, workflow.role, action) instanceof AppError);
}

/** The role the caller acts with on the workflow, or the error that refuses them `action`. */
function decide(
  user: AuthedUser,
  workflow: WorkflowRow,
  memberRole: WorkflowRole | undefined,
  action: WorkflowAction,
): WorkflowRole | AppError {
  const role = user.role === 'admin' ? 'owner' : memberRole;
  if (!role) return notFound('Workflow');
  if (!can(role, action)) {
    return new AppError('forbidden', `Your role on this workflow (${role}) does not allow ${action}`);
  }
  // An archived workflow is read-only and runs nothing until its owner restores it.
  if (workflow.archived && (action === 'edit' || action === 'execute')) {
    return new AppError('conflict', 'This workflow is archived; restore it first');
  }
  return role;
}

/** The role of a user on a workflow for the collab-server's upgrade and periodic re-check. */
export async function workflowRoleOf(
  deps: Pick<AppDeps, 'storage'>,
  userId: string,
  workflowId: string,
): Promise<WorkflowRole | null> {
  const [workflow, user] = await Promise.all([
    deps.storage.workflows.byId(workflowId),
    deps.storage.users.byId(userId),
  ]);
  if (!workflow || !user || workflow.archived) return null;
  if (user.role === 'admin') return 'owner';
  return (await deps.storage.workflows.roleOf(workflowId, userId)) ?? null;
}
