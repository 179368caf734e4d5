import { aiRepo } from './ai-repo.ts';
import { apiKeysRepo } from './api-keys-repo.ts';
import { auditRepo } from './audit-repo.ts';
import { credentialsRepo } from './credentials-repo.ts';
import { customNodesRepo } from './custom-nodes-repo.ts';
import { type Connection, type DatabaseTarget, openDatabase } from './db.ts';
import { documentsRepo } from './documents-repo.ts';
import { executionsRepo } from './executions-repo.ts';
import type { ExecutionsOptions } from './executions-store.ts';
import { sessionsRepo } from './sessions-repo.ts';
import { settingsRepo } from './settings-repo.ts';
import { usersRepo } from './users-repo.ts';
import { versionsRepo } from './versions-repo.ts';
import { workflowsRepo } from './workflows-repo.ts';

export type { ApiKeyRow } from './api-keys-repo.ts';
export type { CredentialRow } from './credentials-repo.ts';
export type { CustomNodeRow } from './custom-nodes-repo.ts';
export type { Connection, DatabaseTarget } from './db.ts';
export type { ExecutionListQuery, ExecutionSummaryRow } from './executions-queries.ts';
export type { ExecutionsRepo } from './executions-repo.ts';
export type { NewExecution } from './executions-writes.ts';
export type { SessionRow } from './sessions-repo.ts';
export { DEFAULT_SETTINGS, type InstanceSettings } from './settings-repo.ts';
export type { UserRole, UserRow } from './users-repo.ts';
export type { VersionRow } from './versions-repo.ts';
export type { MemberRow, WorkflowRole, WorkflowRow, WorkflowWithRole } from './workflows-repo.ts';

/** One repository layer over either SQLite or MySQL. */
export function repositories(conn: Connection, options: StorageOptions = {}) {
  return {
    conn,
    users: usersRepo(conn),
    sessions: sessionsRepo(conn),
    apiKeys: apiKeysRepo(conn),
    workflows: workflowsRepo(conn),
    versions: versionsRepo(conn),
    credentials: credentialsRepo(conn),
    customNodes: customNodesRepo(conn),
    ai: aiRepo(conn),
    documents: documentsRepo(conn),
    executions: executionsRepo(conn, options),
    settings: settingsRepo(conn),
    audit: auditRepo(conn),
    close: () => conn.close(),
  };
}
export type Storage = ReturnType<typeof repositories>;
export type StorageOptions = ExecutionsOptions;

/**
 * Opens the database (applying migrations) and returns the repositories.
 * @example const storage = await createStorage({ dialect: 'sqlite', file: './data/tandem.db' });
 */
export async function createStorage(target: DatabaseTarget, options: StorageOptions = {}): Promise<Storage> {
  return repositories(await openDatabase(target), options);
}
