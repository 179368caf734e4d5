/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  const s =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface TableOptions {
  caption?: string;
  capitalize?: boolean;
  /** Raw attribute strings (`class="x"`), checked to contain only name="value" pairs. */
  tableAttributes?: string;
  headerAttributes?: string;
  rowAttributes?: string;
  cellAttributes?: string;
}

function attrs(raw: string | undefined): string {
  if (!raw?.trim()) return '';
  // Only name="value" pairs: the option must not become a way to inject markup or scripts.
  const ok =
    /^(\s*[a-zA-Z_:][-a-zA-Z0-9_:.]*\s*=\s*"[^"<>]*")+\s*$/.test(raw) && !/\son\w+\s*=/i.test(` ${raw}`);
  return ok ? ` ${raw.trim()}` : '';
}

/** Items → an HTML table, every value escaped. */
export function htmlTable(rows: Record<string, unknown>[], opts: TableOptions = {}): string {
  const columns: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  const head = columns
    .map(
      (c) =>
        `<th${attrs(opts.headerAttributes)}>${escapeHtml(opts.capitalize ? c.charAt(0).toUpperCase() + c.slice(1) : c)}</th>`,
    )
    .join('');
  const body = rows
    .map(
      (r) =>
        `<tr${attrs(opts.rowAttributes)}>${columns.map((c) => `<td${attrs(opts.cellAttributes)}>${escapeHtml(r[c])}</td>`).join('')}</tr>`,
    )
    .join('');
  const caption = opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>` : '';
  return `<table${attrs(opts.tableAttributes)}>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
