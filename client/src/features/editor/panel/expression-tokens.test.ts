import { describe, expect, it } from 'vitest';
import {
  completionContext,
  expressionSegments,
  jsonFieldPaths,
  previewExpression,
} from './expression-tokens.ts';

describe('expressionSegments', () => {
  it('splits literal text and {{ }} blocks with positions', () => {
    const segs = expressionSegments('Hi {{ $json.name }}!');
    expect(segs.map((s) => [s.kind, s.text, s.start, s.end])).toEqual([
      ['text', 'Hi ', 0, 3],
      ['expr', '{{ $json.name }}', 3, 19],
      ['text', '!', 19, 20],
    ]);
  });

  it('marks an unclosed block and keeps everything after it in it', () => {
    const segs = expressionSegments('a {{ $json.x ');
    expect(segs.at(-1)).toMatchObject({ kind: 'expr', closed: false, text: '{{ $json.x ' });
  });

  it('handles adjacent blocks, empty text and no blocks', () => {
    expect(expressionSegments('{{1}}{{2}}').map((s) => s.text)).toEqual(['{{1}}', '{{2}}']);
    expect(expressionSegments('')).toEqual([]);
    expect(expressionSegments('plain')).toEqual([
      { kind: 'text', text: 'plain', start: 0, end: 5, closed: true },
    ]);
  });

  it('covers the whole input without gaps for arbitrary text', () => {
    for (const t of ['}} {{', '{{{{ }}}}', 'x}}y', '{{a}}b{{', '{ {x} }']) {
      const segs = expressionSegments(t);
      expect(segs.map((s) => s.text).join('')).toBe(t);
      for (let i = 1; i < segs.length; i++) expect(segs[i].start).toBe(segs[i - 1].end);
    }
  });
});

describe('completion', () => {
  it('finds the $json path being typed inside a block', () => {
    expect(completionContext('{{ $json.us', 11)).toEqual({ from: 9, partial: 'us' });
    expect(completionContext('{{ $json.', 9)).toEqual({ from: 9, partial: '' });
    expect(completionContext('{{ $json.a.b', 12)).toEqual({ from: 9, partial: 'a.b' });
  });

  it('offers nothing outside a block or after other tokens', () => {
    expect(completionContext('$json.a', 7)).toBeNull();
    expect(completionContext('{{ $json.a }} $json.', 20)).toBeNull();
    expect(completionContext('{{ $now', 7)).toBeNull();
  });

  it('collects field paths from sample items, nested and quoted', () => {
    const paths = jsonFieldPaths([
      { json: { user: { name: 'a', 'first name': 'b' }, id: 1 } },
      { json: { extra: true } },
    ]);
    expect(paths).toEqual(expect.arrayContaining(['user', 'id', 'extra', 'user.name', 'user["first name"]']));
  });

  it('tolerates junk items and limits the number of paths', () => {
    expect(jsonFieldPaths([null, 3, 'x', { json: null }])).toEqual([]);
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(jsonFieldPaths([{ json: wide }], 50)).toHaveLength(50);
  });
});

describe('previewExpression', () => {
  it('resolves simple $json references against the sample item', () => {
    expect(previewExpression('Hi {{ $json.name }}!', { name: 'Ada' })).toBe('Hi Ada!');
    expect(previewExpression('{{ $json.a.b }}', { a: { b: 2 } })).toBe('2');
    expect(previewExpression('{{ $json["x y"] }}', { 'x y': 'ok' })).toBe('ok');
    expect(previewExpression('{{ $json.o }}', { o: { k: 1 } })).toBe('{"k":1}');
  });

  it('marks missing fields and keeps the rest of the text', () => {
    expect(previewExpression('{{ $json.nope }} tail', {})).toBe('[undefined] tail');
  });

  it('gives up (null) on anything it cannot evaluate safely', () => {
    expect(previewExpression('{{ $json.a + 1 }}', { a: 1 })).toBeNull();
    expect(previewExpression('{{ $json.a', { a: 1 })).toBeNull();
    expect(previewExpression('{{ constructor.constructor("x")() }}', {})).toBeNull();
  });

  it('does not walk into prototypes', () => {
    expect(previewExpression('{{ $json.__proto__ }}', {})).toBe('[undefined]');
    expect(previewExpression('{{ $json.toString }}', {})).toBe('[undefined]');
  });
});
