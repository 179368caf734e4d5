// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byTestId, click, render } from '../editor/panel/test-render.tsx';
import { WorkflowFilter } from './WorkflowFilter.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

/** The api: one workflow, Orders (wf1), in the choices and by id; `answerDetail` says when GET /workflows/{id} answers. */
function stubApi() {
  let answerDetail = () => {};
  const held = new Promise<void>((r) => {
    answerDetail = r;
  });
  vi.stubGlobal('fetch', async (url: string) => {
    const detail = url.match(/^\/api\/workflows\/([^/?]+)$/);
    if (!detail) return Response.json({ data: [{ id: 'wf1', name: 'Orders' }], nextCursor: null });
    await held;
    return detail[1] === 'wf1'
      ? Response.json({ id: 'wf1', name: 'Orders', role: 'owner', publishedVersionId: null })
      : Response.json({ error: { code: 'not_found', message: 'Not found.' } }, { status: 404 });
  });
  return { answerDetail };
}

function mount(value: string, onChange = vi.fn()) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <WorkflowFilter value={value} onChange={onChange} />
    </QueryClientProvider>,
  );
  return byTestId(document.body, 'executions-filter-workflow') as HTMLInputElement;
}

describe('executions: the workflow filter', () => {
  it('says an id nobody can resolve is unknown, only once the api has said so, and clears it', async () => {
    const { answerDetail } = stubApi();
    const changed = vi.fn();
    const field = mount('gone-123', changed);
    await settle();
    // Still asking: no name, no warning, and not "Any workflow" either.
    expect(field.value).toBe('');
    expect(field.placeholder).toBe('Loading…');
    expect(field.getAttribute('aria-invalid')).toBe('false');

    answerDetail();
    await settle();
    await settle();
    expect(field.value).toBe('Unknown workflow');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.title).toContain('gone-123');

    click(byTestId(document.body, 'executions-filter-workflow-clear'));
    expect(changed).toHaveBeenCalledWith('');
    expect(document.activeElement).toBe(field);
  });

  it('names a workflow it finds, without a warning; no clear button while any', async () => {
    const { answerDetail } = stubApi();
    answerDetail();
    const named = mount('wf1');
    await settle();
    await settle();
    expect(named.value).toBe('Orders');
    expect(named.getAttribute('aria-invalid')).toBe('false');
    expect(named.title).toBe('');
    document.body.innerHTML = '';

    const any = mount('');
    await settle();
    expect(any.value).toBe('');
    expect(any.placeholder).toBe('Any workflow');
    expect(document.querySelector('[data-testid="executions-filter-workflow-clear"]')).toBeNull();
  });
});
