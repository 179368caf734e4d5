/** The parts of htmlparser2's DOM nodes this file touches. */
interface DomNode {
  type: string;
  name: string;
  attribs: Record<string, string>;
  children: DomNode[];
}

export const MAX_SVG_CHARS = 20_000;

const ELEMENTS = new Set([
  'svg',
  'g',
  'path',
  'circle',
  'ellipse',
  'rect',
  'line',
  'polyline',
  'polygon',
  'defs',
  'lineargradient',
  'radialgradient',
  'stop',
  'clippath',
  'mask',
  'title',
  'desc',
  'symbol',
  'use',
  'text',
  'tspan',
]);

const ATTRIBUTES = new Set([
  'xmlns',
  'viewbox',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'd',
  'points',
  'fill',
  'fill-opacity',
  'fill-rule',
  'clip-rule',
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-miterlimit',
  'opacity',
  'transform',
  'id',
  'offset',
  'stop-color',
  'stop-opacity',
  'gradientunits',
  'gradienttransform',
  'clip-path',
  'mask',
  'href',
  'xlink:href',
  'xmlns:xlink',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'preserveaspectratio',
  'role',
  'aria-label',
  'fx',
  'fy',
  'spreadmethod',
  'patternunits',
  'version',
]);

/** Values may only point inside the document (`#id`, `url(#id)`); anything else could load or run something. */
function safeValue(name: string, value: string): boolean {
  // Browsers ignore whitespace and control characters inside schemes ("java\tscript:"), so compare without them.
  const v = [...value]
    .filter((ch) => ch.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase();
  if (name === 'href' || name === 'xlink:href') return v.startsWith('#');
  if (v.includes('javascript:') || v.includes('data:') || v.includes('expression(')) return false;
  const urls = v.match(/url\(([^)]*)\)/g) ?? [];
  return urls.every((u) => /^url\(['"]?#/.test(u));
}

/**
 * Sanitise an SVG icon: allow-listed shape elements and presentation attributes only; scripts, event handlers,
 * styles, foreignObject, external references and comments are removed. Throws when there is no `<svg>` root.
 * @example await sanitizeSvg('<svg onload="x()"><script>x()</script><path d="M0 0"/></svg>') // '<svg><path d="M0 0"/></svg>'
 */
export async function sanitizeSvg(input: string): Promise<string> {
  if (typeof input !== 'string' || input.length > MAX_SVG_CHARS)
    throw new Error('The SVG is missing or too large');
  // cheerio (~35 MiB with its parsers) is loaded on first use, not at start.
  const { load } = await import('cheerio');
  const $ = load(input, { xml: { xmlMode: true, recognizeCDATA: false } });
  const roots = ($.root().contents().toArray() as unknown as DomNode[]).filter((n) => n.type === 'tag');
  if (roots.length !== 1 || roots[0].name.toLowerCase() !== 'svg')
    throw new Error('The answer is not a single <svg> element');
  const clean = (node: DomNode): void => {
    if (node.type !== 'tag') return;
    for (const name of Object.keys(node.attribs)) {
      const lower = name.toLowerCase();
      if (!ATTRIBUTES.has(lower) || lower.startsWith('on') || !safeValue(lower, node.attribs[name]))
        delete node.attribs[name];
    }
    // The serializer only walks `children`, so dropping entries removes them from the output.
    node.children = node.children.filter(
      (child) => child.type === 'text' || (child.type === 'tag' && ELEMENTS.has(child.name.toLowerCase())),
    );
    for (const child of node.children) clean(child);
  };
  clean(roots[0]);
  roots[0].attribs.xmlns = 'http://www.w3.org/2000/svg';
  return $.xml(roots[0] as never);
}
