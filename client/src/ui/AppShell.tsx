import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { User } from '../api/types.ts';
import { logout } from '../features/auth/auth-api.ts';
import { Avatar } from './Avatar.tsx';
import { Logo } from './Logo.tsx';

const nav = [
  { href: '/', label: 'Workflows', testId: 'nav-workflows' },
  { href: '/executions', label: 'Executions', testId: 'nav-executions' },
  { href: '/credentials', label: 'Credentials', testId: 'nav-credentials' },
  { href: '/settings', label: 'Settings', testId: 'nav-settings' },
];

/** Top navigation + page container for the non-editor pages. */
export function AppShell({ user, children }: { user: User; children: ReactNode }) {
  const [location, navigate] = useLocation();
  const qc = useQueryClient();
  const out = useMutation({
    mutationFn: logout,
    onSettled: () => {
      qc.clear();
      navigate('/signin');
    },
  });
  return (
    <div className="min-h-full">
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-6">
          <Link href="/">
            <Logo />
          </Link>
          <nav className="flex gap-1">
            {nav.map((n) => {
              const active = n.href === '/' ? location === '/' : location.startsWith(n.href);
              return (
                <Link
                  key={n.href}
                  href={n.href}
                  data-testid={n.testId}
                  className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? 'bg-indigo-50 text-indigo-700' : 'text-slate-600 hover:bg-slate-100'}`}
                >
                  {n.label}
                </Link>
              );
            })}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <span className="text-sm text-slate-600" data-testid="current-user-name">
              {user.name}
            </span>
            <Avatar name={user.name} id={user.id} />
            <button
              type="button"
              onClick={() => out.mutate()}
              className="text-sm text-slate-500 hover:text-slate-900"
              data-testid="signout"
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
