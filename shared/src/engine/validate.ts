import { isDisplayed, withDefaults } from '../nodes/display.ts';
import { getNodeDescription } from '../nodes/index.ts';
import { canonicalNodeType, type WorkflowJson, type WorkflowNode } from '../schema/workflow.ts';
import { buildGraph, findCycles } from './graph.ts';
import type { NodeDescription, ParameterDescription } from './types.ts';

export type ValidationCode =
  | 'unknownNodeType'
  | 'unsupportedVersion'
  | 'missingParameter'
  | 'invalidParameter'
  | 'danglingConnection'
  | 'duplicateNodeName'
  | 'duplicateNodeId'
  | 'illegalCycle';

export interface ValidationIssue {
  code: ValidationCode;
  message: string;
  /** 'warning' for problems on disabled nodes (they don't run). */
  severity: 'error' | 'warning';
  nodeId?: string;
  nodeName?: string;
  /** Parameter path inside the node, e.g. `parameters.url` or `parameters.rules.values[0]`. */
  path?: string;
}

export interface ValidationResult {
  ok: boolean;
  issues: ValidationIssue[];
}

export type DescriptionLookup = (type: string, version: number) => NodeDescription | undefined;

/** Types whose nodes may close a cycle (Loop Over Items). */
const LOOP_TYPES = new Set(['splitInBatches']);

/**
 * Check a workflow before it runs or is published; every problem is reported at once.
 * @example validateWorkflow(wf).issues.map((i) => `${i.nodeName}: ${i.message}`)
 */
export function validateWorkflow(
  workflow: Pick<WorkflowJson, 'nodes' | 'connections'>,
  lookup: DescriptionLookup = (t, v) => getNodeDescription(t, v),
): ValidationResult {
  const issues: ValidationIssue[] = [];
  const names = new Map<string, WorkflowNode>();
  const ids = new Set<string>();
  for (const n of workflow.nodes) {
    if (names.has(n.name)) issues.push(issue('duplicateNodeName', `Duplicate node name "${n.name}"`, n));
    names.set(n.name, n);
    if (ids.has(n.id)) issues.push(issue('duplicateNodeId', `Duplicate node id "${n.id}"`, n));
    ids.add(n.id);
  }
  const descs = new Map<string, NodeDescription | undefined>();
  for (const n of workflow.nodes) {
    const d = lookup(n.type, n.typeVersion);
    descs.set(n.name, d);
    if (!d) {
      const anyVersion = getNodeDescription(n.type);
      issues.push(
        anyVersion
          ? issue(
              'unsupportedVersion',
              `Node type "${n.type}" version ${n.typeVersion} is not supported (supported: ${anyVersion.versions.join(', ')})`,
              n,
            )
          : issue('unknownNodeType', `Unknown node type "${n.type}"`, n),
      );
      continue;
    }
    issues.push(...checkParameters(n, d));
  }
  issues.push(...checkConnections(workflow, names, descs));
  const graph = buildGraph(workflow);
  for (const cycle of findCycles(graph)) {
    const legal = cycle.some((name) => LOOP_TYPES.has(canonicalNodeType(names.get(name)!.type)));
    if (legal) continue;
    const first = names.get(cycle[cycle.length - 1])!;
    issues.push(
      issue(
        'illegalCycle',
        `Illegal cycle through ${cycle
          .slice()
          .reverse()
          .map((c) => `"${c}"`)
          .join(' → ')}; use Loop Over Items to loop`,
        first,
      ),
    );
  }
  return { ok: !issues.some((i) => i.severity === 'error'), issues };
}

function issue(code: ValidationCode, message: string, node?: WorkflowNode, path?: string): ValidationIssue {
  const out: ValidationIssue = { code, message, severity: node?.disabled ? 'warning' : 'error' };
  if (node) {
    out.nodeId = node.id;
    out.nodeName = node.name;
  }
  if (path) out.path = path;
  return out;
}

function portCount(c: NodeDescription['inputs'], node: WorkflowNode): number {
  return typeof c === 'function' ? c(node.parameters, node.typeVersion) : c;
}

