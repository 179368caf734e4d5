import type { Refusal } from './collab/collab-session.ts';

/** The server refused an edit, or closed the document (access lost). */
export function RefusalBanner({ refusal, denied }: { refusal: Refusal | null; denied: boolean }) {
  if (!refusal && !denied) return null;
  return (
    <div
      className="bg-rose-50 px-4 py-1.5 text-center text-xs text-rose-700"
      role="alert"
      data-testid="collab-refusal"
    >
      {denied
        ? 'The server closed this document: you may no longer have access.'
        : `The server refused a change (${refusal?.code}): ${refusal?.message}`}
    </div>
  );
}

/** Hint over an empty canvas. */
export function CanvasEmptyHint({ readOnly }: { readOnly: boolean }) {
  return (
    <div className="pointer-events-none absolute inset-0 grid place-items-center" data-testid="canvas-empty">
      <div className="rounded-xl bg-white/90 px-6 py-5 text-center shadow-sm ring-1 ring-slate-200">
        <p className="text-sm font-semibold text-slate-800">Start your workflow</p>
        <p className="mt-1 text-sm text-slate-500">
          {readOnly
            ? 'This workflow is empty.'
            : 'Pick a trigger from the library on the left, or drag one here.'}
        </p>
      </div>
    </div>
  );
}
