/**
 * Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF line ends) into records of named
 * cells, keyed by the header line. A leading byte-order mark is dropped.
 */
export function parseCsv(text: string): Array<Record<string, string>> {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  const input = text.replace(/^\ufeff/, '');
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else {
      cell += char;
    }
  }
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  const [header, ...rows] = records;
  return rows.map(row => {
    if (row.length !== header.length) {
      throw new Error(
        `CSV record has ${row.length} cells, the header ${
          header.length
        }: ${row.join(',')}`,
      );
    }
    return Object.fromEntries(header.map((name, i) => [name, row[i]]));
  });
}

/** The header line of a CSV text. */
export function csvHeader(text: string): string[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/, 1)[0]
    .split(',');
}
