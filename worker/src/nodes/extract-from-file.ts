import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { extractFromFileDescription } from '@tandem/shared/nodes';
import { parseCsv } from './file/csv.ts';

function rowsToItems(rows: string[][], header: boolean, includeEmpty: boolean, i: number): Item[] {
  if (!header) return rows.map((row) => ({ json: { row }, pairedItem: { item: i } }));
  const [columns = [], ...data] = rows;
  return data.map((row) => {
    const json: JsonObject = {};
    columns.forEach((c, k) => {
      const v = row[k] ?? '';
      if (v !== '' || includeEmpty) json[c] = v;
    });
    return { json, pairedItem: { item: i } };
  });
}

/**
 * Extract from File v1: reads the binary file in `binaryPropertyName` of each item as CSV (one item per row),
 * JSON, text, HTML, XML, or moves it into a base64 string field (`destinationKey`).
 */
export function executeExtractFromFile(ctx: NodeRunContext): NodeOutput {
  const items = ctx.inputs[0] ?? [];
  const operation = String(ctx.getNodeParameter('operation', 0, 'csv'));
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const opt = <T>(name: string, fallback: T) => ctx.getNodeParameter(`options.${name}`, i, fallback) as T;
    try {
      const prop = String(ctx.getNodeParameter('binaryPropertyName', i, 'data') || 'data');
      const bin = items[i].binary?.[prop];
      if (!bin) throw new NonRetriableError(`The item has no binary field "${prop}"`, { itemIndex: i });
      const buf = Buffer.from(bin.data, 'base64');
      const enc = String(opt('encoding', 'utf8') || 'utf8');
      const text = () => buf.toString((Buffer.isEncoding(enc) ? enc : 'utf8') as BufferEncoding);
      const key = String(ctx.getNodeParameter('destinationKey', i, 'data') || 'data');
      const keep = opt<unknown>('keepSource', false) === true;
      const base = (): Item => ({
        json: keep ? { ...items[i].json } : {},
        ...(keep ? { binary: items[i].binary } : {}),
        pairedItem: { item: i },
      });
      switch (operation) {
        case 'csv': {
          let rows = parseCsv(
            text(),
            String(opt('delimiter', ',') || ','),
            opt<unknown>('relaxQuotes', false) === true,
          );
          const from = Number(opt('fromLine', '') || 0);
          if (from > 0) rows = rows.slice(from - 1);
          let parsed = rowsToItems(
            rows,
            opt<unknown>('headerRow', true) !== false,
            opt<unknown>('includeEmptyCells', false) === true,
            i,
          );
          const max = Number(opt('maxRowCount', '') || 0);
          if (max > 0) parsed = parsed.slice(0, max);
          out.push(...parsed);
          break;
        }
        case 'fromJson': {
          let value: unknown;
          try {
            value = JSON.parse(text());
          } catch (err) {
            throw new NonRetriableError(`The file is not valid JSON: ${(err as Error).message}`, {
              itemIndex: i,
            });
          }
          const item = base();
          item.json[key] = value;
          out.push(item);
          break;
        }
        case 'text':
        case 'html':
        case 'xml': {
          const item = base();
          item.json[key] = text();
          out.push(item);
          break;
        }
        case 'binaryToPropery': {
          const item = base();
          item.json[key] = bin.data;
          out.push(item);
          break;
        }
        default:
          throw new NonRetriableError(`Unknown operation "${operation}"`);
      }
    } catch (err) {
      if (!ctx.continueOnFail) throw err;
      out.push({ json: { error: (err as Error).message }, pairedItem: { item: i } });
    }
  }
  return [out];
}

export const extractFromFileNode: NodeType = {
  description: extractFromFileDescription,
  execute: executeExtractFromFile,
};
