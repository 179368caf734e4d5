import { type ComponentProps, lazy, Suspense } from 'react';

// The AI UI loads after the editor shell (its own chunk), so it never delays opening a workflow.
const load = () => import('./ai-ui.tsx');
const LazyToolbar = lazy(() => load().then((m) => ({ default: m.AiToolbar })));
const LazySuggestions = lazy(() => load().then((m) => ({ default: m.AiSuggestions })));
const LazyCanvasLayer = lazy(() => load().then((m) => ({ default: m.AiCanvasLayer })));

/**
 * Header controls: the "Suggest mode" toggle (when `suggestMode` is given; its state is `useSuggestMode`'s) and the
 * "Ask AI" button with its popover. Needs the editor context.
 */
export function AiToolbar(props: ComponentProps<typeof LazyToolbar>) {
  return (
    <Suspense fallback={null}>
      <LazyToolbar {...props} />
    </Suspense>
  );
}

/** The suggestions list floating over the canvas (place it in the canvas's relatively positioned wrapper). */
export function AiSuggestions() {
  return (
    <Suspense fallback={null}>
      <LazySuggestions />
    </Suspense>
  );
}

/** Ghost nodes/edges and the AI co-author's cursor; place it as a child of `<ReactFlow>`. */
export function AiCanvasLayer() {
  return (
    <Suspense fallback={null}>
      <LazyCanvasLayer />
    </Suspense>
  );
}
