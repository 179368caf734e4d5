// The code of the editor's side panels, one chunk (side-panels.tsx loads it).
export { ActivityFeed } from './activity/ActivityFeed.tsx';
export { CommentsPanel } from './comments/CommentsPanel.tsx';
export { PropertyPanel } from './panel/PropertyPanel.tsx';
export { ReplayPanel } from './replay/ReplayPanel.tsx';
export { RunDataView } from './run/RunDataView.tsx';
