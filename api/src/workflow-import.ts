import type { Storage } from '@tandem/api/storage';
import { type ImportReport, markUnsupportedNodes } from '@tandem/shared/engine';
import type { WorkflowJson } from '@tandem/shared/schema';
import { nodeCatalog } from './node-catalog.ts';

/** Keeps nodes Tandem cannot run, disabled and marked with the reason, and lists them in the report. */
export async function importWorkflow(
  storage: Storage,
  wf: WorkflowJson,
): Promise<{ workflow: WorkflowJson; report: ImportReport }> {
  const catalog = await nodeCatalog(storage);
  return markUnsupportedNodes(wf, (type, version) => catalog.lookup(type, version));
}
