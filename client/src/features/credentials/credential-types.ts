/** One input of a credential form. */
export interface CredentialField {
  key: string;
  label: string;
  kind: 'text' | 'password' | 'number' | 'boolean';
  secret?: boolean;
  required?: boolean;
  placeholder?: string;
  default?: string | number | boolean;
}

/** A credential type as the vault knows it (n8n names, so imported workflows find them). */
export interface CredentialType {
  type: string;
  label: string;
  fields: CredentialField[];
}

export const credentialTypes: CredentialType[] = [
  {
    type: 'httpHeaderAuth',
    label: 'Header Auth',
    fields: [
      { key: 'name', label: 'Header name', kind: 'text', required: true, placeholder: 'X-API-Key' },
      { key: 'value', label: 'Header value', kind: 'password', secret: true, required: true },
    ],
  },
  {
    type: 'httpBasicAuth',
    label: 'Basic Auth',
    fields: [
      { key: 'user', label: 'User', kind: 'text', required: true },
      { key: 'password', label: 'Password', kind: 'password', secret: true, required: true },
    ],
  },
  {
    type: 'httpBearerAuth',
    label: 'Bearer Auth',
    fields: [{ key: 'token', label: 'Token', kind: 'password', secret: true, required: true }],
  },
  {
    type: 'openAiApi',
    label: 'OpenAI API',
    fields: [
      { key: 'apiKey', label: 'API key', kind: 'password', secret: true, required: true },
      { key: 'url', label: 'Base URL', kind: 'text', placeholder: 'https://api.openai.com/v1' },
      { key: 'model', label: 'Default model', kind: 'text', placeholder: 'gpt-4o-mini' },
    ],
  },
  {
    type: 'mySql',
    label: 'MySQL',
    fields: [
      { key: 'host', label: 'Host', kind: 'text', required: true, default: 'localhost' },
      { key: 'port', label: 'Port', kind: 'number', default: 3306 },
      { key: 'database', label: 'Database', kind: 'text', required: true },
      { key: 'user', label: 'User', kind: 'text', required: true },
      { key: 'password', label: 'Password', kind: 'password', secret: true },
      { key: 'ssl', label: 'Use SSL', kind: 'boolean', default: false },
    ],
  },
  {
    type: 'redis',
    label: 'Redis',
    fields: [
      { key: 'host', label: 'Host', kind: 'text', required: true, default: 'localhost' },
      { key: 'port', label: 'Port', kind: 'number', default: 6379 },
      { key: 'database', label: 'Database number', kind: 'number', default: 0 },
      { key: 'user', label: 'User', kind: 'text' },
      { key: 'password', label: 'Password', kind: 'password', secret: true },
      { key: 'ssl', label: 'Use TLS', kind: 'boolean', default: false },
    ],
  },
  {
    type: 'smtp',
    label: 'SMTP',
    fields: [
      { key: 'host', label: 'Host', kind: 'text', required: true },
      { key: 'port', label: 'Port', kind: 'number', default: 465 },
      { key: 'user', label: 'User', kind: 'text' },
      { key: 'password', label: 'Password', kind: 'password', secret: true },
      { key: 'secure', label: 'Use TLS', kind: 'boolean', default: true },
    ],
  },
];

/** Looks a type up; unknown types (from a newer server) get a generic label and no fields. */
export function credentialType(type: string): CredentialType {
  return credentialTypes.find((t) => t.type === type) ?? { type, label: type, fields: [] };
}

/** Initial form values: defaults for a new credential, stored non-secret fields for an existing one. */
export function initialValues(t: CredentialType, stored?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of t.fields) {
    if (f.secret) out[f.key] = '';
    else if (stored && stored[f.key] !== undefined) out[f.key] = stored[f.key];
    else out[f.key] = f.default ?? (f.kind === 'boolean' ? false : '');
  }
  return out;
}

/**
 * Builds the `data` body: numbers parsed, empty optional fields dropped, and, when editing, blank secrets
 * dropped so the server keeps the stored ones. Returns per-field errors instead when something is missing.
 * @example buildData(t, { token: 'abc' }, false) // { data: { token: 'abc' } }
 */
export function buildData(
  t: CredentialType,
  values: Record<string, unknown>,
  editing: boolean,
): { data: Record<string, unknown>; errors: Record<string, string> } {
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of t.fields) {
    const v = values[f.key];
    if (f.kind === 'boolean') {
      data[f.key] = Boolean(v);
      continue;
    }
    const s = v === undefined || v === null ? '' : String(v).trim();
    if (s === '') {
      if (f.required && !(editing && f.secret)) errors[f.key] = `${f.label} is required.`;
      continue;
    }
    if (f.kind === 'number') {
      const n = Number(s);
      if (!Number.isFinite(n)) errors[f.key] = `${f.label} must be a number.`;
      else data[f.key] = n;
      continue;
    }
    data[f.key] = f.secret ? String(v) : s;
  }
  return { data, errors };
}
