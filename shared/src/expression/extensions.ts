import { DateTime } from 'luxon';
import { setExtensionResolver } from './runtime.ts';

/**
 * A subset of n8n's data-type extensions, reachable as methods when the value has no own property of that
 * name: `'a b'.toTitleCase()`, `[1, 2].sum()`, `(3.14159).round(2)`, `{}.isEmpty()`.
 */

type Ext = (self: any, ...args: any[]) => unknown;

const common: Record<string, Ext> = {
  isEmpty: (s) => (Array.isArray(s) || typeof s === 'string' ? s.length === 0 : Object.keys(s).length === 0),
  isNotEmpty: (s) => !common.isEmpty(s),
  toJsonString: (s) => JSON.stringify(s),
};

/**
 * The first `local@domain.tld` in a text, like /[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/ but in linear time: that regex
 * needs quadratic time on a long run of letters (every start position scans to its end), a hang on big texts.
 */
function extractEmail(s: string): string | undefined {
  for (const token of s.split(/[\s<>]+/)) {
    if (!token.includes('@')) continue;
    const parts = token.split('@');
    for (let j = 0; j < parts.length - 1; j++) {
      const local = parts[j];
      const domain = parts[j + 1];
      if (local && domain.lastIndexOf('.', domain.length - 2) >= 1) return `${local}@${domain}`;
    }
  }
  return undefined;
}

const strings: Record<string, Ext> = {
  toNumber: (s: string) => Number(s),
  toInt: (s: string) => Number.parseInt(s, 10),
  toFloat: (s: string) => Number.parseFloat(s),
  toBoolean: (s: string) => !['false', '0', 'no', 'n', 'off', ''].includes(s.trim().toLowerCase()),
  toDateTime: (s: string) => DateTime.fromISO(s),
  toTitleCase: (s: string) => s.replace(/\w\S*/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()),
  toSentenceCase: (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  toSnakeCase: (s: string) =>
    s
      .trim()
      .replace(/[\s-]+/g, '_')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toLowerCase(),
  // 320: the longest possible address; the cap keeps the backtracking over dots short
  isEmail: (s: string) => s.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
  isUrl: (s: string) => /^https?:\/\/\S+$/.test(s),
  isNumeric: (s: string) => s.trim() !== '' && !Number.isNaN(Number(s)),
  extractDomain: (s: string) => {
    const m = /@([^\s@]+)$/.exec(s);
    if (m) return m[1];
    try {
      return new URL(s).hostname;
    } catch {
      return undefined;
    }
  },
  extractEmail,
  removeMarkdown: (s: string) => s.replace(/[*_`#>~]/g, ''),
  hash: () => {
    throw new Error('hash() is not available in expressions; use the Crypto node');
  },
};

const numbers: Record<string, Ext> = {
  round: (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d,
  floor: (n: number) => Math.floor(n),
  ceil: (n: number) => Math.ceil(n),
  abs: (n: number) => Math.abs(n),
  isEven: (n: number) => n % 2 === 0,
  isOdd: (n: number) => Math.abs(n % 2) === 1,
  toBoolean: (n: number) => n !== 0,
  format: (n: number, locale?: string, opts?: Intl.NumberFormatOptions) => n.toLocaleString(locale, opts),
};

const arrays: Record<string, Ext> = {
  first: (a: unknown[]) => a[0],
  last: (a: unknown[]) => a[a.length - 1],
  sum: (a: unknown[]) => a.reduce((s: number, x) => s + Number(x), 0),
  max: (a: number[]) => Math.max(...a),
  min: (a: number[]) => Math.min(...a),
  average: (a: unknown[]) => (a.length ? (arrays.sum(a) as number) / a.length : 0),
  unique: (a: unknown[]) =>
    [...new Set(a.map((x) => (typeof x === 'object' ? JSON.stringify(x) : x)))].map((x, i) =>
      typeof a[i] === 'object' && typeof x === 'string' ? JSON.parse(x) : x,
    ),
  compact: (a: unknown[]) => a.filter((x) => x !== null && x !== undefined && x !== ''),
  chunk: (a: unknown[], size: number) => {
    const out: unknown[][] = [];
    for (let i = 0; i < a.length; i += Math.max(1, size)) out.push(a.slice(i, i + Math.max(1, size)));
    return out;
  },
  pluck: (a: Record<string, unknown>[], ...keys: string[]) =>
    a.map((o) => (keys.length === 1 ? o?.[keys[0]] : Object.fromEntries(keys.map((k) => [k, o?.[k]])))),
  randomItem: (a: unknown[]) => a[Math.floor(Math.random() * a.length)],
};

const objects: Record<string, Ext> = {
  keys: (o: object) => Object.keys(o),
  values: (o: object) => Object.values(o),
  hasField: (o: object, k: string) => Object.hasOwn(o, k),
  compact: (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '')),
};

setExtensionResolver((value, name) => {
  let table: Record<string, Ext> | undefined;
  if (typeof value === 'string') table = strings;
  else if (typeof value === 'number') table = numbers;
  else if (Array.isArray(value)) table = arrays;
  else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    table = objects;
  }
  if (!table) return undefined;
  return Object.hasOwn(table, name) ? table[name] : Object.hasOwn(common, name) ? common[name] : undefined;
});
