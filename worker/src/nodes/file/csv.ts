import { NonRetriableError } from '@tandem/shared/engine';

/**
 * RFC 4180 CSV parser: quoted fields, doubled quotes, delimiters and newlines inside quotes, CRLF or LF.
 * @example parseCsv('a,b\n1,"x,y"') // [['a','b'],['1','x,y']]
 */
export function parseCsv(text: string, delimiter = ',', relaxQuotes = false): string[][] {
  if (delimiter.length !== 1) throw new NonRetriableError('The CSV delimiter must be one character');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === '"' && !relaxQuotes)
      throw new NonRetriableError(`Invalid CSV: unexpected quote in row ${rows.length + 1}`);
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new NonRetriableError('Invalid CSV: a quoted field is not closed');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function cell(value: unknown, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of objects → CSV; the columns are every key in order of first appearance. */
export function toCsv(rows: Record<string, unknown>[], delimiter = ',', headerRow = true): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  }
  const lines = rows.map((r) => columns.map((c) => cell(r[c], delimiter)).join(delimiter));
  if (headerRow) lines.unshift(columns.map((c) => cell(c, delimiter)).join(delimiter));
  return lines.join('\n');
}
