// Test stand-in for the engine's runWorkflow, honouring the parts of its contract the runner relies on:
// resumeFrom (finished nodes are not run again), hooks, signal → canceled, putExecutionToWait → waiting,
// sendWebhookResponse. Graph: follows `main` connections breadth-first from nodes without parents.
import type {
  Item,
  NodeOutput,
  RunData,
  RunResult,
  RunWorkflowOptions,
  TaskData,
} from '@tandem/shared/engine';

export async function standInRunWorkflow(o: RunWorkflowOptions): Promise<RunResult> {
  const now = () => o.services.now();
  const startedAt = now();
  const runData: RunData = structuredClone(o.resumeFrom?.runData ?? {});
  const hasParent = new Set<string>();
  for (const outs of Object.values(o.workflow.connections))
    for (const t of (outs.main ?? []).flat()) if (t) hasParent.add(t.node);
  const queue: Array<{ name: string; input: Item[] }> = o.workflow.nodes
    .filter((n) => !hasParent.has(n.name))
    .map((n) => ({ name: n.name, input: o.triggerItems ?? [{ json: {} }] }));
  let last: string | undefined;
  while (queue.length) {
    const { name, input } = queue.shift()!;
    const node = o.workflow.nodes.find((n) => n.name === name)!;
    let output: NodeOutput;
    const done = runData[name]?.[0];
    if (done && (done.status === 'success' || done.status === 'waiting')) {
      output = done.data.main;
    } else {
      if (o.signal?.aborted)
        return { status: 'canceled', runData, startedAt, finishedAt: now(), lastNodeExecuted: last };
      o.hooks?.nodeStarted?.(name, 0);
      const t0 = now();
      let waitTill: number | null | undefined;
      let task: TaskData;
      try {
        const type = o.nodeTypes.get(node.type, node.typeVersion)!;
        output = await type.execute({
          node,
          inputs: [input],
          signal: o.signal!,
          runIndex: 0,
          helpers: {
            now,
            sendWebhookResponse: (r: any) => o.services.sendWebhookResponse?.(r),
            putExecutionToWait: (until: Date | null) => void (waitTill = until ? until.getTime() : null),
          },
        } as any);
        task = {
          startTime: t0,
          executionTime: now() - t0,
          status: waitTill !== undefined ? 'waiting' : 'success',
          data: { main: output },
          source: [],
          inputData: { main: [input] },
        };
      } catch (err) {
        const e = err as Error;
        const status = o.signal?.aborted ? 'canceled' : 'error';
        const error = { name: e.name, message: e.message, node: name };
        task = { startTime: t0, executionTime: now() - t0, status, error, data: { main: [] }, source: [] };
        runData[name] = [task];
        await o.hooks?.nodeFinished?.(name, 0, task);
        return { status, runData, error, startedAt, finishedAt: now(), lastNodeExecuted: name };
      }
      runData[name] = [task];
      await o.hooks?.nodeFinished?.(name, 0, task);
      if (waitTill !== undefined)
        return { status: 'waiting', runData, waitTill, startedAt, finishedAt: now(), lastNodeExecuted: name };
    }
    last = name;
    (o.workflow.connections[name]?.main ?? []).forEach((targets, i) => {
      for (const t of targets ?? []) if (output[i]?.length) queue.push({ name: t.node, input: output[i]! });
    });
  }
  return { status: 'success', runData, startedAt, finishedAt: now(), lastNodeExecuted: last };
}
