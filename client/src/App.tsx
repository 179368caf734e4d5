import { type ReactNode, useEffect } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import type { User } from './api/types.ts';
import { RegisterPage } from './features/auth/RegisterPage.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { useMe } from './features/auth/useMe.ts';
import { CredentialsPage } from './features/credentials/CredentialsPage.tsx';
import { DashboardPage } from './features/dashboard/DashboardPage.tsx';
import { LazyEditorPage } from './features/editor/LazyEditorPage.tsx';
import { ExecutionsPage } from './features/executions/ExecutionsPage.tsx';
import { SettingsPage } from './features/settings/SettingsPage.tsx';
import { AppShell } from './ui/AppShell.tsx';
import { EmptyState, ErrorState, Spinner } from './ui/States.tsx';

function RequireUser({ children }: { children: (user: User) => ReactNode }) {
  const me = useMe();
  const [location, navigate] = useLocation();
  useEffect(() => {
    if (me.data === null) navigate(`/signin?next=${encodeURIComponent(location)}`, { replace: true });
  }, [me.data, location, navigate]);
  if (me.isPending) return <Spinner />;
  if (me.isError)
    return (
      <div className="p-10">
        <ErrorState error={me.error} onRetry={() => me.refetch()} title="Cannot reach Tandem" />
      </div>
    );
  if (!me.data) return null;
  return <>{children(me.data)}</>;
}

function Guest({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.data) return <Redirect to="/" />;
  return <>{children}</>;
}

/** Route table. */
export function App() {
  return (
    <Switch>
      <Route path="/signin">
        <Guest>
          <SignInPage />
        </Guest>
      </Route>
      <Route path="/register">
        <Guest>
          <RegisterPage />
        </Guest>
      </Route>
      <Route path="/workflows/:id">
        {(params) => (
          <RequireUser>{(user) => <LazyEditorPage workflowId={params.id} user={user} />}</RequireUser>
        )}
      </Route>
      <Route>
        <RequireUser>
          {(user) => (
            <AppShell user={user}>
              <Switch>
                <Route path="/">
                  <DashboardPage />
                </Route>
                <Route path="/executions">
                  <ExecutionsPage />
                </Route>
                <Route path="/credentials">
                  <CredentialsPage />
                </Route>
                <Route path="/settings">
                  <SettingsPage user={user} />
                </Route>
                <Route>
                  <EmptyState title="Page not found" testId="not-found">
                    This page does not exist.
                  </EmptyState>
                </Route>
              </Switch>
            </AppShell>
          )}
        </RequireUser>
      </Route>
    </Switch>
  );
}
