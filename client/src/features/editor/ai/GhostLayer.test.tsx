// @vitest-environment happy-dom
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { click, render } from '../panel/test-render.tsx';
import { GhostLayer } from './GhostLayer.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';
import { aiSuggests, remotePeer, settle, testSession, withEditor } from './test-session.test-util.tsx';

beforeAll(() => {
  // React Flow measures its pane and nodes; happy-dom has no layout, so a no-op observer is enough.
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

async function mount() {
  const s = testSession([{ id: 'a', name: 'Webhook', type: 'webhook' }]);
  const nodes = [{ id: 'a', position: { x: 0, y: 0 }, data: { type: 'webhook' }, width: 220, height: 64 }];
  const r = render(
    withEditor(
      s,
      <ReactFlowProvider>
        <div style={{ width: 800, height: 600 }}>
          <ReactFlow nodes={nodes} edges={[]}>
            <GhostLayer />
          </ReactFlow>
        </div>
        <SuggestionsPanel />
      </ReactFlowProvider>,
    ),
  );
  cleanup = r.unmount;
  await settle();
  const all = (id: string) => [...r.container.querySelectorAll(`[data-testid="${id}"]`)] as HTMLElement[];
  return { s, r, all };
}

describe('GhostLayer', () => {
  it('draws pending suggestions as ghost nodes and edges for everyone, and removes them when decided', async () => {
    const { s, r, all } = await mount();
    expect(all('ghost-node')).toHaveLength(0);
    aiSuggests(
      s.doc,
      's1',
      [
        {
          op: 'addNode',
          node: {
            id: 'g1',
            name: 'HTTP Request',
            type: 'httpRequest',
            typeVersion: 1,
            position: [300, 0],
            parameters: {},
          },
        },
        { op: 'connect', edge: { source: 'a', target: 'g1' } },
      ],
      ['a'],
    );
    await settle();
    const [ghost] = all('ghost-node');
    expect(ghost.dataset.suggestionId).toBe('s1');
    expect(ghost.dataset.nodeName).toBe('HTTP Request');
    expect(ghost.getAttribute('title')).toBe('AI co-author suggests: why s1');
    expect(ghost.style.transform).toBe('translate(300px, 0px)');
    const [edge] = all('ghost-edge');
    expect(edge.dataset.suggestionId).toBe('s1');
    expect(edge.getAttribute('stroke-dasharray')).toBe('6 5');
    // From the right side of the real node (x 220) to the ghost's left side (x 300).
    expect(edge.getAttribute('d')).toMatch(/^M ?220[ ,]32/);

    // Clicking a ghost points at its entry in the list.
    const item = () => r.container.querySelector('[data-testid="ai-suggestion"]') as HTMLElement;
    expect(item().dataset.focused).toBe('false');
    click(ghost);
    expect(item().dataset.focused).toBe('true');

    s.apply([{ op: 'rejectSuggestion', suggestionId: 's1' }]);
    await settle();
    expect(all('ghost-node')).toHaveLength(0);
    expect(all('ghost-edge')).toHaveLength(0);
  });

  it('outlines nodes a suggestion would change and shows the co-author’s cursor with its status', async () => {
    const { s, all } = await mount();
    aiSuggests(s.doc, 's2', [{ op: 'setNodeField', nodeId: 'a', field: 'retryOnFail', value: true }], ['a']);
    remotePeer(s.provider.awareness, {
      user: { id: 'ai:coauthor', name: 'AI co-author', color: '#8b5cf6', ai: true },
      status: 'thinking…',
      cursor: { x: 40, y: 50 },
    });
    await settle();
    expect(all('ghost-change').map((el) => [el.dataset.suggestionId, el.dataset.nodeId])).toEqual([
      ['s2', 'a'],
    ]);
    const [cursor] = all('ai-cursor');
    expect(cursor.dataset.status).toBe('thinking…');
    expect(cursor.textContent).toBe('AI co-author · thinking…');
  });
});
