import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { Button } from './Button.tsx';

/** Centered spinner with an optional label. */
export function Spinner({ label }: { label?: string }) {
  return (
    <div className="flex items-center justify-center gap-2 p-6 text-sm text-slate-500" role="status">
      <span className="size-4 animate-spin rounded-full border-2 border-indigo-500 border-t-transparent" />
      {label ?? 'Loading…'}
    </div>
  );
}

/** A friendly empty state: icon, title, text and an optional action. */
export function EmptyState({
  title,
  children,
  action,
  testId,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      data-testid={testId}
      className="flex flex-col items-center justify-center rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center"
    >
      <div className="mb-3 grid size-10 place-items-center rounded-full bg-indigo-50 text-indigo-600">✦</div>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {children && <p className="mt-1 max-w-sm text-sm text-slate-500">{children}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

/** Human message for anything thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** An error box with a retry button. */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div
      data-testid="error-state"
      className="flex items-start gap-3 rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800"
      role="alert"
    >
      <span className="mt-0.5 font-bold">!</span>
      <div className="flex-1">
        <p className="font-medium">{title ?? 'Could not load this'}</p>
        <p className="mt-0.5 text-rose-700">{errorMessage(error)}</p>
      </div>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}

/** Inline form error line. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p
      data-testid="form-error"
      role="alert"
      className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700"
    >
      {errorMessage(error)}
    </p>
  );
}
