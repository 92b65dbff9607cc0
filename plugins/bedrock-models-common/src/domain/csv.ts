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
