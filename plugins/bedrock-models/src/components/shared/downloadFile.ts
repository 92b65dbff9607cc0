/** Hands a text to the browser as a file download. */
export function downloadFile(
  fileName: string,
  text: string,
  type: string,
): void {
  // A byte-order mark makes spreadsheet programs read CSV files as UTF-8.
  const body = type.startsWith('text/csv') ? `\ufeff${text}` : text;
  const blob = new Blob([body], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
