// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byTestId, render } from '../editor/panel/test-render.tsx';
import { PendingSuggestions } from './PendingSuggestions.tsx';
import { groupByWorkflow, type PendingSuggestion } from './use-pending-suggestions.ts';

afterEach(() => vi.unstubAllGlobals());

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

const s = (over: Partial<PendingSuggestion>): PendingSuggestion => ({
  workflowId: 'wf1',
  workflowName: 'Orders',
  id: 's1',
  rationale: 'Add an email step',
  author: { userId: 'ai:coauthor', name: 'AI co-author' },
  byAi: true,
  createdAt: new Date(Date.now() - 120_000).toISOString(),
  changes: 2,
  fixes: null,
  ...over,
});

function answer(status: number, body: unknown) {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status });
  });
  return urls;
}

async function mount() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const r = render(
    <QueryClientProvider client={qc}>
      <PendingSuggestions />
    </QueryClientProvider>,
  );
  await settle();
  await settle();
  return r;
}

describe('dashboard: suggestions waiting', () => {
  it('groups by workflow, puts a failed run’s fix first and links to the workflow', async () => {
    const urls = answer(200, {
      data: [
        s({
          workflowId: 'wf2',
          workflowName: 'Flaky partner',
          id: 'fix',
          rationale: 'Retry it',
          fixes: { node: 'Call partner', message: '503 temporarily unavailable' },
        }),
        s({ id: 'a' }),
        s({ id: 'b', byAi: false, author: { userId: 'u2', name: 'Ada' } }),
      ],
      total: 3,
    });
    const r = await mount();
    expect(urls).toEqual(['/api/ai/suggestions?limit=50']);
    const rows = r.container.querySelectorAll('[data-testid="pending-suggestion-row"]');
    expect(rows).toHaveLength(2);
    const [fix, orders] = [...rows] as HTMLElement[];
    expect(fix!.querySelector('a')!.getAttribute('href')).toBe('/workflows/wf2');
    expect(fix!.textContent).toContain('fix for a failed run');
    expect(fix!.textContent).toContain('“Call partner” failed: 503 temporarily unavailable');
    expect(orders!.querySelector('a')!.getAttribute('href')).toBe('/workflows/wf1');
    expect(orders!.textContent).toContain('Add an email step');
    expect(orders!.textContent).toContain('2');
    expect(orders!.textContent).toContain('AI co-author');
    expect(orders!.querySelector('[data-testid="pending-suggestion-fix"]')).toBeNull();
    r.unmount();
  });

  it('says when nothing is waiting, and shows an error with retry', async () => {
    answer(200, { data: [], total: 0 });
    const empty = await mount();
    expect(byTestId(empty.container, 'pending-suggestions-empty').textContent).toMatch(/Nothing waiting/);
    empty.unmount();
    answer(500, { error: { code: 'internal', message: 'database is down' } });
    const failed = await mount();
    expect(byTestId(failed.container, 'error-state').textContent).toContain('database is down');
    failed.unmount();
  });

  it('counts fixes per workflow', () => {
    const fix = { node: 'N', message: 'm' };
    const groups = groupByWorkflow([s({ id: '1', fixes: fix }), s({ id: '2', fixes: fix }), s({ id: '3' })]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 3, fixes: [fix, fix], top: { id: '1' } });
  });
});
