import type {
  BinaryData,
  Item,
  JsonObject,
  NodeOutput,
  NodeRunContext,
  NodeType,
} from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { convertToFileDescription } from '@tandem/shared/nodes';
import { toCsv } from './file/csv.ts';
import { htmlTable } from './file/html-table.ts';

function file(content: Buffer, mimeType: string, fileName: string): BinaryData {
  const ext = fileName.includes('.') ? fileName.split('.').pop() : undefined;
  return {
    data: content.toString('base64'),
    mimeType,
    fileName,
    fileExtension: ext,
    fileSize: `${content.length} B`,
  };
}

function encode(text: string, encoding: string, bom: boolean): Buffer {
  const enc = (Buffer.isEncoding(encoding) ? encoding : 'utf8') as BufferEncoding;
  const buf = Buffer.from(text, enc);
  return bom && enc === 'utf8' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]) : buf;
}

function getField(json: JsonObject, path: string): unknown {
  let cur: unknown = json;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as JsonObject)[part];
  }
  return cur;
}

/**
 * Convert to File v1.1: items → one CSV / HTML / JSON file, or per item a JSON or text file, or a base64
 * string moved into a binary file. The file lands in `binaryPropertyName` (default `data`).
 */
export function executeConvertToFile(ctx: NodeRunContext): NodeOutput {
  const items = ctx.inputs[0] ?? [];
  const operation = String(ctx.getNodeParameter('operation', 0, 'csv'));
  const prop = String(ctx.getNodeParameter('binaryPropertyName', 0, 'data') || 'data');
  const opt = <T>(name: string, fallback: T, i = 0) =>
    ctx.getNodeParameter(`options.${name}`, i, fallback) as T;
  const encoding = String(opt('encoding', 'utf8') || 'utf8');
  const bom = opt<unknown>('addBOM', false) === true;
  const name = (fallback: string, i = 0) => String(opt('fileName', '', i) || fallback);
  const one = (binary: BinaryData): NodeOutput => [
    [{ json: {}, binary: { [prop]: binary }, pairedItem: items.map((_, i) => ({ item: i })) }],
  ];
  switch (operation) {
    case 'csv': {
      const text = toCsv(
        items.map((i) => i.json),
        String(opt('delimiter', ',') || ','),
        opt<unknown>('headerRow', true) !== false,
      );
      return one(file(encode(text, encoding, bom), 'text/csv', name('data.csv')));
    }
    case 'html':
      return one(
        file(encode(htmlTable(items.map((i) => i.json)), encoding, bom), 'text/html', name('data.html')),
      );
    case 'toJson': {
      const indent = opt<unknown>('format', 'compact') === 'formatted' ? 2 : undefined;
      if (ctx.getNodeParameter('mode', 0, 'once') === 'each') {
        return [
          items.map((item, i) => ({
            json: {},
            binary: {
              [prop]: file(
                encode(JSON.stringify(item.json, null, indent), encoding, bom),
                'application/json',
                name('data.json', i),
              ),
            },
            pairedItem: { item: i },
          })),
        ];
      }
      const text = JSON.stringify(
        items.map((i) => i.json),
        null,
        indent,
      );
      return one(file(encode(text, encoding, bom), 'application/json', name('data.json')));
    }
    case 'toText':
    case 'toBinary': {
      const out: Item[] = items.map((item, i) => {
        const source = String(ctx.getNodeParameter('sourceProperty', i, '') || '');
        const value = getField(item.json, source);
        if (value === undefined)
          throw new NonRetriableError(`The item has no field "${source}"`, { itemIndex: i });
        if (operation === 'toText') {
          const text = typeof value === 'string' ? value : JSON.stringify(value);
          return {
            json: {},
            binary: { [prop]: file(encode(text, encoding, bom), 'text/plain', name('data.txt', i)) },
            pairedItem: { item: i },
          };
        }
        if (typeof value !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(value)) {
          throw new NonRetriableError(`Field "${source}" does not hold a base64 string`, { itemIndex: i });
        }
        const mimeType = String(opt('mimeType', '', i) || 'application/octet-stream');
        return {
          json: {},
          binary: { [prop]: file(Buffer.from(value, 'base64'), mimeType, name('file', i)) },
          pairedItem: { item: i },
        };
      });
      return [out];
    }
    default:
      throw new NonRetriableError(`Unknown operation "${operation}"`);
  }
}

export const convertToFileNode: NodeType = {
  description: convertToFileDescription,
  execute: executeConvertToFile,
};
