import type { ReactNode } from 'react';

const tones = {
  gray: 'bg-slate-100 text-slate-700 ring-slate-200',
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  red: 'bg-rose-50 text-rose-700 ring-rose-200',
  amber: 'bg-amber-50 text-amber-700 ring-amber-200',
  blue: 'bg-sky-50 text-sky-700 ring-sky-200',
  indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-200',
} as const;

export type Tone = keyof typeof tones;

/** Small pill label. */
export function Badge({
  tone = 'gray',
  children,
  testId,
}: {
  tone?: Tone;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-[11px] font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

/** Tone for an execution status. */
export function statusTone(status: string | null | undefined): Tone {
  if (status === 'success' || status === 'succeeded') return 'green';
  if (status === 'error' || status === 'failed' || status === 'crashed') return 'red';
  if (status === 'running') return 'blue';
  if (status === 'queued' || status === 'waiting') return 'amber';
  return 'gray';
}
