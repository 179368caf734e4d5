// @vitest-environment happy-dom
import { docParts, docToWorkflow } from '@tandem/shared/doc';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, click, render } from '../panel/test-render.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';
import { addHttpRequest, aiSuggests, settle, testSession, withEditor } from './test-session.test-util.tsx';

const httpNode = addHttpRequest();
const connect = { op: 'connect', edge: { source: 'a', target: 'g1' } };

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

async function mount(readOnly = false) {
  const s = testSession([{ id: 'a', name: 'Webhook', type: 'webhook' }]);
  const r = render(
    withEditor(
      s,
      <ReactFlowProvider>
        <SuggestionsPanel />
      </ReactFlowProvider>,
      readOnly,
    ),
  );
  cleanup = r.unmount;
  await settle();
  return {
    s,
    r,
    items: () => [...r.container.querySelectorAll('[data-testid="ai-suggestion"]')] as HTMLElement[],
  };
}

describe('SuggestionsPanel', () => {
  it('shows nothing without suggestions, then the co-author’s suggestion live with its rationale and changes', async () => {
    const { s, r, items } = await mount();
    expect(r.container.querySelector('[data-testid="ai-suggestions"]')).toBeNull();
    aiSuggests(
      s.doc,
      's1',
      [httpNode, connect, { op: 'setParameter', nodeId: 'a', path: ['path'], value: 'orders' }],
      ['a'],
    );
    await settle();
    expect(items().map((el) => [el.dataset.suggestionId, el.dataset.status])).toEqual([['s1', 'pending']]);
    const text = items()[0].textContent ?? '';
    expect(text).toContain('AI co-author');
    expect(text).toContain('why s1');
    expect(text).toContain('Add "HTTP Request" (httpRequest)');
    expect(text).toContain('Connect "Webhook" → "HTTP Request"');
    expect(text).toContain('Set path of "Webhook" to orders');
  });

  it('Accept applies the suggestion for the user, undo brings the ghost back', async () => {
    const { s, r, items } = await mount();
    aiSuggests(s.doc, 's1', [httpNode, connect], ['a']);
    await settle();
    click(byTestId(items()[0], 'ai-suggestion-accept'));
    await settle();
    expect(docToWorkflow(s.doc).nodes.map((n) => n.name)).toEqual(['Webhook', 'HTTP Request']);
    expect(items()).toHaveLength(0);
    expect(byTestId(r.container, 'ai-suggestions-count').dataset.count).toBe('0');
    // Decided suggestions stay reachable, with who decided.
    click(byTestId(r.container, 'ai-suggestions-decided-toggle'));
    expect(items()[0].dataset.status).toBe('accepted');
    expect(items()[0].textContent).toContain('Accepted by Ann');
    expect(items()[0].querySelector('[data-testid="ai-suggestion-accept"]')).toBeNull();

    s.undoManager.undo();
    await settle();
    expect(docParts(s.doc).nodes.has('g1')).toBe(false);
    expect(items().map((el) => el.dataset.status)).toEqual(['pending']);
  });

  it('Show highlights a suggestion (shared with the canvas ghosts)', async () => {
    const { s, items } = await mount();
    aiSuggests(s.doc, 's1', [httpNode]);
    aiSuggests(s.doc, 's2', [{ ...httpNode, node: { ...httpNode.node, id: 'g2', name: 'Other' } }]);
    await settle();
    expect(items().map((el) => el.dataset.focused)).toEqual(['false', 'false']);
    click(byTestId(items()[1], 'ai-suggestion-show'));
    expect(items().map((el) => el.dataset.focused)).toEqual(['false', 'true']);
  });

  it('Reject removes it from the open list without touching the graph', async () => {
    const { s, items } = await mount();
    aiSuggests(s.doc, 's1', [httpNode]);
    await settle();
    click(byTestId(items()[0], 'ai-suggestion-reject'));
    await settle();
    expect(items()).toHaveLength(0);
    expect(docParts(s.doc).nodes.has('g1')).toBe(false);
  });

  it('marks stale suggestions and does not let them be accepted', async () => {
    const { s, items } = await mount();
    aiSuggests(s.doc, 's1', [httpNode, connect], ['a']);
    s.apply([{ op: 'renameNode', nodeId: 'a', name: 'Orders' }]);
    await settle();
    const el = items()[0];
    expect(el.dataset.status).toBe('stale');
    expect((byTestId(el, 'ai-suggestion-accept') as HTMLButtonElement).disabled).toBe(true);
    click(byTestId(el, 'ai-suggestion-accept'));
    expect(docParts(s.doc).nodes.has('g1')).toBe(false);
    expect(byTestId(el, 'ai-suggestion-reject').textContent).toBe('Dismiss');
  });

  it('shows an inline error when the suggestion no longer applies', async () => {
    const { s, items } = await mount();
    aiSuggests(s.doc, 's1', [httpNode]);
    s.apply([
      {
        op: 'addNode',
        node: {
          id: 'x',
          name: 'HTTP Request',
          type: 'code',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
      },
    ]);
    await settle();
    click(byTestId(items()[0], 'ai-suggestion-accept'));
    await settle();
    expect(byTestId(items()[0], 'ai-suggestion-error').textContent).toMatch(/names exists now/);
    expect(items()[0].dataset.status).toBe('pending');
  });

  it('viewers see suggestions but get no Accept/Reject', async () => {
    const { s, r, items } = await mount(true);
    aiSuggests(s.doc, 's1', [httpNode]);
    await settle();
    expect(items()).toHaveLength(1);
    expect(r.container.querySelector('[data-testid="ai-suggestion-accept"]')).toBeNull();
    expect(r.container.querySelector('[data-testid="ai-suggestion-reject"]')).toBeNull();
    expect(r.container.textContent).toContain('editors decide them');
  });
});