function checkConnections(
  workflow: Pick<WorkflowJson, 'connections'>,
  names: Map<string, WorkflowNode>,
  descs: Map<string, NodeDescription | undefined>,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const [from, byType] of Object.entries(workflow.connections ?? {})) {
    const src = names.get(from);
    if (!src) {
      out.push({
        code: 'danglingConnection',
        severity: 'error',
        message: `Connection from unknown node "${from}"`,
      });
      continue;
    }
    const sd = descs.get(from);
    (byType.main ?? []).forEach((targets, output) => {
      if (sd && targets?.length) {
        const outs = portCount(sd.outputs, src) + (src.onError === 'continueErrorOutput' ? 1 : 0);
        if (output >= outs) {
          out.push(
            issue(
              'danglingConnection',
              `Connection from output ${output} of "${from}", which has ${outs} output(s)`,
              src,
              `connections.${from}.main[${output}]`,
            ),
          );
        }
      }
      for (const t of targets ?? []) {
        const dst = names.get(t.node);
        if (!dst) {
          out.push(
            issue(
              'danglingConnection',
              `Connection from "${from}" to unknown node "${t.node}"`,
              src,
              `connections.${from}.main[${output}]`,
            ),
          );
          continue;
        }
        const dd = descs.get(t.node);
        if (dd) {
          const ins = Math.max(portCount(dd.inputs, dst), 0);
          if (t.index >= ins) {
            out.push(
              issue(
                'danglingConnection',
                `Connection into input ${t.index} of "${t.node}", which has ${ins} input(s)`,
                dst,
                `connections.${from}.main[${output}]`,
              ),
            );
          }
        }
      }
    });
  }
  return out;
}

function checkParameters(node: WorkflowNode, d: NodeDescription): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const values = withDefaults(d.properties, node.parameters ?? {}, node.typeVersion);
  const seen = new Set<string>();
  for (const p of d.properties) {
    if (seen.has(p.name) || !isDisplayed(p, values, node.typeVersion)) continue;
    seen.add(p.name);
    const v = values[p.name];
    const path = `parameters.${p.name}`;
    if (p.required && (v === undefined || v === null || v === '')) {
      out.push(issue('missingParameter', `Parameter "${p.displayName}" is required`, node, path));
      continue;
    }
    if (v === undefined || v === null) continue;
    const problem = typeProblem(p, v);
    if (problem) out.push(issue('invalidParameter', `Parameter "${p.displayName}": ${problem}`, node, path));
    else if (p.type === 'collection' && p.children && typeof v === 'object') {
      // options bags: check the values of known children (unknown keys are kept, n8n exports carry extras)
      for (const [k, cv] of Object.entries(v as Record<string, unknown>)) {
        const child = p.children.find((c) => c.name === k);
        const cp = child && cv !== undefined && cv !== null ? typeProblem(child, cv) : undefined;
        if (cp)
          out.push(issue('invalidParameter', `Option "${child!.displayName}": ${cp}`, node, `${path}.${k}`));
      }
    }
  }
  if (d.parameterSchema) {
    const r = d.parameterSchema.safeParse(node.parameters ?? {});
    if (!r.success) {
      for (const i of r.error?.issues ?? []) {
        const path = `parameters${i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('')}`;
        if (out.some((o) => o.path === path)) continue;
        out.push(issue('invalidParameter', i.message, node, path));
      }
    }
  }
  return out;
}

/** Expressions (`=…`) are accepted anywhere; their type is only known at run time. */
function typeProblem(p: ParameterDescription, v: unknown): string | undefined {
  if (typeof v === 'string' && v.startsWith('=')) return undefined;
  const isObj = typeof v === 'object' && !Array.isArray(v);
  switch (p.type) {
    case 'string':
    case 'code':
    case 'color':
    case 'dateTime':
      return typeof v === 'string' || typeof v === 'number' || (isObj && (v as { __rl?: unknown }).__rl)
        ? undefined
        : `expected text, got ${kind(v)}`;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : `expected a number, got ${kind(v)}`;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `expected true/false, got ${kind(v)}`;
    case 'options':
      if (!p.options?.length || p.options.some((o) => o.value === v)) return undefined;
      return `"${String(v)}" is not one of ${p.options.map((o) => o.value).join(', ')}`;
    case 'multiOptions':
      return Array.isArray(v) ? undefined : `expected a list, got ${kind(v)}`;
    case 'collection':
    case 'fixedCollection':
    case 'assignmentCollection':
    case 'filter':
      return isObj ? undefined : `expected an object, got ${kind(v)}`;
    case 'json':
      return typeof v === 'string' || typeof v === 'object' ? undefined : `expected JSON, got ${kind(v)}`;
    default:
      return undefined;
  }
}

function kind(v: unknown): string {
  return Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v;
}
