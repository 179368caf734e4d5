/** A piece of an expression text: literal text or a `{{ … }}` block. */
export interface ExprSegment {
  kind: 'text' | 'expr';
  text: string;
  start: number;
  end: number;
  /** false for a `{{` without its closing `}}` (shown as an error). */
  closed: boolean;
}

/**
 * Splits expression text (without the leading `=`) into literal and `{{ }}` segments for highlighting.
 * @example expressionSegments('Hi {{ $json.name }}!').map(s => s.kind) // ['text', 'expr', 'text']
 */
export function expressionSegments(text: string): ExprSegment[] {
  const out: ExprSegment[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      out.push({ kind: 'text', text: text.slice(i), start: i, end: text.length, closed: true });
      break;
    }
    if (open > i) out.push({ kind: 'text', text: text.slice(i, open), start: i, end: open, closed: true });
    const close = text.indexOf('}}', open + 2);
    if (close < 0) {
      out.push({ kind: 'expr', text: text.slice(open), start: open, end: text.length, closed: false });
      break;
    }
    out.push({ kind: 'expr', text: text.slice(open, close + 2), start: open, end: close + 2, closed: true });
    i = close + 2;
  }
  return out;
}

/**
 * Field paths found in sample items' json (for `$json.` autocomplete), breadth-first, at most `limit`.
 * @example jsonFieldPaths([{ json: { a: { b: 1 } } }]) // ['a', 'a.b']
 */
export function jsonFieldPaths(items: unknown[], limit = 200): string[] {
  const out = new Set<string>();
  const queue: [string, unknown, number][] = [];
  for (const it of items.slice(0, 20)) {
    const json = it && typeof it === 'object' && 'json' in it ? (it as { json: unknown }).json : it;
    queue.push(['', json, 0]);
  }
  while (queue.length && out.size < limit) {
    const [prefix, v, depth] = queue.shift()!;
    if (!v || typeof v !== 'object' || Array.isArray(v) || depth > 4) continue;
    for (const [k, child] of Object.entries(v)) {
      const path = /^[A-Za-z_$][\w$]*$/.test(k)
        ? prefix
          ? `${prefix}.${k}`
          : k
        : `${prefix}[${JSON.stringify(k)}]`;
      out.add(path);
      if (out.size >= limit) break;
      queue.push([path, child, depth + 1]);
    }
  }
  return [...out];
}

/**
 * The `$json.` completion context at the caret: the partial path typed so far, or null when the caret is not
 * inside a `{{ }}` right after `$json.`.
 * @example completionContext('{{ $json.us', 11) // { from: 9, partial: 'us' }
 */
export function completionContext(text: string, caret: number): { from: number; partial: string } | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.lastIndexOf('}}') > open) return null;
  const m = /\$json\.([\w$.]*)$/.exec(before);
  if (!m) return null;
  return { from: caret - m[1].length, partial: m[1] };
}

function readPath(root: unknown, path: string): { ok: boolean; value?: unknown } {
  let cur: unknown = root;
  const parts = path.match(/[^.[\]"]+|\["([^"]*)"\]/g) ?? [];
  for (const raw of parts) {
    const key = raw.startsWith('["') ? raw.slice(2, -2) : raw;
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return { ok: false };
    cur = (cur as Record<string, unknown>)[key];
  }
  return { ok: true, value: cur };
}

/**
 * A preview of an expression against one sample item, for simple field references only (`{{ $json.a.b }}`);
 * anything else needs the server-side evaluator and yields null.
 * @example previewExpression('Hi {{ $json.name }}', { name: 'Ada' }) // 'Hi Ada'
 */
export function previewExpression(text: string, json: unknown): string | null {
  let out = '';
  for (const seg of expressionSegments(text)) {
    if (seg.kind === 'text') {
      out += seg.text;
      continue;
    }
    if (!seg.closed) return null;
    const inner = seg.text.slice(2, -2).trim();
    const m = /^\$json((?:\.[A-Za-z_$][\w$]*|\["[^"]*"\])*)$/.exec(inner);
    if (!m) return null;
    const r = readPath(json, m[1].replace(/^\./, ''));
    if (!r.ok) {
      out += '[undefined]';
      continue;
    }
    out += typeof r.value === 'object' && r.value !== null ? JSON.stringify(r.value) : String(r.value);
  }
  return out;
}
