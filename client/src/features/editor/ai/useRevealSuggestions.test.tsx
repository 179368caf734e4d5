// @vitest-environment happy-dom
import { ReactFlowProvider, type ReactFlowState, useStoreApi } from '@xyflow/react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coversCanvas } from '../canvas/canvas-view.ts';
import { render } from '../panel/test-render.tsx';
import {
  addHttpRequest,
  aiSuggests,
  settle,
  type TestSession,
  testSession,
} from './test-session.test-util.tsx';
import { useRevealSuggestions } from './useRevealSuggestions.ts';
import { useSuggestions } from './useSuggestions.ts';

// The ghost of this suggestion is at flow x 240–460; at viewport x 390 that is screen x 630–850, under the panel.
const httpNode = addHttpRequest([240, 0]);
const PANEL = { x: 668, y: 12, width: 320, height: 676 };

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

type Store = ReturnType<typeof useStoreApi>;

/** Renders the hook beside a panel over the canvas; `got` receives the canvas store and `show`. */
function Probe({
  session,
  got,
}: {
  session: TestSession;
  got: { store?: Store; show?: (id: string) => void };
}) {
  const list = useSuggestions(session.doc);
  got.show = useRevealSuggestions(session.doc, list);
  got.store = useStoreApi();
  return <section {...coversCanvas} data-testid="panel" />;
}

/** Mounts the hook on a 1000×700 canvas at viewport (390, 318, 1), the panel on its right (PANEL). */
function mount(s: TestSession) {
  const got: { store?: Store; show?: (id: string) => void } = {};
  const r = render(
    <ReactFlowProvider>
      <Probe session={s} got={got} />
    </ReactFlowProvider>,
  );
  cleanup = r.unmount;
  const panelEl = r.container.querySelector('[data-testid="panel"]')!;
  panelEl.getBoundingClientRect = () => DOMRect.fromRect(PANEL);
  const setViewport = vi.fn(async () => {});
  const store = got.store!;
  act(() =>
    store.setState({
      domNode: document.createElement('div'),
      width: 1000,
      height: 700,
      transform: [390, 318, 1],
      panZoom: { setViewport } as unknown as ReactFlowState['panZoom'],
    }),
  );
  return { store, setViewport, show: (id: string) => got.show!(id) };
}

describe('useRevealSuggestions', () => {
  it('pans a newly arrived ghost out from under the panel once suggestions stop arriving', async () => {
    const s = testSession([{ id: 'a', name: 'Webhook' }]);
    const { setViewport } = mount(s);
    aiSuggests(s.doc, 's1', [httpNode]);
    await settle(50);
    expect(setViewport).not.toHaveBeenCalled();
    await settle(200);
    expect(setViewport).toHaveBeenCalledWith({ x: 184, y: 318, zoom: 1 }, { duration: 300 });
  });

  it('keeps a newly arrived ghost clear of every panel over the canvas, not only its own', async () => {
    const s = testSession([{ id: 'a', name: 'Webhook' }]);
    const { setViewport } = mount(s);
    // A replay panel along the bottom, over where the ghost would go left of the suggestions panel.
    const replay = document.createElement('section');
    replay.setAttribute('data-covers-canvas', '');
    replay.getBoundingClientRect = () => DOMRect.fromRect({ x: 12, y: 300, width: 640, height: 388 });
    document.body.append(replay);
    try {
      aiSuggests(s.doc, 's1', [httpNode]);
      await settle(50);
      await settle(200);
      expect(setViewport).toHaveBeenCalledWith({ x: 184, y: 212, zoom: 1 }, { duration: 300 });
    } finally {
      replay.remove();
    }
  });

  it('leaves the canvas alone when the user moved it since they arrived, or is dragging', async () => {
    const s = testSession([{ id: 'a', name: 'Webhook' }]);
    const moved = mount(s);
    aiSuggests(s.doc, 's1', [httpNode]);
    await settle(50);
    act(() => moved.store.setState({ transform: [380, 318, 1] }));
    await settle(200);
    expect(moved.setViewport).not.toHaveBeenCalled();
    cleanup?.();

    const t = testSession([{ id: 'a', name: 'Webhook' }]);
    const dragging = mount(t);
    act(() => dragging.store.setState({ paneDragging: true }));
    aiSuggests(t.doc, 's1', [httpNode]);
    await settle(250);
    expect(dragging.setViewport).not.toHaveBeenCalled();
  });

  it('does not move for suggestions already there when the editor opened; a click on one does', async () => {
    const s = testSession([{ id: 'a', name: 'Webhook' }]);
    aiSuggests(s.doc, 's1', [httpNode]);
    const { setViewport, show } = mount(s);
    await settle(250);
    expect(setViewport).not.toHaveBeenCalled();
    show('s1');
    expect(setViewport).toHaveBeenCalledWith({ x: 184, y: 318, zoom: 1 }, { duration: 300 });
  });
});
