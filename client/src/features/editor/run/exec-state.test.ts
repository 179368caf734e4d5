import { describe, expect, it } from 'vitest';
import { type ExecEvent, idleOverlay, reduceExec } from './exec-state.ts';

const base = { workflowId: 'w', at: 1 };
const run = (events: ExecEvent[]) => events.reduce(reduceExec, idleOverlay);

describe('execution overlay', () => {
  it('follows a successful run node by node with item counts', () => {
    const s = run([
      { type: 'execution.queued', executionId: 'e1' },
      { type: 'execution.started', executionId: 'e1', mode: 'manual', ...base },
      { type: 'node.started', executionId: 'e1', nodeName: 'Trigger', runIndex: 0, ...base },
      {
        type: 'node.finished',
        executionId: 'e1',
        nodeName: 'Trigger',
        status: 'success',
        itemsIn: 0,
        itemsOut: 1,
        durationMs: 3,
        ...base,
      },
      { type: 'node.started', executionId: 'e1', nodeName: 'Code', runIndex: 0, ...base },
    ]);
    expect(s.status).toBe('running');
    expect(s.nodes.Trigger).toEqual({ status: 'success', items: 1, error: undefined, durationMs: 3 });
    expect(s.nodes.Code.status).toBe('running');
    const done = reduceExec(s, {
      type: 'node.finished',
      executionId: 'e1',
      nodeName: 'Code',
      status: 'error',
      itemsIn: 1,
      itemsOut: 0,
      durationMs: 9,
      error: { message: 'boom' },
      ...base,
    });
    const fin = reduceExec(done, {
      type: 'execution.finished',
      executionId: 'e1',
      status: 'failed',
      durationMs: 20,
      error: { message: 'boom' },
      ...base,
    });
    expect(fin.status).toBe('error');
    expect(fin.error).toBe('boom');
    expect(fin.nodes.Code).toMatchObject({ status: 'error', error: 'boom', items: 0 });
  });

  it('maps succeeded/canceled and marks unfinished nodes canceled', () => {
    const s = run([
      { type: 'execution.started', executionId: 'e1', ...base },
      { type: 'node.started', executionId: 'e1', nodeName: 'Wait', runIndex: 0, ...base },
      { type: 'execution.finished', executionId: 'e1', status: 'canceled', durationMs: 5, ...base },
    ]);
    expect(s.status).toBe('canceled');
    expect(s.nodes.Wait.status).toBe('canceled');
    expect(
      run([
        { type: 'execution.started', executionId: 'e2' },
        { type: 'execution.finished', executionId: 'e2', status: 'succeeded' },
      ]).status,
    ).toBe('success');
  });

  it('switches to a newer run and ignores stray events of other runs', () => {
    const s = run([
      { type: 'execution.started', executionId: 'e1', ...base },
      { type: 'node.finished', executionId: 'e1', nodeName: 'A', status: 'success', itemsOut: 2 },
      { type: 'execution.started', executionId: 'e2', ...base },
      { type: 'node.finished', executionId: 'e1', nodeName: 'B', status: 'success', itemsOut: 2 },
    ]);
    expect(s.executionId).toBe('e2');
    expect(s.nodes).toEqual({});
  });

  it('adopts a run whose start it missed (opened mid-run)', () => {
    const s = run([{ type: 'node.started', executionId: 'e9', nodeName: 'A', runIndex: 0 }]);
    expect(s).toMatchObject({ executionId: 'e9', status: 'running', nodes: { A: { status: 'running' } } });
  });

  it('ignores malformed events', () => {
    const s = run([
      { type: 'execution.started', executionId: 'e1' },
      { type: 'node.started', executionId: 'e1' },
      { type: 'node.finished', executionId: 'e1', nodeName: 5 } as never,
      { type: 'something.else', executionId: 'e1' },
      null as never,
    ]);
    expect(s.nodes).toEqual({});
    expect(s.status).toBe('running');
  });
});
