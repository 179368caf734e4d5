import { describe, expect, it } from 'vitest';
import { idleOverlay } from './exec-state.ts';
import {
  cellText,
  isFinal,
  nodeRunFrom,
  notKeptText,
  overlayFromDetail,
  runDataOf,
  runFailure,
  tableColumns,
  withNotKept,
} from './run-data.ts';

const task = (over: Record<string, unknown> = {}) => ({
  startTime: 1,
  executionTime: 12,
  status: 'success',
  source: [],
  data: { main: [[{ json: { a: 1 } }, { json: { a: 2, b: 'x' } }], []] },
  inputData: { main: [[{ json: { in: true } }]] },
  ...over,
});

describe('run data', () => {
  it('finds run data in the api answer, n8n nesting included', () => {
    expect(runDataOf({ id: 'e', runData: { A: [] } })).toEqual({ A: [] });
    expect(runDataOf({ id: 'e', data: { resultData: { runData: { B: [] } } } })).toEqual({ B: [] });
    expect(runDataOf(null)).toEqual({});
  });

  it('reads the last run of a node', () => {
    const r = nodeRunFrom({ A: [task({ executionTime: 1 }), task()] }, 'A')!;
    expect(r.status).toBe('success');
    expect(r.durationMs).toBe(12);
    expect(r.outputs.map((o) => o.length)).toEqual([2, 0]);
    expect(r.input).toEqual([{ json: { in: true } }]);
    expect(nodeRunFrom({}, 'A')).toBeUndefined();
    expect(nodeRunFrom({ A: [null as never] }, 'A')).toBeUndefined();
  });

  it('reports node errors', () => {
    const r = nodeRunFrom(
      { A: [task({ status: 'error', error: { message: 'bad', name: 'E' }, data: { main: [] } })] },
      'A',
    )!;
    expect(r).toMatchObject({ status: 'error', error: 'bad', outputs: [] });
  });

  it('builds the overlay of a past execution', () => {
    const o = overlayFromDetail({
      id: 'e1',
      status: 'failed',
      runData: { A: [task()], B: [task({ status: 'error', error: 'x' })] },
    });
    expect(o.status).toBe('error');
    expect(o.nodes.A).toMatchObject({ status: 'success', items: 2 });
    expect(o.nodes.B).toMatchObject({ status: 'error', error: 'x' });
    expect(overlayFromDetail({ id: 'e2', status: 'succeeded' }).status).toBe('success');
    // Its timings, so the status line can say how long it took.
    const timed = overlayFromDetail({
      id: 'e3',
      status: 'succeeded',
      startedAt: '2026-11-26T10:00:00.000Z',
      finishedAt: '2026-11-26T10:00:01.250Z',
    });
    expect(timed.finishedAt! - timed.startedAt!).toBe(1250);
    expect(
      overlayFromDetail({ id: 'e4', startedAt: 'not a time', finishedAt: null }).startedAt,
    ).toBeUndefined();
  });

  describe('why a run failed', () => {
    const failedRun = (over: Record<string, unknown> = {}) => ({
      id: 'e1',
      status: 'failed',
      runData: {
        Trigger: [task()],
        Code: [task(), task({ status: 'error', error: { message: 'boom 42' }, data: { main: [] } })],
        After: [task()],
      },
      ...over,
    });

    it('names the node the stored error names, with its whole message', () => {
      const long = `boom ${'x'.repeat(3000)}`;
      const d = failedRun({ error: { name: 'Error', message: long, node: 'Code' } });
      // The live overlay holds the event's shortened message; the detail's whole one wins once loaded.
      const live = { ...overlayFromDetail(d), error: long.slice(0, 2000) };
      expect(runFailure(live, d)).toEqual({ message: long, node: 'Code' });
    });

    it('without a node in the error, finds the node whose last run failed', () => {
      const d = failedRun({ error: { message: 'boom 42' } });
      expect(runFailure(overlayFromDetail(d), d)).toEqual({ message: 'boom 42', node: 'Code' });
      // A node that failed on an earlier run but then succeeded is not the one.
      const retried = failedRun({
        error: { message: 'boom 42' },
        runData: { Code: [task({ status: 'error', error: 'first' }), task()] },
      });
      expect(runFailure(overlayFromDetail(retried), retried)).toEqual({ message: 'boom 42' });
    });

    it('a workflow-level error belongs to no node', () => {
      const d = {
        id: 'e2',
        status: 'failed',
        error: { name: 'WorkflowError', message: 'No node to start from' },
      };
      expect(runFailure(overlayFromDetail(d), d)).toEqual({ message: 'No node to start from' });
      // A timeout cancels the running node rather than failing it.
      const timedOut = failedRun({
        error: { name: 'TimeoutError', message: 'Execution timed out' },
        runData: { Trigger: [task()], Wait: [task({ status: 'canceled' })] },
      });
      expect(runFailure(overlayFromDetail(timedOut), timedOut)).toEqual({ message: 'Execution timed out' });
    });

    it('uses the live overlay until the detail of that execution has loaded', () => {
      const live = {
        ...idleOverlay,
        executionId: 'e3',
        status: 'error' as const,
        error: 'boom 42',
        nodes: {
          Trigger: { status: 'success' as const },
          Code: { status: 'error' as const, error: 'boom 42' },
        },
      };
      expect(runFailure(live, null)).toEqual({ message: 'boom 42', node: 'Code' });
      // The detail of the run before is not this one's.
      expect(runFailure(live, failedRun({ id: 'e0', error: { message: 'old', node: 'After' } }))).toEqual({
        message: 'boom 42',
        node: 'Code',
      });
      expect(runFailure({ ...live, error: undefined }, null)?.message).toBe('boom 42');
    });

    it('is null unless the run failed', () => {
      expect(runFailure(overlayFromDetail({ id: 'e4', status: 'succeeded' }), null)).toBeNull();
      expect(
        runFailure(overlayFromDetail({ id: 'e5', status: 'canceled', error: 'Stopped' }), null),
      ).toBeNull();
      expect(runFailure(idleOverlay, null)).toBeNull();
    });
  });

  it('knows final statuses', () => {
    expect(isFinal('succeeded')).toBe(true);
    expect(isFinal('failed')).toBe(true);
    expect(isFinal('running')).toBe(false);
    expect(isFinal(undefined)).toBe(false);
  });

  it('builds table columns and cells', () => {
    expect(tableColumns([{ json: { a: 1 } }, { json: { b: 2, a: 3 } }, null, 'x'])).toEqual(['a', 'b']);
    expect(
      tableColumns([{ json: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i])) }], 5),
    ).toHaveLength(5);
    expect(cellText({ x: 1 })).toBe('{"x":1}');
    expect(cellText(null)).toBe('null');
    expect(cellText(undefined)).toBe('');
    expect(cellText('a'.repeat(300))).toHaveLength(300);
    expect(cellText({ s: 'a'.repeat(300) }).endsWith('…')).toBe(true);
  });

  describe('items not kept (the run data was over the storage limit)', () => {
    // As the worker stores it (run-data-limit.ts): the items gone, their counts per output and per input kept.
    const dropped = task({ data: { main: [[], []] }, itemsDropped: [2000, 5], inputItemsDropped: [1] });
    delete (dropped as { inputData?: unknown }).inputData;

    it('reads the real counts and marks the items not kept', () => {
      const r = nodeRunFrom({ Code: [dropped] }, 'Code')!;
      expect(r).toMatchObject({
        outputs: [[], []],
        outputCounts: [2000, 5],
        outputNotKept: true,
        input: [],
        inputCount: 1,
        inputNotKept: true,
      });
      const kept = nodeRunFrom({ A: [task()] }, 'A')!;
      expect(kept).toMatchObject({ outputCounts: [2, 0], inputCount: 1 });
      expect(kept.outputNotKept).toBeUndefined();
      expect(notKeptText(2000)).toBe("2,000 items — not kept: this run's data was over the storage limit");
      expect(notKeptText(1)).toBe("1 item — not kept: this run's data was over the storage limit");
    });

    it('counts them on the canvas of a past run, not 0', () => {
      const o = overlayFromDetail({ id: 'e1', status: 'failed', runData: { Code: [dropped], A: [task()] } });
      expect(o.nodes.Code).toMatchObject({ status: 'success', items: 2005, itemsNotKept: true });
      expect(o.nodes.A?.itemsNotKept).toBeUndefined();
    });

    it('marks them on a live run once its detail has loaded', () => {
      const live = {
        executionId: 'e1',
        status: 'error' as const,
        nodes: {
          Code: { status: 'success' as const, items: 2005 },
          A: { status: 'success' as const, items: 2 },
        },
      };
      const detail = { id: 'e1', status: 'failed', runData: { Code: [dropped], A: [task()] } };
      const o = withNotKept(live, detail);
      expect(o.nodes.Code).toEqual({ status: 'success', items: 2005, itemsNotKept: true });
      expect(o.nodes.A).toBe(live.nodes.A);
      expect(withNotKept(live, { ...detail, id: 'e0' })).toBe(live);
      expect(withNotKept(live, { id: 'e1', runData: { A: [task()] } })).toBe(live);
      expect(withNotKept(live, null)).toBe(live);
    });
  });
});
