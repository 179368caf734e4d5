import { describe, expect, it } from 'vitest';
import { jsonOf, makeNodeContext } from '../test-support/node-context.ts';
import { executeHtml } from './html.ts';
import { executeXml } from './xml.ts';

const page = `<html><body><h1> Title  </h1><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul><input name="q" value="v"><div id="d"><b>bold</b></div></body></html>`;
const html = (parameters: Record<string, unknown>, items: unknown[] = [{ json: { data: page } }]) =>
  jsonOf(executeHtml(makeNodeContext({ parameters: parameters as never, items: items as never }).ctx));

describe('HTML node', () => {
  it('extracts with CSS selectors', () => {
    const [out] = html({
      operation: 'extractHtmlContent',
      extractionValues: {
        values: [
          { key: 'title', cssSelector: 'h1' },
          { key: 'links', cssSelector: 'a', returnValue: 'attribute', attribute: 'href', returnArray: true },
          { key: 'names', cssSelector: 'li', returnArray: true },
          { key: 'inner', cssSelector: '#d', returnValue: 'html' },
          { key: 'input', cssSelector: 'input', returnValue: 'value' },
        ],
      },
    });
    expect(out).toEqual({
      title: 'Title',
      links: ['/a', '/b'],
      names: ['A', 'B'],
      inner: '<b>bold</b>',
      input: 'v',
    });
  });

  it('extracts from a binary file and reports bad selectors', () => {
    const items = [
      { json: {}, binary: { page: { data: Buffer.from(page).toString('base64'), mimeType: 'text/html' } } },
    ];
    expect(
      html(
        {
          operation: 'extractHtmlContent',
          sourceData: 'binary',
          dataPropertyName: 'page',
          extractionValues: { values: [{ key: 't', cssSelector: 'h1' }] },
        },
        items,
      ),
    ).toEqual([{ t: 'Title' }]);
    expect(() =>
      html({
        operation: 'extractHtmlContent',
        extractionValues: { values: [{ key: 't', cssSelector: '((' }] },
      }),
    ).toThrow(/Invalid CSS selector/);
  });

  it('renders templates per item and tables over all items', () => {
    expect(
      html({ operation: 'generateHtmlTemplate', html: '=<p>{{ $json.name }}</p>' }, [
        { json: { name: 'ann' } },
      ]),
    ).toEqual([{ html: '<p>ann</p>' }]);
    expect(
      html({ operation: 'generateHtmlTemplate', html: '<p>{{ $json.name }}</p>' }, [
        { json: { name: 'a' } },
        { json: { name: 'b' } },
      ]),
    ).toEqual([{ html: '<p>a</p>' }, { html: '<p>b</p>' }]);
    const [t] = html(
      {
        operation: 'convertToHtmlTable',
        options: {
          caption: 'People',
          capitalize: true,
          tableAttributes: 'class="t"',
          cellAttributes: 'onclick="x()"',
        },
      },
      [{ json: { name: '<b>' } }, { json: { name: 'bob', age: 3 } }],
    );
    expect(t).toEqual({
      table:
        '<table class="t"><caption>People</caption><thead><tr><th>Name</th><th>Age</th></tr></thead><tbody><tr><td>&lt;b&gt;</td><td></td></tr><tr><td>bob</td><td>3</td></tr></tbody></table>',
    });
  });
});

describe('XML node', () => {
  const xml = (parameters: Record<string, unknown>, json: Record<string, unknown>) =>
    jsonOf(
      executeXml(makeNodeContext({ parameters: parameters as never, items: [{ json: json as never }] }).ctx),
    )[0];

  it('converts XML to JSON like xml2js (merged attributes, strings)', () => {
    const doc =
      '<?xml version="1.0"?><order id="7"><item sku="a">2</item><item sku="b">3</item><note>hi</note></order>';
    expect(xml({ mode: 'xmlToJson' }, { data: doc })).toEqual({
      order: {
        id: '7',
        item: [
          { sku: 'a', _: '2' },
          { sku: 'b', _: '3' },
        ],
        note: 'hi',
      },
    });
    expect(
      xml({ mode: 'xmlToJson', options: { mergeAttrs: false, explicitRoot: false } }, { data: doc }),
    ).toEqual({
      $: { id: '7' },
      item: [
        { $: { sku: 'a' }, _: '2' },
        { $: { sku: 'b' }, _: '3' },
      ],
      note: 'hi',
    });
    expect(
      xml(
        { mode: 'xmlToJson', options: { explicitArray: true, ignoreAttrs: true } },
        { data: '<r><n>1</n></r>' },
      ),
    ).toEqual({ r: [{ n: ['1'] }] });
  });

  it('converts JSON to XML', () => {
    expect(
      xml({ mode: 'jsonToxml', options: { headless: true } }, { order: { $: { id: '7' }, note: 'a & b' } }),
    ).toEqual({ data: '<order id="7">\n  <note>a &amp; b</note>\n</order>' });
    const wrapped = xml(
      { mode: 'jsonToxml', dataPropertyName: 'x', options: { rootName: 'doc' } },
      { a: 1, b: 2 },
    ) as { x: string };
    expect(wrapped.x).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<doc>\n  <a>1</a>\n  <b>2</b>\n</doc>',
    );
  });

  it('rejects invalid XML clearly', () => {
    expect(() => xml({ mode: 'xmlToJson' }, { data: '<a><b></a>' })).toThrow(/Invalid XML/);
    expect(() => xml({ mode: 'xmlToJson' }, { data: 5 })).toThrow(/does not hold XML/);
  });
});
