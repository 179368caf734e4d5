import { z } from 'zod';
import { ExecutionStatus } from './events.ts';
import { WorkflowJson } from './workflow.ts';

/** Bodies and answers of the REST API (the OpenAPI document is generated from these). */

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const Email = z.string().trim().toLowerCase().email().max(320);
export const Password = z.string().min(8, 'must be at least 8 characters').max(256);

export const RegisterBody = z.object({
  email: Email,
  password: Password,
  name: z.string().trim().min(1).max(200),
});
export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(256) });
export const UpdateMeBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: Email.optional(),
    password: Password.optional(),
    currentPassword: z.string().max(256).optional(),
  })
  .refine((b) => !b.password || b.currentPassword, {
    message: 'currentPassword is required to change the password',
    path: ['currentPassword'],
  });

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'member']),
});
export type UserView = z.infer<typeof UserView>;

export const ApiKeyCreateBody = z.object({ name: z.string().trim().min(1).max(200) });
export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const ApiKeyCreated = ApiKeyView.extend({ key: z.string() });

export const WorkflowRoleName = z.enum(['owner', 'editor', 'viewer']);
export const WorkflowSummary = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  role: WorkflowRoleName,
  publishedVersionId: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Its most recent run (by creation time, any mode); null when it never ran. */
  lastExecution: z
    .object({ id: z.string(), status: ExecutionStatus, startedAt: z.string().nullable() })
    .nullable(),
});
export const WorkflowView = WorkflowJson.extend({
  id: z.string(),
  ownerId: z.string(),
  role: WorkflowRoleName,
  publishedVersionId: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const WorkflowCreateBody = WorkflowJson.partial({ name: true }).extend({
  name: z.string().trim().min(1).max(256).default('My workflow'),
});
export const WorkflowUpdateBody = WorkflowJson;

export const ImportReport = z.object({
  unsupported: z.array(
    z.object({
      nodeId: z.string(),
      name: z.string(),
      type: z.string(),
      typeVersion: z.number(),
      reason: z.string(),
    }),
  ),
});

export const MembersBody = z.object({
  members: z
    .array(z.object({ userId: z.string().min(1).max(64), role: z.enum(['editor', 'viewer']) }))
    .max(500),
});
export const MemberView = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: WorkflowRoleName,
});

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const Health = z.object({
  status: z.literal('ok'),
  mode: z.enum(['embedded', 'production']),
  version: z.string(),
});

export const paginated = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });
