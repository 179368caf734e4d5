import type { RunData, TaskData } from '@tandem/shared/engine';

/**
 * A task's JSON text rides on the task itself, under a non-enumerable symbol key (JSON, Object.keys and equality
 * checks ignore it), so it goes with the task. Not a WeakMap: V8's young-generation GC keeps every WeakMap entry,
 * so each run's tasks were promoted to the old generation and freed only by full GCs.
 */
const TEXT = Symbol('task JSON');
type WithText = TaskData & { [TEXT]?: string };

/**
 * JSON of run data without serialising a task twice: a checkpointed task keeps its JSON text, and the final run
 * data is put together from those texts (same result as JSON.stringify, since a task is not changed after the
 * engine reports it finished).
 */
export function runDataJsonWriter() {
  const task = (t: WithText): string => {
    let text = t[TEXT];
    if (text === undefined) {
      text = JSON.stringify(t);
      if (Object.isExtensible(t)) Object.defineProperty(t, TEXT, { value: text, configurable: true });
    }
    return text;
  };
  return {
    task,
    runData(runData: RunData | null | undefined): string | null {
      if (runData === null || runData === undefined) return null;
      let out = '{';
      for (const node in runData) {
        const tasks = runData[node];
        if (tasks === undefined) continue;
        if (out.length > 1) out += ',';
        out += `${JSON.stringify(node)}:[`;
        for (let i = 0; i < tasks.length; i++) {
          if (i > 0) out += ',';
          const t = tasks[i];
          // As JSON.stringify writes holes and non-objects in an array.
          out += t !== null && typeof t === 'object' ? ((t as WithText)[TEXT] ?? JSON.stringify(t)) : 'null';
        }
        out += ']';
      }
      return `${out}}`;
    },
  };
}
