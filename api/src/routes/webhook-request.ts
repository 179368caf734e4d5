// Not re-exported by the nodes index; the Webhook node owns its authentication rules.
import { checkWebhookAuth } from '../../../worker/src/nodes/webhook.ts';
import type { AppDeps } from '../deps.ts';
import type { RegisteredWebhook } from './webhook-registry.ts';

/** What parseBody answers for a body its content type says is JSON (`application/json`, `…+json`) but is not. */
export const NOT_JSON = Symbol('not JSON');
const JSON_TYPE = /^\s*application\/([\w.+-]*\+)?json\s*(;|$)/i;

/**
 * The request body as the trigger item carries it: JSON, form fields, or text (`type`: its content type). Other
 * types naming JSON (`text/json`, NDJSON) are parsed when they can be, else kept as text.
 */
export function parseBody(type: string, text: string): unknown {
  if (!text) return {};
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return JSON_TYPE.test(type) ? NOT_JSON : text;
    }
  }
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  return text;
}

const AUTH_CREDENTIAL: Record<string, string> = { basicAuth: 'httpBasicAuth', headerAuth: 'httpHeaderAuth' };

/**
 * The Webhook node's authentication, checked before any execution exists. `denied` is set when refused;
 * `secretHeader` names the header carrying the secret, which is kept out of the execution data.
 */
export async function checkAuth(deps: AppDeps, hook: RegisteredWebhook, headers: Iterable<[string, string]>) {
  const authentication = String(hook.node.parameters.authentication ?? 'none');
  if (authentication === 'none') return { denied: null, secretHeader: null };
  const ref = hook.node.credentials?.[AUTH_CREDENTIAL[authentication] ?? ''];
  let credential: Record<string, unknown> | undefined;
  if (ref?.id) {
    try {
      credential = (await deps.credentials.decryptForUse(ref.id, hook.ownerId)).data;
    } catch {
      credential = undefined;
    }
  }
  const result = checkWebhookAuth(authentication, credential, Object.fromEntries(headers));
  const secretHeader =
    authentication === 'basicAuth' ? 'authorization' : String(credential?.name ?? '').toLowerCase();
  return { denied: result.ok ? null : result, secretHeader: secretHeader || null };
}
