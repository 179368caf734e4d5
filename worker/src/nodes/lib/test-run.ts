import {
  createRegistry,
  type Item,
  type RunResult,
  runWorkflow,
  workflowBuilder,
} from '@tandem/shared/engine';
import { nodeTypes } from '../index.ts';

/** Test harness for the nodes: runs them inside the real engine with the worker's registry. */
export const pureRegistry = createRegistry(nodeTypes);

export interface NodeRun {
  result: RunResult;
  /** json of each output of the node under test */
  outputs: Record<string, unknown>[][];
}

/**
 * Run one node fed by a trigger (input 0) and optionally a second source (input 1).
 * @example await runOne('limit', 1, { maxItems: 2 }, [{ a: 1 }, { a: 2 }, { a: 3 }])
 */
export async function runOne(
  type: string,
  typeVersion: number,
  parameters: Record<string, unknown>,
  input: Record<string, unknown>[],
  input2?: Record<string, unknown>[],
): Promise<NodeRun> {
  const b = workflowBuilder().node('Trigger', 'manualTrigger');
  b.node('Node', type, parameters as never, { typeVersion });
  b.connect('Trigger', 'Node');
  if (input2) {
    b.node('Second', 'set', { mode: 'raw', jsonOutput: '={{ $json }}', includeOtherFields: false } as never, {
      typeVersion: 3.4,
    });
    b.connect('Trigger', 'Second');
    b.connect('Second', 'Node', 0, 1);
  }
  const wf = b.build();
  // the second source emits input2 through pinned data
  const pinData: Record<string, Item[]> = input2 ? { Second: input2.map((json) => ({ json })) } : {};
  const result = await runWorkflow({
    workflow: wf,
    nodeTypes: pureRegistry,
    services: { now: () => Date.UTC(2026, 0, 1) },
    triggerItems: input.map((json) => ({ json })),
    pinData,
  });
  const task = result.runData.Node?.[0];
  return { result, outputs: (task?.data.main ?? []).map((o) => (o ?? []).map((i) => i.json)) };
}
