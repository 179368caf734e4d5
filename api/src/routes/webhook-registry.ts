import { canonicalNodeType, type WorkflowJson, type WorkflowNode } from '@tandem/shared/schema';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { dynamicPathProblem, isDynamicPath, normalizePath, WebhookPathIndex } from './webhook-paths.ts';

export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

export interface WebhookTarget {
  method: string;
  /** Normalized; with route parameters (`<webhookId>/users/:id`) for a dynamic path. */
  path: string;
  node: WorkflowNode;
}
export interface RegisteredWebhook extends WebhookTarget {
  workflowId: string;
  /** Credentials for the node's authentication are used on the owner's behalf. */
  ownerId: string;
  versionId: string;
  settings: WorkflowJson['settings'];
  /** Test webhooks (`/webhook-test/…`) run the current draft instead of a published version. */
  draft?: WorkflowJson;
}
/** A webhook found for a request, with the values of its route parameters. */
export interface WebhookMatch extends RegisteredWebhook {
  params: Record<string, string>;
}

/**
 * The webhook endpoints a workflow defines (enabled Webhook nodes). A path with route parameters is served
 * under the node's webhook id, as n8n does (`users/:id` → `<webhookId>/users/:id`); nodes made in Tandem have
 * no webhook id and use their node id.
 */
export function webhooksOf(workflow: WorkflowJson): WebhookTarget[] {
  return workflow.nodes
    .filter((n) => !n.disabled && canonicalNodeType(n.type) === 'webhook')
    .map((node) => {
      const path = normalizePath(String(node.parameters.path ?? node.webhookId ?? node.id));
      return {
        method: String(node.parameters.httpMethod ?? 'GET').toUpperCase(),
        path: isDynamicPath(path) ? `${node.webhookId ?? node.id}/${path}` : path,
        node,
      };
    });
}

/**
 * Method + path → published webhook, cached. Rebuilt from the database on `invalidate()` (this instance
 * published) and at most every 2 s otherwise, so other instances' publishes show up quickly and unknown
 * paths cannot make every request scan the database.
 */
const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

class WebhookRegistry {
  readonly #deps: AppDeps;
  #index = new WebhookPathIndex<WebhookMatch>();
  #builtAt = 0;
  #stale = true;
  #building?: Promise<void>;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  invalidate(): void {
    this.#stale = true;
  }

  async #rebuild(): Promise<void> {
    const next = new WebhookPathIndex<WebhookMatch>();
    for (const p of await this.#deps.storage.executions.publishedWorkflows()) {
      const wf = JSON.parse(p.workflowJson) as WorkflowJson;
      for (const h of webhooksOf(wf)) {
        next.add(h.method, h.path, {
          ...h,
          workflowId: p.workflowId,
          ownerId: p.ownerId,
          versionId: p.versionId,
          settings: wf.settings,
          params: NO_PARAMS,
        });
      }
    }
    this.#index = next;
    this.#builtAt = Date.now();
    this.#stale = false;
  }

  async #fresh(force: boolean): Promise<void> {
    if (!force && !this.#stale && Date.now() - this.#builtAt < 2000) return;
    this.#building ??= this.#rebuild().finally(() => (this.#building = undefined));
    await this.#building;
  }

  /** The webhook serving a request path (decoded; `raw` before percent-decoding). Static paths win. */
  async lookup(method: string, path: string, raw: string = path): Promise<WebhookMatch | undefined> {
    await this.#fresh(false);
    // The hot path: a static webhook is one map lookup and no allocation.
    const hit = this.#index.matchStatic(method, normalizePath(path));
    if (hit) return hit;
    const m = this.#index.matchDynamic(method, raw);
    return m && { ...m.value, params: m.params };
  }

  /** Methods registered on a path (for 405). */
  async methodsOf(path: string, raw: string = path): Promise<string[]> {
    return this.#index.methodsOf(normalizePath(path), WEBHOOK_METHODS, raw);
  }

  /** The published webhook with this method and path (same shape for a dynamic path), freshly read. */
  async owner(method: string, path: string): Promise<WebhookMatch | undefined> {
    await this.#fresh(true);
    return this.#index.sameShape(method, path);
  }
}

const registries = new WeakMap<AppDeps, WebhookRegistry>();
/** The registry of this api instance. */
export function webhookRegistry(deps: AppDeps): WebhookRegistry {
  let r = registries.get(deps);
  if (!r) registries.set(deps, (r = new WebhookRegistry(deps)));
  return r;
}

/**
 * Refuses (400) a dynamic path that cannot be served and (409) a method and path used twice in the workflow
 * or by another published workflow. Two dynamic paths conflict when they differ only in parameter names.
 */
export async function checkPublishableWebhooks(
  deps: AppDeps,
  workflowId: string,
  hooks: WebhookTarget[],
): Promise<void> {
  const mine = new WebhookPathIndex<true>();
  for (const h of hooks) {
    const problem = isDynamicPath(h.path) ? dynamicPathProblem(h.path) : null;
    if (problem) throw new AppError('validation_failed', `Webhook "${h.node.name}": ${problem}`);
    const key = `${h.method} ${h.path}`;
    if (mine.sameShape(h.method, h.path))
      throw new AppError('conflict', `Two webhook nodes listen on ${key}`);
    mine.add(h.method, h.path, true);
  }
  const registry = webhookRegistry(deps);
  for (const h of hooks) {
    const other = await registry.owner(h.method, h.path);
    if (other && other.workflowId !== workflowId) {
      throw new AppError(
        'conflict',
        `Webhook ${h.method} /webhook/${h.path} is used by another published workflow`,
        { method: h.method, path: h.path },
      );
    }
  }
}
