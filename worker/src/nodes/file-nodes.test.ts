import type { Item } from '@tandem/shared/engine';
import { describe, expect, it } from 'vitest';
import { jsonOf, makeNodeContext } from '../test-support/node-context.ts';
import { executeConvertToFile } from './convert-to-file.ts';
import { executeExtractFromFile } from './extract-from-file.ts';
import { parseCsv, toCsv } from './file/csv.ts';

const decode = (item: Item, prop = 'data') =>
  Buffer.from(item.binary?.[prop]?.data ?? '', 'base64').toString('utf8');
const rows = [{ json: { a: 1, b: 'x,y' } }, { json: { a: 2, c: 'say "hi"\nthere' } }];

describe('CSV', () => {
  it('round-trips quoting, newlines and delimiters', () => {
    const csv = toCsv(rows.map((r) => r.json));
    expect(csv).toBe('a,b,c\n1,"x,y",\n2,,"say ""hi""\nthere"');
    expect(parseCsv(csv)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x,y', ''],
      ['2', '', 'say "hi"\nthere'],
    ]);
    expect(parseCsv('\ufeffa;b\r\n1;2\r\n', ';')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(() => parseCsv('a,"b')).toThrow(/not closed/);
    expect(() => parseCsv('a,b"c')).toThrow(/unexpected quote/);
    expect(parseCsv('a,b"c', ',', true)).toEqual([['a', 'b"c']]);
  });
});

describe('Convert to File node', () => {
  const convert = (parameters: Record<string, unknown>, items: unknown[] = rows) =>
    executeConvertToFile(
      makeNodeContext({ parameters: parameters as never, items: items as never }).ctx,
    )[0] ?? [];

  it('writes all items to one CSV file', () => {
    const [file] = convert({ operation: 'csv', options: { fileName: 'out.csv', delimiter: ';' } });
    expect(file.binary?.data).toMatchObject({
      mimeType: 'text/csv',
      fileName: 'out.csv',
      fileExtension: 'csv',
    });
    expect(decode(file)).toBe('a;b;c\n1;x,y;\n2;;"say ""hi""\nthere"');
  });

  it('writes JSON once or per item, and HTML tables escaped', () => {
    expect(JSON.parse(decode(convert({ operation: 'toJson' })[0]))).toEqual(rows.map((r) => r.json));
    const each = convert({ operation: 'toJson', mode: 'each', options: { format: 'formatted' } });
    expect(each).toHaveLength(2);
    expect(decode(each[0])).toBe('{\n  "a": 1,\n  "b": "x,y"\n}');
    const html = decode(convert({ operation: 'html' }, [{ json: { x: '<script>' } }])[0]);
    expect(html).toContain('<td>&lt;script&gt;</td>');
  });

  it('moves text and base64 fields into files', () => {
    const [t] = convert({ operation: 'toText', sourceProperty: 'note', binaryPropertyName: 'file' }, [
      { json: { note: 'hello' } },
    ]);
    expect(decode(t, 'file')).toBe('hello');
    const [b] = convert(
      { operation: 'toBinary', sourceProperty: 'b64', options: { mimeType: 'image/png', fileName: 'p.png' } },
      [{ json: { b64: Buffer.from('PNG').toString('base64') } }],
    );
    expect(b.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'p.png' });
    expect(decode(b)).toBe('PNG');
    expect(() =>
      convert({ operation: 'toBinary', sourceProperty: 'x' }, [{ json: { x: 'not base64!' } }]),
    ).toThrow(/base64/);
    expect(() => convert({ operation: 'toText', sourceProperty: 'missing' }, [{ json: {} }])).toThrow(
      /no field "missing"/,
    );
  });
});

describe('Extract from File node', () => {
  const file = (text: string, prop = 'data'): Item => ({
    json: { src: 1 },
    binary: { [prop]: { data: Buffer.from(text).toString('base64'), mimeType: 'text/plain' } },
  });
  const extract = (parameters: Record<string, unknown>, items: Item[]) =>
    jsonOf(executeExtractFromFile(makeNodeContext({ parameters: parameters as never, items }).ctx));

  const cases: [string, Record<string, unknown>, string, unknown[]][] = [
    [
      'CSV with header',
      { operation: 'csv' },
      'name,age\nann,30\nbob,',
      [{ name: 'ann', age: '30' }, { name: 'bob' }],
    ],
    [
      'CSV keeping empty cells',
      { operation: 'csv', options: { includeEmptyCells: true } },
      'name,age\nbob,',
      [{ name: 'bob', age: '' }],
    ],
    [
      'CSV without header',
      { operation: 'csv', options: { headerRow: false } },
      'a,b\n1,2',
      [{ row: ['a', 'b'] }, { row: ['1', '2'] }],
    ],
    [
      'CSV from line, max rows',
      { operation: 'csv', options: { fromLine: '2', maxRowCount: '1' } },
      'junk\nh\n1\n2',
      [{ h: '1' }],
    ],
    ['JSON', { operation: 'fromJson' }, '{"a":[1,2]}', [{ data: { a: [1, 2] } }]],
    ['text to key', { operation: 'text', destinationKey: 'content' }, 'hello', [{ content: 'hello' }]],
    ['base64', { operation: 'binaryToPropery' }, 'AB', [{ data: Buffer.from('AB').toString('base64') }]],
    ['keep source', { operation: 'text', options: { keepSource: true } }, 'x', [{ src: 1, data: 'x' }]],
  ];
  it.each(cases)('%s', (_name, parameters, text, expected) => {
    expect(extract(parameters, [file(text)])).toEqual(expected);
  });

  it('fails clearly', () => {
    expect(() => extract({ operation: 'fromJson' }, [file('{bad')])).toThrow(/not valid JSON/);
    expect(() => extract({ operation: 'csv', binaryPropertyName: 'nope' }, [file('a')])).toThrow(
      /no binary field "nope"/,
    );
  });
});
