import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { htmlDescription } from '@tandem/shared/nodes';
import { type CheerioAPI, load } from 'cheerio';
import { htmlTable } from './file/html-table.ts';

interface Extraction {
  key?: string;
  cssSelector?: string;
  returnValue?: 'attribute' | 'html' | 'text' | 'value';
  attribute?: string;
  returnArray?: boolean;
}

function clean(text: string, trim: boolean, cleanUp: boolean): string {
  let t = text;
  if (cleanUp)
    t = t
      .replace(/[ \t\f\v]+/g, ' ')
      .replace(/\s*\n\s*/g, '\n')
      .replace(/\n{2,}/g, '\n');
  return trim || cleanUp ? t.trim() : t;
}

function extract($: CheerioAPI, e: Extraction, trim: boolean, cleanUp: boolean, i: number): unknown {
  if (!e.cssSelector)
    throw new NonRetriableError(`Extraction "${e.key ?? ''}" has no CSS selector`, { itemIndex: i });
  let nodes: ReturnType<CheerioAPI>;
  try {
    nodes = $(e.cssSelector);
  } catch (err) {
    throw new NonRetriableError(`Invalid CSS selector "${e.cssSelector}": ${(err as Error).message}`, {
      itemIndex: i,
    });
  }
  const read = (el: Parameters<CheerioAPI>[0]): string | undefined => {
    const node = $(el);
    switch (e.returnValue ?? 'text') {
      case 'attribute':
        return node.attr(e.attribute ?? '');
      case 'html':
        return node.html() ?? undefined;
      case 'value':
        return node.val() as string | undefined;
      default:
        return clean(node.text(), trim, cleanUp);
    }
  };
  const values = nodes.toArray().map(read);
  if (e.returnArray) return values.filter((v) => v !== undefined);
  return values[0] ?? undefined;
}

/**
 * HTML v1.2: extract content with CSS selectors (cheerio) from a json field or a binary file, render an HTML
 * template (already resolved per item by the expression engine), or turn all items into an HTML table.
 */
export function executeHtml(ctx: NodeRunContext): NodeOutput {
  const items = ctx.inputs[0] ?? [];
  const operation = String(ctx.getNodeParameter('operation', 0, 'generateHtmlTemplate'));
  if (operation === 'convertToHtmlTable') {
    const o = (ctx.getNodeParameter('options', 0, {}) ?? {}) as JsonObject;
    const table = htmlTable(
      items.map((i) => i.json),
      {
        caption: typeof o.caption === 'string' ? o.caption : undefined,
        capitalize: o.capitalize === true,
        tableAttributes: o.tableAttributes as string | undefined,
        headerAttributes: o.headerAttributes as string | undefined,
        rowAttributes: o.rowAttributes as string | undefined,
        cellAttributes: o.cellAttributes as string | undefined,
      },
    );
    return [[{ json: { table }, pairedItem: items.map((_, i) => ({ item: i })) }]];
  }
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      if (operation === 'generateHtmlTemplate') {
        // n8n's template is not marked as an expression (no leading "="), yet its {{ }} are resolved per item.
        const raw = ctx.rawParameters.html;
        const value =
          typeof raw === 'string' && !raw.startsWith('=') && raw.includes('{{')
            ? ctx.evaluateExpression(`=${raw}`, i)
            : ctx.getNodeParameter('html', i, '');
        out.push({
          json: { html: String(value ?? '') },
          pairedItem: { item: i },
        });
        continue;
      }
      if (operation !== 'extractHtmlContent') throw new NonRetriableError(`Unknown operation "${operation}"`);
      const prop = String(ctx.getNodeParameter('dataPropertyName', i, 'data') || 'data');
      let source: unknown;
      if (ctx.getNodeParameter('sourceData', i, 'json') === 'binary') {
        const bin = items[i].binary?.[prop];
        if (!bin) throw new NonRetriableError(`The item has no binary field "${prop}"`, { itemIndex: i });
        source = Buffer.from(bin.data, 'base64').toString('utf8');
      } else source = items[i].json[prop];
      if (typeof source !== 'string')
        throw new NonRetriableError(`Field "${prop}" does not hold HTML text`, { itemIndex: i });
      const $ = load(source);
      const trim = ctx.getNodeParameter('options.trimValues', i, true) !== false;
      const cleanUp = ctx.getNodeParameter('options.cleanUpText', i, true) !== false;
      const json: JsonObject = {};
      for (const e of (ctx.getNodeParameter('extractionValues.values', i, []) ?? []) as Extraction[]) {
        if (!e?.key) continue;
        json[e.key] = extract($, e, trim, cleanUp, i);
      }
      out.push({ json, pairedItem: { item: i } });
    } catch (err) {
      if (!ctx.continueOnFail) throw err;
      out.push({ json: { error: (err as Error).message }, pairedItem: { item: i } });
    }
  }
  return [out];
}

export const htmlNode: NodeType = { description: htmlDescription, execute: executeHtml };
