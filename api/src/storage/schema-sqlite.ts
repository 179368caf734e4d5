import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Keep in step with schema-mysql.ts: same tables, same JS property names (the repositories use either).
const ms = (name: string) => integer(name, { mode: 'number' });
const bool = (name: string) => integer(name, { mode: 'boolean' });

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    expiresAt: ms('expires_at').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdAt: ms('created_at').notNull(),
    lastUsedAt: ms('last_used_at'),
    revokedAt: ms('revoked_at'),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);

export const workflows = sqliteTable(
  'workflows',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    ownerId: text('owner_id').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    publishedVersionId: text('published_version_id'),
    archived: bool('archived').notNull().default(false),
  },
  (t) => [index('workflows_owner_idx').on(t.ownerId), index('workflows_updated_idx').on(t.updatedAt)],
);

export const workflowMembers = sqliteTable(
  'workflow_members',
  {
    workflowId: text('workflow_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.userId] }), index('members_user_idx').on(t.userId)],
);

export const workflowVersions = sqliteTable(
  'workflow_versions',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').notNull(),
    number: integer('number').notNull(),
    workflowJson: text('workflow_json').notNull(),
    authorId: text('author_id').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('versions_workflow_number_idx').on(t.workflowId, t.number)],
);

export const credentials = sqliteTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    publicData: text('public_data').notNull(),
    secretData: text('secret_data').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('credentials_owner_idx').on(t.ownerId)],
);

export const credentialShares = sqliteTable(
  'credential_shares',
  {
    credentialId: text('credential_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.credentialId, t.userId] }),
    index('credential_shares_user_idx').on(t.userId),
  ],
);

export const executions = sqliteTable(
  'executions',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').notNull(),
    versionId: text('version_id'),
    status: text('status').notNull(),
    mode: text('mode').notNull(),
    createdBy: text('created_by'),
    createdAt: ms('created_at').notNull(),
    startedAt: ms('started_at'),
    finishedAt: ms('finished_at'),
    error: text('error'),
    runData: text('run_data'),
    input: text('input'),
    idempotencyKey: text('idempotency_key'),
    parentExecutionId: text('parent_execution_id'),
    retryOf: text('retry_of'),
    // Execution runtime (worker/src/runner): liveness, Wait-node resume time, draft snapshot of editor runs.
    heartbeatAt: ms('heartbeat_at'),
    waitTill: ms('wait_till'),
    workflowJson: text('workflow_json'),
  },
  (t) => [
    index('executions_workflow_idx').on(t.workflowId, t.createdAt),
    index('executions_status_idx').on(t.status),
    uniqueIndex('executions_idempotency_idx').on(t.workflowId, t.idempotencyKey),
  ],
);

/** Finished node runs of unfinished executions, so a re-delivered job resumes after them. */
export const executionCheckpoints = sqliteTable(
  'execution_checkpoints',
  {
    executionId: text('execution_id').notNull(),
    nodeName: text('node_name').notNull(),
    runIndex: integer('run_index').notNull(),
    task: text('task').notNull(),
  },
  (t) => [primaryKey({ columns: [t.executionId, t.nodeName, t.runIndex] })],
);

/**
 * Custom execution data (the Execution Data node, n8n's `execution_metadata`): at most 10 names per execution,
 * stored with the final state (and with checkpoints and parks, for resumes). Indexed by (name, value) for the
 * executions list's `data=name:value` filter; deleted with the execution.
 */
export const executionCustomData = sqliteTable(
  'execution_custom_data',
  {
    executionId: text('execution_id').notNull(),
    name: text('name').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.executionId, t.name] }),
    index('execution_custom_data_value_idx').on(t.name, t.value),
  ],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: ms('at').notNull(),
    userId: text('user_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: text('details'),
    ip: text('ip'),
  },
  (t) => [index('audit_at_idx').on(t.at)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const docUpdates = sqliteTable(
  'doc_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    workflowId: text('workflow_id').notNull(),
    update: blob('update', { mode: 'buffer' }).notNull(),
    userId: text('user_id'),
    createdAt: ms('created_at').notNull(),
    bytes: integer('bytes').notNull(),
    /** Folded into the snapshot: the bytes are cleared, the row stays for the activity feed. */
    compacted: bool('compacted').notNull().default(false),
  },
  (t) => [index('doc_updates_workflow_idx').on(t.workflowId, t.compacted, t.seq)],
);

export const docSnapshots = sqliteTable('doc_snapshots', {
  workflowId: text('workflow_id').primaryKey(),
  snapshot: blob('snapshot', { mode: 'buffer' }).notNull(),
  uptoSeq: integer('upto_seq').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const customNodes = sqliteTable(
  'custom_nodes',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    ownerId: text('owner_id').notNull(),
    definition: text('definition').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('custom_nodes_type_version_idx').on(t.type, t.version)],
);

export const aiUsage = sqliteTable(
  'ai_usage',
  {
    id: text('id').primaryKey(),
    userId: text('user_id'),
    workflowId: text('workflow_id'),
    operation: text('operation').notNull(),
    model: text('model').notNull(),
    promptTokens: integer('prompt_tokens').notNull(),
    completionTokens: integer('completion_tokens').notNull(),
    totalTokens: integer('total_tokens').notNull(),
    at: ms('at').notNull(),
  },
  (t) => [index('ai_usage_user_at_idx').on(t.userId, t.at)],
);

export const agentMemory = sqliteTable(
  'agent_memory',
  {
    workflowId: text('workflow_id').notNull(),
    key: text('key').notNull(),
    messages: text('messages').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.key] })],
);
