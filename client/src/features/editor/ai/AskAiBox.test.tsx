// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client.ts';
import { byTestId, changeValue, click, render } from '../panel/test-render.tsx';
import { AskAiBox } from './AskAiBox.tsx';
import type { AskAiInput } from './ask-ai.ts';
import { remotePeer, settle, testSession, withEditor } from './test-session.test-util.tsx';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function mount(
  ask: (input: AskAiInput) => Promise<{ suggestions: unknown[]; dropped: string[] }>,
  readOnly = false,
) {
  const s = testSession([{ id: 'n1', name: 'Webhook', type: 'webhook' }]);
  const calls: AskAiInput[] = [];
  const r = render(
    withEditor(
      s,
      <AskAiBox
        ask={(input) => {
          calls.push(input);
          return ask(input) as never;
        }}
      />,
      readOnly,
    ),
  );
  cleanup = r.unmount;
  return { s, r, calls };
}

describe('AskAiBox', () => {
  it('sends the request with the selected node, closes once the suggestions are placed, and keeps the result', async () => {
    const { s, r, calls } = mount(async () => ({ suggestions: [{}, {}], dropped: [] }));
    s.provider.awareness.setLocalStateField('selection', ['n1']);
    click(byTestId(r.container, 'ai-ask-open'));
    expect(byTestId(r.container, 'ai-ask-target').textContent).toContain('after "Webhook"');
    changeValue(byTestId(r.container, 'ai-ask-input'), 'email me a summary');
    expect(document.activeElement).toBe(byTestId(r.container, 'ai-ask-input'));
    click(byTestId(r.container, 'ai-ask-submit'));
    await settle();
    expect(calls).toEqual([{ workflowId: 'wf1', selectedNodeId: 'n1', request: 'email me a summary' }]);
    // Out of the way of the ghosts; the focus goes back to the button.
    expect(r.container.querySelector('[data-testid="ai-ask-dialog"]')).toBeNull();
    expect(document.activeElement).toBe(byTestId(r.container, 'ai-ask-open'));
    click(byTestId(r.container, 'ai-ask-open'));
    expect((byTestId(r.container, 'ai-ask-input') as HTMLTextAreaElement).value).toBe('email me a summary');
    const result = byTestId(r.container, 'ai-ask-result');
    expect(result.dataset.count).toBe('2');
    expect(result.textContent).toContain('2 suggestions');
  });

  it('shows progress with the co-author’s live status while it works', async () => {
    let finish: (v: { suggestions: unknown[]; dropped: string[] }) => void = () => {};
    const { s, r } = mount(() => new Promise((res) => (finish = res)));
    click(byTestId(r.container, 'ai-ask-open'));
    click(byTestId(r.container, 'ai-ask-submit'));
    await settle();
    expect(byTestId(r.container, 'ai-ask-progress').textContent).toContain('Asking the AI co-author');
    const ai = remotePeer(s.provider.awareness, {
      user: { id: 'ai:coauthor', name: 'AI co-author', color: '#8b5cf6', ai: true },
      status: 'thinking…',
    });
    await settle();
    expect(byTestId(r.container, 'ai-ask-progress').textContent).toBe('AI co-author is thinking…');
    finish({ suggestions: [], dropped: [] });
    ai.setLocalStateField('status', 'idle');
    await settle();
    expect(r.container.querySelector('[data-testid="ai-ask-progress"]')).toBeNull();
    expect(byTestId(r.container, 'ai-ask-status').textContent).toContain('(idle)');
    expect(byTestId(r.container, 'ai-ask-result').textContent).toContain('no suggestions');
  });

  it('shows a clear error when no model is configured', async () => {
    const { r, calls } = mount(async () => {
      throw new ApiError(503, 'unavailable', 'No AI credential', { aiCode: 'ai_not_configured' });
    });
    click(byTestId(r.container, 'ai-ask-open'));
    changeValue(byTestId(r.container, 'ai-ask-input'), 'do things');
    click(byTestId(r.container, 'ai-ask-submit'));
    await settle();
    // The box stays open with the error in it, to fix the request and send it again.
    const err = byTestId(byTestId(r.container, 'ai-ask-dialog'), 'ai-ask-error');
    expect(err.dataset.code).toBe('ai_not_configured');
    expect(err.textContent).toMatch(/No AI model is configured/);
    // Without a text, the built-in recommender answers; the selection is optional.
    changeValue(byTestId(r.container, 'ai-ask-input'), '');
    expect(byTestId(r.container, 'ai-ask-submit').textContent).toBe('Suggest next steps');
    expect(calls[0].selectedNodeId).toBeUndefined();
  });

  it('is not offered to viewers', () => {
    const { r } = mount(async () => ({ suggestions: [], dropped: [] }), true);
    expect(r.container.querySelector('[data-testid="ai-ask-open"]')).toBeNull();
  });
});
