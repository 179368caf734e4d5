/**
 * A "safe-regex" style check run on every pattern an expression compiles. V8's backtracking engine needs
 * exponential time for some patterns (`(a+)+$` on 'aaaa…!'), and native regex work is invisible to the
 * interpreter's step budget, so a single `.test()` could block the worker's event loop for hours. Refused:
 * - a repeated group holding a variable-length quantifier (star height > 1: `(a+)+`, `(a*b?)*`, `(.*a){20}`),
 * - bounded nestings whose combinations explode (`(a{1,30}){1,30}`),
 * - a backreference inside a repeated group (`((a)\2)+`),
 * - a repeated alternation whose branches can start alike or match nothing (`(a|ab)+`, `(a|)+`, `(.|x)*`).
 * Polynomial cases (`\d+\d+$`) remain possible; the subject length cap bounds them.
 */

const MAX_COMBINATIONS = 10_000;
/** Starting atoms that overlap almost anything: a repeated alternation starting with one is ambiguous. */
const BROAD = new Set(['.', '\\S', '\\W', '\\D', '[^']);

interface Frame {
  variable: boolean;
  unbounded: boolean;
  combinations: number;
  backref: boolean;
  firsts: string[];
  current: string | null;
  ambiguous: boolean;
}

const frame = (): Frame => ({
  variable: false,
  unbounded: false,
  combinations: 1,
  backref: false,
  firsts: [],
  current: null,
  ambiguous: false,
});

/** What the last atom was, so that a following quantifier knows what it repeats. */
interface Atom {
  inner: Frame | null;
  backref: boolean;
}

export class UnsafeRegexError extends Error {
  override name = 'UnsafeRegexError';
}

function refuse(source: string, why: string): never {
  throw new UnsafeRegexError(
    `Regular expression /${source.length > 60 ? `${source.slice(0, 60)}…` : source}/ is not allowed in expressions: ${why} can backtrack catastrophically (safe-regex limit); rewrite it without that nesting`,
  );
}

/** Reads a quantifier at `i`; returns its bounds and the index after it, or null when there is none. */
function readQuantifier(src: string, i: number): { min: number; max: number; end: number } | null {
  const c = src[i];
  let q: { min: number; max: number; end: number } | null = null;
  if (c === '*') q = { min: 0, max: Infinity, end: i + 1 };
  else if (c === '+') q = { min: 1, max: Infinity, end: i + 1 };
  else if (c === '?') q = { min: 0, max: 1, end: i + 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 24));
    if (m) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      q = { min, max, end: i + m[0].length };
    }
  }
  if (q && src[q.end] === '?') q.end++;
  return q;
}

/** Skips a character class starting at `i` (`[`); nested classes for the `v` flag. Returns the index after it. */
function skipClass(src: string, i: number): number {
  let depth = 0;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i + 1;
  }
  return i;
}

/** Reads one escape at `i` (`\…`); returns its key and the index after it. */
function readEscape(src: string, i: number): { key: string; end: number; backref: boolean } {
  const rest = src.slice(i, i + 16);
  const ref = /^\\([1-9]\d*|k<[^>]*>)/.exec(rest);
  if (ref) return { key: ref[0], end: i + ref[0].length, backref: true };
  const long = /^\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[pP]\{[^}]*\})/.exec(rest);
  if (long) return { key: long[0], end: i + long[0].length, backref: false };
  return { key: src.slice(i, i + 2), end: i + 2, backref: false };
}

function closeBranch(f: Frame): void {
  f.firsts.push(f.current ?? '');
}

function isAmbiguous(firsts: string[]): boolean {
  if (firsts.length < 2) return false;
  const seen = new Set<string>();
  for (const k of firsts) {
    if (k === '' || BROAD.has(k) || seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

/**
 * Throws an UnsafeRegexError when `source` has a shape that can backtrack exponentially.
 * @example checkRegexSafety('(a+)+$') // throws; checkRegexSafety('^[a-z]+\\d*$') // fine
 */
export function checkRegexSafety(source: string): void {
  const stack: Frame[] = [frame()];
  let last: Atom | null = null;
  let i = 0;
  while (i < source.length) {
    const top = stack[stack.length - 1];
    const c = source[i];
    const q = last ? readQuantifier(source, i) : null;
    if (q && last) {
      const span = q.max - q.min + 1;
      const inner = last.inner;
      if (q.max > 1 && inner) {
        if (q.max === Infinity && inner.variable) refuse(source, 'a repeated group holding a quantifier');
        if (inner.unbounded) refuse(source, 'an unbounded quantifier inside a repeated group');
        if (inner.combinations ** Math.min(q.max, 64) > MAX_COMBINATIONS)
          refuse(source, 'nested bounded quantifiers');
        if (inner.backref) refuse(source, 'a backreference inside a repeated group');
        if (inner.ambiguous && q.max > 10) refuse(source, 'a repeated alternation with overlapping branches');
      }
      if (q.min !== q.max) top.variable = true;
      if (q.max === Infinity) top.unbounded = true;
      top.combinations = Math.min(1e9, top.combinations * (Number.isFinite(span) ? span : 1e9));
      last = null;
      i = q.end;
      continue;
    }
    if (c === '(') {
      if (top.current === null) top.current = `(${i}`;
      stack.push(frame());
      const m = /^\(\?(?:[:=!]|<[=!]|<[^>]*>|[a-z]*-?[a-z]*:)?/.exec(source.slice(i, i + 40));
      i += m ? Math.max(1, m[0].length) : 1;
      last = null;
      continue;
    }
    if (c === ')' && stack.length > 1) {
      const inner = stack.pop()!;
      closeBranch(inner);
      inner.ambiguous = isAmbiguous(inner.firsts);
      const parent = stack[stack.length - 1];
      parent.variable ||= inner.variable;
      parent.unbounded ||= inner.unbounded;
      parent.backref ||= inner.backref;
      parent.combinations = Math.min(1e9, parent.combinations * inner.combinations);
      last = { inner, backref: false };
      i++;
      continue;
    }
    if (c === '|') {
      closeBranch(top);
      top.current = null;
      last = null;
      i++;
      continue;
    }
    let key: string;
    let end: number;
    let backref = false;
    if (c === '\\') {
      const esc = readEscape(source, i);
      key = esc.key;
      end = esc.end;
      backref = esc.backref;
    } else if (c === '[') {
      end = skipClass(source, i);
      key = source[i + 1] === '^' ? '[^' : source.slice(i, end);
    } else {
      key = c;
      end = i + 1;
    }
    if (backref) top.backref = true;
    if (c === '^' || c === '$' || key === '\\b' || key === '\\B') last = null;
    else {
      if (top.current === null) top.current = key;
      last = { inner: null, backref };
    }
    i = end;
  }
}
