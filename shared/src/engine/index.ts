export { ancestors, buildGraph, descendants, type Edge, findCycles, type Graph } from './graph.ts';
export { createRegistry, type WorkflowBuilder, workflowBuilder } from './harness.ts';
export {
  type ImportReport,
  importReport,
  markUnsupportedNodes,
  type UnsupportedNode,
} from './import-report.ts';
export { firstPairedItem, resolvePairedItem } from './paired-items.ts';
export { runWorkflow, toItems } from './run-workflow.ts';
export * from './types.ts';
export {
  type DescriptionLookup,
  type ValidationCode,
  type ValidationIssue,
  type ValidationResult,
  validateWorkflow,
} from './validate.ts';
