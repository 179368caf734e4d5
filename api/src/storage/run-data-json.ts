import type { RunData, TaskData } from '@tandem/shared/engine';

/**
 * JSON of run data without serialising a task twice: a checkpointed task keeps its JSON text, and the final run
 * data is put together from those texts (same result as JSON.stringify, since a task is not changed after the
 * engine reports it finished). Held weakly: a task's text goes with the task.
 */
export function runDataJsonWriter() {
  const texts = new WeakMap<TaskData, string>();
  const task = (t: TaskData): string => {
    let text = texts.get(t);
    if (text === undefined) {
      text = JSON.stringify(t);
      texts.set(t, text);
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
          out += t !== null && typeof t === 'object' ? (texts.get(t) ?? JSON.stringify(t)) : 'null';
        }
        out += ']';
      }
      return `${out}}`;
    },
  };
}
