import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { xmlDescription } from '@tandem/shared/nodes';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

interface XmlOptions {
  explicitArray?: boolean;
  explicitRoot?: boolean;
  ignoreAttrs?: boolean;
  mergeAttrs?: boolean;
  normalize?: boolean;
  trim?: boolean;
  attrkey?: string;
  charkey?: string;
  rootName?: string;
  headless?: boolean;
  cdata?: boolean;
}

/** XML → JSON with xml2js-like results (n8n uses xml2js): strings kept as strings, attributes merged or under `$`. */
export function xmlToJson(xml: string, o: XmlOptions): JsonObject {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new NonRetriableError(`Invalid XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: o.ignoreAttrs === true,
    attributeNamePrefix: '',
    ...(o.mergeAttrs === false ? { attributesGroupName: o.attrkey ?? '$' } : {}),
    textNodeName: o.charkey ?? '_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: o.trim === true || o.normalize === true,
    ...(o.explicitArray === true
      ? { isArray: (_n: string, _p: unknown, _l: unknown, isAttribute: boolean) => !isAttribute }
      : {}),
    processEntities: true,
    htmlEntities: false,
  });
  const parsed = parser.parse(xml) as JsonObject;
  delete parsed['?xml'];
  if (o.normalize === true) normalize(parsed);
  if (o.explicitRoot === false) {
    const keys = Object.keys(parsed);
    if (keys.length === 1 && parsed[keys[0]] && typeof parsed[keys[0]] === 'object') {
      const root = parsed[keys[0]];
      return (Array.isArray(root) ? root[0] : root) as JsonObject;
    }
  }
  return parsed;
}

function normalize(v: unknown): void {
  if (!v || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v as JsonObject)) {
    if (typeof x === 'string') (v as JsonObject)[k] = x.replace(/\s+/g, ' ').trim();
    else normalize(x);
  }
}

/** JSON → XML like xml2js' Builder: one top-level key is the root, else wrapped in `rootName`. */
export function jsonToXml(json: JsonObject, o: XmlOptions): string {
  const keys = Object.keys(json);
  const body = keys.length === 1 && !Array.isArray(json[keys[0]]) ? json : { [o.rootName || 'root']: json };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    attributesGroupName: o.attrkey ?? '$',
    textNodeName: o.charkey ?? '_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    ...(o.cdata ? { cdataPropName: '__cdata' } : {}),
  });
  const xml = String(builder.build(body)).trim();
  return o.headless ? xml : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`;
}

/** XML v1: converts the XML text in `dataPropertyName` to JSON, or an item's JSON to XML text in that field. */
export function executeXml(ctx: NodeRunContext): NodeOutput {
  const items = ctx.inputs[0] ?? [];
  const mode = String(ctx.getNodeParameter('mode', 0, 'xmlToJson'));
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      const prop = String(ctx.getNodeParameter('dataPropertyName', i, 'data') || 'data');
      const options = (ctx.getNodeParameter('options', i, {}) ?? {}) as XmlOptions;
      if (mode === 'xmlToJson') {
        const xml = items[i].json[prop];
        if (typeof xml !== 'string')
          throw new NonRetriableError(`Field "${prop}" does not hold XML text`, { itemIndex: i });
        out.push({ json: xmlToJson(xml, { mergeAttrs: true, ...options }), pairedItem: { item: i } });
      } else if (mode === 'jsonToxml') {
        out.push({ json: { [prop]: jsonToXml(items[i].json, options) }, pairedItem: { item: i } });
      } else throw new NonRetriableError(`Unknown mode "${mode}"`);
    } catch (err) {
      if (!ctx.continueOnFail) throw err;
      out.push({ json: { error: (err as Error).message }, pairedItem: { item: i } });
    }
  }
  return [out];
}

export const xmlNode: NodeType = { description: xmlDescription, execute: executeXml };
