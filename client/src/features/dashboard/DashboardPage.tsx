import { PendingSuggestions } from './PendingSuggestions.tsx';
import { RecentExecutions } from './RecentExecutions.tsx';
import { SystemStatusCard } from './SystemStatusCard.tsx';
import { WorkflowList } from './WorkflowList.tsx';

/** Home: workflows on the left; suggestions waiting, recent runs and instance status on the right. */
export function DashboardPage() {
  return (
    <div className="grid gap-8 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <WorkflowList />
      </div>
      <aside className="space-y-6">
        <PendingSuggestions />
        <RecentExecutions />
        <SystemStatusCard />
      </aside>
    </div>
  );
}
