// Typed values of binary formats (xlsx cells, Parquet floating-point columns) as the text of a
// cell. The one decision: identifiers are never guessed. A number is written with exactly the
// digits the file holds; a double too large to hold an integer exactly (above 2^53, such as an
// 18-digit ID typed into a number cell) is written in scientific notation, which the identifier
// checks reject as `mangled_by_spreadsheet`, instead of as digits it does not have.

/**
 * `38412` → `'38412'`; `410105200503010017` (as a double 410105200503010048) →
 * `'4.1010520050301005E+17'`; `12.5` → `'12.5'`; `1e-7` → `'1E-7'`.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isSafeInteger(value)) return String(value);
  if (Number.isInteger(value)) return value.toExponential().toUpperCase();
  return String(value).toUpperCase();
}

/**
 * A date cell as an ISO date, or an ISO date-time when it has a time of day. Spreadsheet dates
 * carry no zone; exceljs gives them as UTC instants, so the UTC fields are the cell's fields.
 */
export function formatDate(value: Date): string {
  if (Number.isNaN(value.getTime())) return '';
  const iso = value.toISOString();
  const [date, time] = [iso.slice(0, 10), iso.slice(11, 19)];
  return time === '00:00:00' ? date : `${date} ${time}`;
}
