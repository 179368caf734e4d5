import { z } from 'zod';

/**
 * Credential types, named as n8n names them so imported workflows find theirs.
 * `secret` lists the fields that are encrypted at rest and never returned by the API.
 */
export const CREDENTIAL_TYPES = {
  httpHeaderAuth: {
    displayName: 'Header Auth',
    schema: z.object({ name: z.string().min(1).max(256), value: z.string().max(8192) }),
    secret: ['value'],
  },
  httpBasicAuth: {
    displayName: 'Basic Auth',
    schema: z.object({ user: z.string().max(256), password: z.string().max(1024) }),
    secret: ['password'],
  },
  httpBearerAuth: {
    displayName: 'Bearer Auth',
    schema: z.object({ token: z.string().min(1).max(8192) }),
    secret: ['token'],
  },
  openAiApi: {
    displayName: 'OpenAI API',
    schema: z.object({
      apiKey: z.string().max(1024),
      url: z.string().url().optional(),
      model: z.string().max(128).optional(),
    }),
    secret: ['apiKey'],
  },
  mySql: {
    displayName: 'MySQL',
    schema: z.object({
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65535).default(3306),
      database: z.string().max(64),
      user: z.string().max(128),
      password: z.string().max(1024).default(''),
      ssl: z.boolean().optional(),
    }),
    secret: ['password'],
  },
  redis: {
    displayName: 'Redis',
    schema: z.object({
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65535).default(6379),
      database: z.number().int().min(0).max(255).default(0),
      user: z.string().max(128).optional(),
      password: z.string().max(1024).optional(),
      ssl: z.boolean().optional(),
    }),
    secret: ['password'],
  },
  smtp: {
    displayName: 'SMTP',
    schema: z.object({
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65535).default(465),
      secure: z.boolean().default(true),
      user: z.string().max(256).optional(),
      password: z.string().max(1024).optional(),
    }),
    secret: ['password'],
  },
} as const satisfies Record<string, { displayName: string; schema: z.ZodObject; secret: readonly string[] }>;

export type CredentialType = keyof typeof CREDENTIAL_TYPES;
export const CredentialTypeName = z.enum(
  Object.keys(CREDENTIAL_TYPES) as [CredentialType, ...CredentialType[]],
);

export const CredentialCreateBody = z.object({
  name: z.string().trim().min(1).max(200),
  type: CredentialTypeName,
  data: z.record(z.string(), z.unknown()),
});
export type CredentialCreateBody = z.infer<typeof CredentialCreateBody>;

export const CredentialUpdateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  /** Fields to change; secret fields left out keep their stored value. */
  data: z.record(z.string(), z.unknown()).optional(),
});

export const CredentialSharesBody = z.object({ userIds: z.array(z.string().min(1).max(64)).max(200) });

/** What the API answers for a credential: metadata and non-secret fields, never a secret. */
export const CredentialView = z.object({
  id: z.string(),
  name: z.string(),
  type: CredentialTypeName,
  data: z.record(z.string(), z.unknown()),
  secretFields: z.array(z.string()),
  ownerId: z.string(),
  shared: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CredentialView = z.infer<typeof CredentialView>;

/** Splits validated data into the part stored in clear and the part encrypted. */
export function splitCredentialData(type: CredentialType, data: Record<string, unknown>) {
  const secret = new Set<string>(CREDENTIAL_TYPES[type].secret);
  const pub: Record<string, unknown> = {};
  const sec: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) (secret.has(k) ? sec : pub)[k] = v;
  return { pub, sec };
}
