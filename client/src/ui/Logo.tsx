/**
 * The Tandem mark and word. `wordmark="wide"`: the word only on wide screens (xl and up), the mark alone below,
 * where room is short.
 */
export function Logo({ large, wordmark = 'always' }: { large?: boolean; wordmark?: 'always' | 'wide' }) {
  const s = large ? 'size-9' : 'size-7';
  return (
    <span className="inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900">
      <svg viewBox="0 0 32 32" className={s} aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#4f46e5" />
        <circle cx="12" cy="16" r="5.5" fill="white" />
        <circle cx="20" cy="16" r="5.5" fill="white" fillOpacity=".65" />
      </svg>
      <span className={`${large ? 'text-xl' : 'text-base'} ${wordmark === 'wide' ? 'hidden xl:inline' : ''}`}>
        Tandem
      </span>
    </span>
  );
}
