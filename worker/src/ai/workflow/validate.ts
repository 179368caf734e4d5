import type { WorkflowJson } from '@tandem/shared/schema';
import { type CheckIssue, type CheckOptions, checkWorkflow } from './check-workflow.ts';
import type { NodeCatalogue } from './node-catalogue.ts';

type EngineValidator = (wf: WorkflowJson) => unknown;
let engineValidator: Promise<EngineValidator | undefined> | undefined;

/** The engine's `validateWorkflow` when the engine exports it (another part of the project), else undefined. */
function loadEngineValidator(): Promise<EngineValidator | undefined> {
  engineValidator ??= (async () => {
    try {
      const specifier = '@tandem/shared/engine';
      const mod = (await import(specifier)) as { validateWorkflow?: EngineValidator };
      return typeof mod.validateWorkflow === 'function' ? mod.validateWorkflow : undefined;
    } catch {
      return undefined;
    }
  })();
  return engineValidator;
}

/** Normalise whatever the engine validator returns (issue array, `{issues}`, `{errors}`) into CheckIssues. */
export function fromEngineResult(result: unknown): CheckIssue[] {
  const list = Array.isArray(result)
    ? result
    : result && typeof result === 'object'
      ? ((result as { issues?: unknown[]; errors?: unknown[] }).issues ??
        (result as { errors?: unknown[] }).errors ??
        [])
      : [];
  return list.slice(0, 50).map((raw) => {
    const i = (raw && typeof raw === 'object' ? raw : { message: String(raw) }) as Record<string, unknown>;
    const severity = i.severity === 'warning' || i.level === 'warning' ? 'warning' : 'error';
    const node =
      typeof i.node === 'string' ? i.node : typeof i.nodeName === 'string' ? i.nodeName : undefined;
    return { severity, message: String(i.message ?? 'invalid'), node };
  });
}

/**
 * Full validation of a candidate workflow: the structural check plus the engine's `validateWorkflow` when present.
 * Only `error` issues make a workflow invalid.
 * @example const issues = await validateCandidate(wf, await loadNodeCatalogue());
 */
export async function validateCandidate(
  wf: unknown,
  catalogue: NodeCatalogue,
  opts: CheckOptions & { engine?: boolean } = {},
): Promise<CheckIssue[]> {
  const issues = checkWorkflow(wf, catalogue, opts);
  if (issues.some((i) => i.severity === 'error') || opts.engine === false) return issues;
  const engine = await loadEngineValidator();
  if (!engine) return issues;
  try {
    return [...issues, ...fromEngineResult(engine(wf as WorkflowJson))];
  } catch (err) {
    return [...issues, { severity: 'error', message: `Validation failed: ${(err as Error).message}` }];
  }
}
