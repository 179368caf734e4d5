// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, click, render } from '../panel/test-render.tsx';
import { ActivityPanel } from './ActivityPanel.tsx';
import type { ActivityGroup } from './activity-model.ts';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const now = Date.now();
const groups: ActivityGroup[] = [
  {
    key: '9',
    userId: 'u2',
    name: 'Bob',
    from: now - 5000,
    to: now - 1000,
    changes: 3,
    nodes: [
      { nodeId: 'n1', name: 'Fetch', fields: ['parameters.url'] },
      { nodeId: 'n9', name: 'Deleted since', fields: ['position'] },
    ],
  },
  { key: '4', userId: 'u1', name: 'Ada', from: now - 3_600_000, to: now - 3_600_000, changes: 1, nodes: [] },
];

function show(over: Partial<Parameters<typeof ActivityPanel>[0]> = {}) {
  const calls = { jump: [] as string[], more: 0, retry: 0, close: 0 };
  const r = render(
    <ActivityPanel
      groups={groups}
      loading={false}
      error={null}
      onRetry={() => calls.retry++}
      hasMore={false}
      loadingMore={false}
      onLoadMore={() => calls.more++}
      onJump={(id) => calls.jump.push(id)}
      canJump={(id) => id !== 'n9'}
      onClose={() => calls.close++}
      selfId="u1"
      {...over}
    />,
  );
  cleanup = r.unmount;
  return { ...r, calls };
}

describe('ActivityPanel', () => {
  it('shows who changed what and when, newest first; the signed-in person is "You"', () => {
    const { container } = show();
    const entries = [...container.querySelectorAll('[data-testid="activity-entry"]')];
    expect(entries.map((e) => e.getAttribute('data-user-name'))).toEqual(['Bob', 'Ada']);
    expect(entries[0].textContent).toContain('made 3 changes');
    expect(entries[0].querySelector('[data-testid="activity-when"]')!.textContent).toBe('just now');
    expect(entries[1].textContent).toContain('You');
    expect(entries[1].querySelector('[data-testid="activity-when"]')!.textContent).toBe('1 h ago');
    expect(byTestId(entries[0] as HTMLElement, 'activity-node-what').textContent).toBe('changed url');
  });

  it('links to nodes still on the canvas', () => {
    const { container, calls } = show();
    const links = [...container.querySelectorAll<HTMLButtonElement>('[data-testid="activity-node-link"]')];
    expect(links.map((l) => l.textContent)).toEqual(['Fetch', 'Deleted since']);
    click(links[0]);
    expect(calls.jump).toEqual(['n1']);
    expect(links[1].disabled).toBe(true);
  });

  it('has empty, error and load-more states', () => {
    const empty = show({ groups: [] });
    expect(byTestId(empty.container, 'activity-empty')).toBeTruthy();
    empty.unmount();
    const failed = show({ error: new Error('boom') });
    expect(failed.container.textContent).toContain('boom');
    failed.unmount();
    const more = show({ hasMore: true });
    click(byTestId(more.container, 'activity-load-more'));
    expect(more.calls.more).toBe(1);
  });
});
