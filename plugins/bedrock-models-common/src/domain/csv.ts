/**
 * A CSV cell value; undefined is an empty cell.
 *
 * @public
 */
export type CsvValue = string | number | boolean | undefined;

// Spreadsheets run cells that start with these as formulas; a quote prefix keeps them text.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvValue): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV (CRLF line ends) of a header and records.
 *
 * @public
 */
export function toCsv(header: string[], records: CsvValue[][]): string {
  return [header, ...records]
    .map(record => record.map(cell).join(','))
    .join('\r\n');
}

/** CSV columns of one kind of item: each column's name and how to read its cell from an item. */
export type CsvColumns<T> = Array<[string, (item: T) => CsvValue]>;

/**
 * One batch of a CSV export written in batches (the backend streams large ones): every line ends with
 * CRLF, and only the first batch, asked with `header`, starts with the header line.
 */
export function csvBatch<T>(
  columns: CsvColumns<T>,
  items: T[],
  header: boolean,
): string {
  const records = items.map(item => columns.map(([, value]) => value(item)));
  if (!header && records.length === 0) return '';
  const text = toCsv(
    columns.map(([name]) => name),
    records,
  );
  // The header is the first line toCsv writes; later batches leave it out.
  const lines = header ? text : text.slice(text.indexOf('\r\n') + 2);
  return `${lines}\r\n`;
}
