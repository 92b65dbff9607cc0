import { downloadFile } from '../shared/downloadFile';

/** Hands a CSV text to the browser as a file download (read as UTF-8 by spreadsheet programs). */
export function downloadCsv(fileName: string, csv: string): void {
  downloadFile(fileName, csv, 'text/csv;charset=utf-8');
}
