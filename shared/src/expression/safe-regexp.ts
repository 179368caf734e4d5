import { checkRegexSubject } from './limits.ts';
import { checkRegexSafety } from './regex-guard.ts';

/**
 * The only RegExp expressions get (literals, `RegExp(…)`, `new RegExp(…)`, string `match`/`search` patterns).
 * - Every pattern passes the safe-regex check (regex-guard.ts) and every subject the length cap.
 * - The host's legacy statics (`RegExp.input`, `RegExp.$1`, `lastMatch`…) are process-global: they hold the
 *   subject of the last match anywhere in the worker, i.e. possibly another execution's data. Expressions never
 *   see the host constructor (they get `safeRegExp`, without statics), and each match made here clears them
 *   again so that expression subjects do not linger in them either.
 * `exec` is the single entry point: `test`, `match`, `matchAll`, `replace`, `search` and `split` of a RegExp
 * subclass all go through it (RegExpExec in the spec).
 */

const nativeExec = RegExp.prototype.exec;
const RESET = /(?:)/;

/** Clears the process-wide legacy RegExp statics (input, lastMatch, $1…$9, left/rightContext). */
export function clearRegExpStatics(): void {
  nativeExec.call(RESET, '');
}

/** Patterns already checked (literals are compiled once; `new RegExp(x)` per item usually repeats x). */
const checked = new Set<string>();

function checkPattern(source: string): void {
  if (checked.has(source)) return;
  checkRegexSafety(source);
  if (checked.size >= 1000) checked.clear();
  checked.add(source);
}

export class SafeRegExp extends RegExp {
  constructor(pattern?: unknown, flags?: unknown) {
    super(pattern as string, flags as string | undefined);
    checkPattern(this.source);
  }

  override exec(subject: string): RegExpExecArray | null {
    const s = String(subject);
    checkRegexSubject(s);
    try {
      return super.exec(s);
    } finally {
      clearRegExpStatics();
    }
  }
}

/** The `RegExp` global of expressions: callable with or without `new`, no legacy statics. */
export const safeRegExp: (pattern?: unknown, flags?: unknown) => SafeRegExp = Object.freeze(
  Object.assign((pattern?: unknown, flags?: unknown) => new SafeRegExp(pattern, flags), {
    escape: (s: unknown) => (RegExp as unknown as { escape(s: string): string }).escape(String(s)),
  }),
);

/** A SafeRegExp for a pattern argument of `match`/`matchAll`/`search`/`replace`/`split` (host regexes are rebuilt). */
export function toSafePattern(p: unknown, flagsIfString?: string): unknown {
  if (p instanceof SafeRegExp) return p;
  if (p instanceof RegExp) return new SafeRegExp(p.source, p.flags);
  if (flagsIfString === undefined) return p;
  return new SafeRegExp(p === undefined ? '(?:)' : String(p), flagsIfString);
}
