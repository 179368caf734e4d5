import type { EngineServices, NodeType, NodeTypeRegistry } from '@tandem/shared/engine';
import { createRegistry } from '@tandem/shared/engine';
import { CUSTOM_NODE_PREFIX, type WorkflowJson } from '@tandem/shared/schema';
import type { ExecutionRecord } from '@tandem/worker';
import { createGuardedFetch } from '@tandem/worker/http';
import { nodeTypes } from '@tandem/worker/nodes';
import { customNodeType } from '@tandem/worker/nodes/custom';
import type { AppDeps } from './deps.ts';
import { customDescription } from './node-catalog.ts';

const REFRESH_MS = 5_000;

/**
 * What executions run with: the built-in node implementations plus this instance's custom node types (reloaded every
 * few seconds and on demand, so a node defined on one instance runs on every worker).
 */
export function runtimeRegistry(
  deps: AppDeps,
): NodeTypeRegistry & { refresh(): Promise<void>; stop(): void } {
  const builtIn = createRegistry(nodeTypes);
  let custom = new Map<string, NodeType[]>();
  const refresh = async () => {
    const byType = new Map<string, Awaited<ReturnType<AppDeps['storage']['customNodes']['all']>>>();
    for (const row of await deps.storage.customNodes.all())
      byType.set(row.type, [...(byType.get(row.type) ?? []), row]);
    const next = new Map<string, NodeType[]>();
    for (const [type, rows] of byType) {
      // Every version runs its own code, under the latest version's description.
      const description = customDescription(rows);
      next.set(
        type,
        rows.map((r) =>
          customNodeType({ ...description, versions: [r.version] }, JSON.parse(r.definition).code),
        ),
      );
    }
    custom = next;
  };
  const timer = setInterval(
    () => void refresh().catch((err) => deps.logger.warn({ err }, 'custom nodes not reloaded')),
    REFRESH_MS,
  );
  timer.unref();
  return {
    get(type, version) {
      if (!type.startsWith(CUSTOM_NODE_PREFIX)) return builtIn.get(type, version);
      return custom.get(type)?.find((t) => t.description.versions.includes(version));
    },
    refresh,
    stop: () => clearInterval(timer),
  };
}

/**
 * The host services a node may use during one execution: the workflow owner's decrypted credentials (looked up by id,
 * or by type and name for workflows imported from another instance), fetch behind the SSRF guard (relaxed only by the
 * admin setting), and the AI services. Instance settings are read every few seconds, not per execution.
 */
export function engineServicesFor(deps: AppDeps) {
  let allowPrivate = false;
  const readSettings = async () => {
    allowPrivate = (await deps.storage.settings.get()).allowPrivateNetworkRequests;
  };
  void readSettings().catch(() => {});
  const timer = setInterval(() => void readSettings().catch(() => {}), REFRESH_MS);
  timer.unref();
  const fetchFor = new Map<boolean, typeof fetch>();
  const guardedFetch = () => {
    let f = fetchFor.get(allowPrivate);
    if (!f)
      fetchFor.set(allowPrivate, (f = createGuardedFetch({ ssrf: { allowPrivateNetworks: allowPrivate } })));
    return f;
  };

  const services = (record: ExecutionRecord, _workflow: WorkflowJson): Partial<EngineServices> => {
    const ssrf = { allowPrivateNetworks: allowPrivate };
    return {
      // n8n's $execution.resumeUrl: what a Wait node "until a webhook call" waits for.
      resumeUrl: `${deps.config.publicUrl ?? deps.internalUrl ?? ''}/webhook-waiting/${record.id}`,
      http: { ssrf },
      fetch: guardedFetch(),
      async getCredentials(node, type) {
        const wf = await deps.storage.workflows.byId(record.workflowId);
        if (!wf) throw new Error('The workflow of this execution no longer exists');
        const ref = node.credentials?.[type];
        if (!ref) throw new Error(`Node "${node.name}" has no ${type} credential selected`);
        let id = ref.id ?? undefined;
        if (!id || !(await deps.storage.credentials.byId(id))) {
          const byName = (await deps.storage.credentials.listVisible(wf.ownerId)).find(
            (c) => c.type === type && c.name === ref.name,
          );
          id = byName?.id;
        }
        if (!id) throw new Error(`Credential "${ref.name}" (${type}) was not found for node "${node.name}"`);
        return (await deps.credentials.decryptForUse(id, wf.ownerId)).data;
      },
      aiDefaultCredential: () => deps.ai.credentialFor(record.workflowId),
      onAiUsage: (usage: Parameters<AppDeps['ai']['recordUsage']>[0]) =>
        deps.ai.recordUsage(usage, record.workflowId),
      agentMemory: deps.ai.agentMemory(record.workflowId),
    };
  };
  return Object.assign(services, { stop: () => clearInterval(timer) });
}
