import {
  bigint,
  boolean,
  customType,
  index,
  int,
  longtext,
  mysqlTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';

// Keep in step with schema-sqlite.ts: same tables, same JS property names (the repositories use either).
const ms = (name: string) => bigint(name, { mode: 'number' });
const id = (name: string) => varchar(name, { length: 64 });
const longblob = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'longblob' });

export const users = mysqlTable('users', {
  id: id('id').primaryKey(),
  email: varchar('email', { length: 320 }).notNull().unique(),
  name: varchar('name', { length: 200 }).notNull(),
  passwordHash: varchar('password_hash', { length: 255 }).notNull(),
  role: varchar('role', { length: 16 }).notNull(),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const sessions = mysqlTable(
  'sessions',
  {
    id: id('id').primaryKey(),
    userId: id('user_id').notNull(),
    expiresAt: ms('expires_at').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiKeys = mysqlTable(
  'api_keys',
  {
    id: id('id').primaryKey(),
    userId: id('user_id').notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    keyHash: varchar('key_hash', { length: 64 }).notNull().unique(),
    prefix: varchar('prefix', { length: 32 }).notNull(),
    createdAt: ms('created_at').notNull(),
    lastUsedAt: ms('last_used_at'),
    revokedAt: ms('revoked_at'),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);

export const workflows = mysqlTable(
  'workflows',
  {
    id: id('id').primaryKey(),
    name: varchar('name', { length: 256 }).notNull(),
    ownerId: id('owner_id').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    publishedVersionId: id('published_version_id'),
    archived: boolean('archived').notNull().default(false),
  },
  (t) => [index('workflows_owner_idx').on(t.ownerId), index('workflows_updated_idx').on(t.updatedAt)],
);

export const workflowMembers = mysqlTable(
  'workflow_members',
  {
    workflowId: id('workflow_id').notNull(),
    userId: id('user_id').notNull(),
    role: varchar('role', { length: 16 }).notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.userId] }), index('members_user_idx').on(t.userId)],
);

export const workflowVersions = mysqlTable(
  'workflow_versions',
  {
    id: id('id').primaryKey(),
    workflowId: id('workflow_id').notNull(),
    number: int('number').notNull(),
    workflowJson: longtext('workflow_json').notNull(),
    authorId: id('author_id').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('versions_workflow_number_idx').on(t.workflowId, t.number)],
);

export const credentials = mysqlTable(
  'credentials',
  {
    id: id('id').primaryKey(),
    ownerId: id('owner_id').notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    type: varchar('type', { length: 64 }).notNull(),
    publicData: text('public_data').notNull(),
    secretData: text('secret_data').notNull(),
    keyId: varchar('key_id', { length: 32 }).notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('credentials_owner_idx').on(t.ownerId)],
);

export const credentialShares = mysqlTable(
  'credential_shares',
  {
    credentialId: id('credential_id').notNull(),
    userId: id('user_id').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.credentialId, t.userId] }),
    index('credential_shares_user_idx').on(t.userId),
  ],
);

export const executions = mysqlTable(
  'executions',
  {
    id: id('id').primaryKey(),
    workflowId: id('workflow_id').notNull(),
    versionId: id('version_id'),
    status: varchar('status', { length: 16 }).notNull(),
    mode: varchar('mode', { length: 16 }).notNull(),
    createdBy: id('created_by'),
    createdAt: ms('created_at').notNull(),
    startedAt: ms('started_at'),
    finishedAt: ms('finished_at'),
    error: text('error'),
    runData: longtext('run_data'),
    input: longtext('input'),
    idempotencyKey: varchar('idempotency_key', { length: 255 }),
    parentExecutionId: id('parent_execution_id'),
    retryOf: id('retry_of'),
    // Execution runtime (worker/src/runner): liveness, Wait-node resume time, draft snapshot of editor runs.
    heartbeatAt: ms('heartbeat_at'),
    waitTill: ms('wait_till'),
    workflowJson: longtext('workflow_json'),
  },
  (t) => [
    index('executions_workflow_idx').on(t.workflowId, t.createdAt),
    index('executions_status_idx').on(t.status),
    uniqueIndex('executions_idempotency_idx').on(t.workflowId, t.idempotencyKey),
  ],
);

/** Finished node runs of unfinished executions, so a re-delivered job resumes after them. */
export const executionCheckpoints = mysqlTable(
  'execution_checkpoints',
  {
    executionId: id('execution_id').notNull(),
    nodeName: varchar('node_name', { length: 128 }).notNull(),
    runIndex: int('run_index').notNull(),
    task: longtext('task').notNull(),
  },
  (t) => [primaryKey({ columns: [t.executionId, t.nodeName, t.runIndex] })],
);

/** Custom execution data (schema-sqlite.ts). */
export const executionCustomData = mysqlTable(
  'execution_custom_data',
  {
    executionId: id('execution_id').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    value: varchar('value', { length: 255 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.executionId, t.name] }),
    index('execution_custom_data_value_idx').on(t.name, t.value),
  ],
);

export const auditLog = mysqlTable(
  'audit_log',
  {
    id: id('id').primaryKey(),
    at: ms('at').notNull(),
    userId: id('user_id'),
    action: varchar('action', { length: 64 }).notNull(),
    targetType: varchar('target_type', { length: 32 }),
    targetId: id('target_id'),
    details: text('details'),
    ip: varchar('ip', { length: 64 }),
  },
  (t) => [index('audit_at_idx').on(t.at)],
);

export const settings = mysqlTable('settings', {
  key: varchar('key', { length: 128 }).primaryKey(),
  value: text('value').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const docUpdates = mysqlTable(
  'doc_updates',
  {
    seq: bigint('seq', { mode: 'number' }).autoincrement().primaryKey(),
    workflowId: id('workflow_id').notNull(),
    update: longblob('update').notNull(),
    userId: id('user_id'),
    createdAt: ms('created_at').notNull(),
    bytes: int('bytes').notNull(),
    /** Folded into the snapshot: the bytes are cleared, the row stays for the activity feed. */
    compacted: boolean('compacted').notNull().default(false),
  },
  (t) => [index('doc_updates_workflow_idx').on(t.workflowId, t.compacted, t.seq)],
);

export const docSnapshots = mysqlTable('doc_snapshots', {
  workflowId: id('workflow_id').primaryKey(),
  snapshot: longblob('snapshot').notNull(),
  uptoSeq: bigint('upto_seq', { mode: 'number' }).notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const customNodes = mysqlTable(
  'custom_nodes',
  {
    id: id('id').primaryKey(),
    type: varchar('type', { length: 64 }).notNull(),
    version: int('version').notNull(),
    ownerId: id('owner_id').notNull(),
    definition: longtext('definition').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('custom_nodes_type_version_idx').on(t.type, t.version)],
);

export const aiUsage = mysqlTable(
  'ai_usage',
  {
    id: id('id').primaryKey(),
    userId: id('user_id'),
    workflowId: id('workflow_id'),
    operation: varchar('operation', { length: 64 }).notNull(),
    model: varchar('model', { length: 128 }).notNull(),
    promptTokens: int('prompt_tokens').notNull(),
    completionTokens: int('completion_tokens').notNull(),
    totalTokens: int('total_tokens').notNull(),
    at: ms('at').notNull(),
  },
  (t) => [index('ai_usage_user_at_idx').on(t.userId, t.at)],
);

export const agentMemory = mysqlTable(
  'agent_memory',
  {
    workflowId: id('workflow_id').notNull(),
    key: varchar('key', { length: 255 }).notNull(),
    messages: longtext('messages').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.key] })],
);
