/** One place where an expression or code references a node by name. */
export type NameReference = { index: number; length: number; replacement: string };

const IDENT = /^[A-Za-z_$][\w$]*$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeForQuote(s: string, quote: string): string {
  return s.replace(/\\/g, '\\\\').replaceAll(quote, `\\${quote}`);
}

/**
 * Finds references to node `oldName` in an expression or code text and what each must become for `newName`:
 * `$('Old')`, `$("Old")`, `` $(`Old`) ``, `$node["Old"]`, `$node['Old']`, `$node.Old`, `$items("Old")`.
 * Returned positions are in ascending order and do not overlap; apply them from last to first.
 * @example findNameReferences("={{ $('A').item.json.x }}", 'A', 'B') // [{ index: 7, length: 1, replacement: 'B' }]
 */
export function findNameReferences(text: string, oldName: string, newName: string): NameReference[] {
  if (!text.includes(oldName)) return [];
  const refs: NameReference[] = [];
  const old = escapeRegExp(oldName);
  const quoted = [
    new RegExp(`(\\$\\(\\s*)(['"\`])${old}\\2(?=\\s*\\))`, 'g'),
    new RegExp(`(\\$node\\[\\s*)(['"\`])${old}\\2(?=\\s*\\])`, 'g'),
    new RegExp(`(\\$items\\(\\s*)(['"\`])${old}\\2`, 'g'),
  ];
  for (const re of quoted) {
    for (const m of text.matchAll(re)) {
      const quote = m[2];
      refs.push({
        index: m.index + m[1].length + 1,
        length: oldName.length,
        replacement: escapeForQuote(newName, quote),
      });
    }
  }
  if (IDENT.test(oldName)) {
    for (const m of text.matchAll(new RegExp(`\\$node\\.${old}(?![\\w$])`, 'g'))) {
      refs.push({
        index: m.index + 5,
        length: oldName.length + 1,
        replacement: IDENT.test(newName) ? `.${newName}` : `[${JSON.stringify(newName)}]`,
      });
    }
  }
  return refs.sort((a, b) => a.index - b.index);
}

/**
 * Rewrites every reference to `oldName` in `text` to `newName`.
 * @example renameInText('={{ $node["A"].json }}', 'A', 'B') // '={{ $node["B"].json }}'
 */
export function renameInText(text: string, oldName: string, newName: string): string {
  let out = text;
  for (const r of findNameReferences(text, oldName, newName).reverse()) {
    out = out.slice(0, r.index) + r.replacement + out.slice(r.index + r.length);
  }
  return out;
}
