// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, click, render } from '../panel/test-render.tsx';
import { ReplayPanel } from './ReplayPanel.tsx';
import type { ReplayState } from './useReplay.ts';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const done: ReplayState = {
  phase: 'done',
  sourceId: 'e1',
  replayId: 'e2',
  status: 'succeeded',
  result: {
    a: 'e1',
    b: 'e2',
    nodes: [
      { node: 'Trigger', status: 'same', itemsA: 1, itemsB: 1, items: [] },
      {
        node: 'Shape',
        status: 'changed',
        itemsA: 2,
        itemsB: 2,
        items: [{ output: 0, index: 1, change: 'changed', a: { n: 1, k: 'x' }, b: { n: 2, k: 'x' } }],
      },
      { node: 'Gone', status: 'only-a', itemsA: 1, itemsB: 0, items: [] },
    ],
  },
};

function show(state: ReplayState & { phase: Exclude<ReplayState['phase'], 'idle'> }) {
  const calls = { jump: [] as string[], close: 0, retry: 0 };
  const r = render(
    <ReplayPanel
      state={state}
      onClose={() => calls.close++}
      onRetry={() => calls.retry++}
      onJump={(n) => calls.jump.push(n)}
      canJump={(n) => n !== 'Gone'}
    />,
  );
  cleanup = r.unmount;
  return { ...r, calls };
}

const rows = (root: HTMLElement) =>
  [...root.querySelectorAll('[data-testid="replay-node"]')].map((el) => [
    el.getAttribute('data-node-name'),
    el.getAttribute('data-kind'),
  ]);

describe('ReplayPanel', () => {
  it('shows the differing nodes with a summary; unchanged ones on demand', () => {
    const { container } = show(done as never);
    expect(byTestId(container, 'replay-summary').textContent).toContain(
      '1 changed · 0 added · 1 removed · 1 same',
    );
    expect(rows(container)).toEqual([
      ['Shape', 'changed'],
      ['Gone', 'removed'],
    ]);
    click(byTestId(container, 'replay-show-same'));
    expect(rows(container).map((r) => r[0])).toEqual(['Shape', 'Gone', 'Trigger']);
  });

  it('expands a node into its item-level diff: before, after and the fields that differ', () => {
    const { container } = show(done as never);
    const shape = container.querySelector('[data-node-name="Shape"]')!;
    expect(shape.querySelector('[data-testid="replay-item"]')).toBeNull();
    click(shape.querySelector('[data-testid="replay-node-toggle"]'));
    const item = byTestId(shape as HTMLElement, 'replay-item');
    expect(item.getAttribute('data-change')).toBe('changed');
    expect(byTestId(item, 'replay-item-keys').textContent).toContain('n');
    expect(JSON.parse(byTestId(item, 'replay-item-before').textContent!)).toEqual({ n: 1, k: 'x' });
    expect(JSON.parse(byTestId(item, 'replay-item-after').textContent!)).toEqual({ n: 2, k: 'x' });
  });

  it('jumps to nodes still in the draft; a node that is gone cannot be shown', () => {
    const { container, calls } = show(done as never);
    const jump = (name: string) =>
      container.querySelector(`[data-node-name="${name}"] [data-testid="replay-jump"]`) as HTMLButtonElement;
    click(jump('Shape'));
    expect(calls.jump).toEqual(['Shape']);
    expect(jump('Gone').disabled).toBe(true);
    click(byTestId(container, 'replay-close'));
    expect(calls.close).toBe(1);
  });

  it('shows progress while the replay runs, and an error with a retry', () => {
    const running = show({ phase: 'running', sourceId: 'e1', replayId: null });
    expect(byTestId(running.container, 'replay-panel').getAttribute('data-phase')).toBe('running');
    expect(running.container.querySelector('[role="status"]')).not.toBeNull();
    running.unmount();
    const failed = show({ phase: 'error', sourceId: 'e1', replayId: null, message: 'Execution not found' });
    expect(byTestId(failed.container, 'replay-error').textContent).toContain('Execution not found');
    click(byTestId(failed.container, 'replay-retry'));
    expect(failed.calls.retry).toBe(1);
  });

  it('says so when every node produced the same output', () => {
    const same = { ...done, result: { ...done.result, nodes: [done.result.nodes[0]] } } as never;
    const { container } = show(same);
    expect(byTestId(container, 'replay-no-diff').textContent).toContain('same output');
  });
});
