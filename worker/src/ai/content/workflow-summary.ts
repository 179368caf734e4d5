import { WorkflowJson } from '@tandem/shared/schema';

const MAX_SUMMARY_CHARS = 12_000;
const MAX_PARAM_CHARS = 400;

/**
 * A compact, secret-free text view of a workflow for prompts: node names, types, parameters (long values cut)
 * and connections. Credentials, pinned data and static data are never included.
 * @example summariseWorkflow(wf) // 'Workflow "Orders"\nNodes:\n- Webhook (webhook) {"path":"orders"}\n…'
 */
export function summariseWorkflow(input: unknown): string {
  const parsed = WorkflowJson.safeParse(input);
  if (!parsed.success) return '(no valid workflow given)';
  const wf = parsed.data;
  const lines = [`Workflow "${wf.name}"${wf.description ? `: ${wf.description}` : ''}`, 'Nodes:'];
  for (const n of wf.nodes) {
    let params = JSON.stringify(n.parameters ?? {});
    if (params.length > MAX_PARAM_CHARS) params = `${params.slice(0, MAX_PARAM_CHARS)}…`;
    lines.push(`- ${n.name} (${n.type})${n.disabled ? ' [disabled]' : ''} ${params}`);
  }
  lines.push('Connections:');
  for (const [source, byType] of Object.entries(wf.connections)) {
    (byType.main ?? []).forEach((targets, out) => {
      for (const t of targets ?? []) lines.push(`- ${source}[${out}] -> ${t.node}[${t.index}]`);
    });
  }
  const text = lines.join('\n');
  return text.length > MAX_SUMMARY_CHARS ? `${text.slice(0, MAX_SUMMARY_CHARS)}\n…(truncated)` : text;
}
