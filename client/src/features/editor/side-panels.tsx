import { type ComponentProps, lazy, type ReactNode, Suspense, useEffect } from 'react';
import { ErrorBoundary } from '../../ui/ErrorBoundary.tsx';
import { afterPaint } from './after-paint.ts';

/*
 * The editor's side panels (node properties with run data and comments, replay, activity) come in a chunk of their
 * own: none is open when a workflow opens, so their code is not parsed before the canvas shows. The chunk is fetched
 * once the editor has painted (`usePrefetchSidePanels`), so opening a panel does not wait for the network.
 */
let code: Promise<typeof import('./side-panels-code.ts')> | undefined;
const load = () => (code ??= import('./side-panels-code.ts'));

const LazyProperties = lazy(() => load().then((m) => ({ default: m.PropertyPanel })));
const LazyRunData = lazy(() => load().then((m) => ({ default: m.RunDataView })));
const LazyComments = lazy(() => load().then((m) => ({ default: m.CommentsPanel })));
const LazyReplay = lazy(() => load().then((m) => ({ default: m.ReplayPanel })));
const LazyActivity = lazy(() => load().then((m) => ({ default: m.ActivityFeed })));

function Loaded({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ErrorBoundary label={label}>
      <Suspense fallback={null}>{children}</Suspense>
    </ErrorBoundary>
  );
}

export function PropertyPanel(props: ComponentProps<typeof LazyProperties>) {
  return (
    <Loaded label="Node properties">
      <LazyProperties {...props} />
    </Loaded>
  );
}

export function RunDataView(props: ComponentProps<typeof LazyRunData>) {
  return (
    <Loaded label="Run data">
      <LazyRunData {...props} />
    </Loaded>
  );
}

export function CommentsPanel(props: ComponentProps<typeof LazyComments>) {
  return (
    <Loaded label="Comments">
      <LazyComments {...props} />
    </Loaded>
  );
}

export function ReplayPanel(props: ComponentProps<typeof LazyReplay>) {
  return (
    <Loaded label="Replay">
      <LazyReplay {...props} />
    </Loaded>
  );
}

export function ActivityFeed(props: ComponentProps<typeof LazyActivity>) {
  return (
    <Loaded label="Activity">
      <LazyActivity {...props} />
    </Loaded>
  );
}

/** Fetches the side panels' chunk once the editor has painted. */
export function usePrefetchSidePanels() {
  useEffect(() => afterPaint(() => void load().catch(() => {}), 1000), []);
}
