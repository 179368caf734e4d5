import type { RunData, TaskData } from '@tandem/shared/engine';
import { describe, expect, it } from 'vitest';
import { runDataJsonWriter } from './run-data-json.ts';

const task = (v: unknown): TaskData => ({
  startTime: 1,
  executionTime: 2,
  status: 'success',
  data: { main: [[{ json: { v, s: 'a "quoted" \u2028 é' } }]] },
  source: [],
});

describe('runDataJsonWriter', () => {
  it('writes what JSON.stringify writes, reusing the text of tasks already written', () => {
    const w = runDataJsonWriter();
    const a = task(1);
    const b = task({ deep: [1, null] });
    const checkpointed = w.task(a);
    expect(checkpointed).toBe(JSON.stringify(a));
    const holes: TaskData[] = [];
    holes[1] = b;
    const runData: RunData = { 'N "1"': [a, b], Empty: [], Holes: holes };
    expect(w.runData(runData)).toBe(JSON.stringify(runData));
    expect(JSON.parse(w.runData(runData)!)).toEqual(JSON.parse(JSON.stringify(runData)));
    expect(w.runData(null)).toBeNull();
    expect(w.runData({})).toBe('{}');
  });
});
