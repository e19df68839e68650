// Excel workbooks (.xlsx), read with exceljs: every sheet with a value in it becomes a part whose
// lines are its rows as CSV text, line number = row number, padded to the sheet's width as Excel's
// own "Save as CSV" pads them, so title rows, noise and the checks work as for a CSV export. Cells
// differ from that export where it would lose facts: numbers keep every digit the file holds
// (cells.ts), date cells become ISO dates, and a merged range's value stays in its first cell.

import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { detectLayout } from '../layout.js';
import { formatDate, formatNumber } from './cells.js';
import { chooseDelimiter, formatLine, UnreadableFile, type Part } from './part.js';

export async function readXlsx(path: string): Promise<Part[]> {
  const bytes = await readFile(path);
  const notZip = maybeNotWorkbook(bytes);
  if (notZip) throw new UnreadableFile(notZip);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.read(Readable.from([bytes]));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnreadableFile(`the workbook cannot be opened (${reason}); save it again as .xlsx`);
  }
  return parseXlsx(workbook);
}

// An .xlsx is a zip archive; other bytes get a message that says what they are instead.
function maybeNotWorkbook(bytes: Uint8Array): string | null {
  const starts = (...magic: number[]) => magic.every((byte, i) => bytes[i] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return null;
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    return 'a password-protected workbook, or an Excel 97-2003 file under an .xlsx name; ' +
      'remove the password or save it again as .xlsx';
  }
  return 'not an .xlsx workbook (an .xlsx is a zip archive, these bytes are not); ' +
    'save it again from Excel as .xlsx, or give a text export its .csv name';
}

/** One part per sheet that holds a value, in the workbook's order; empty sheets are left out. */
export function parseXlsx(workbook: ExcelJS.Workbook): Part[] {
  const parts = workbook.worksheets.flatMap((sheet) => {
    const part = maybeSheetPart(sheet);
    return part ? [part] : [];
  });
  if (parts.length === 0) throw new UnreadableFile('every sheet of the workbook is empty');
  return parts;
}

function maybeSheetPart(sheet: ExcelJS.Worksheet): Part | null {
  const rows = sheetRows(sheet);
  if (rows.length === 0) return null;
  const width = rows.reduce((widest, cells) => Math.max(widest, cells.length), 0);
  const delimiter = chooseDelimiter(rows);
  const lines = rows.map((cells) => formatLine(padded(cells, width), delimiter));
  const layout = detectLayout(lines, [delimiter]);
  return {
    sheet: sheet.name, encoding: null, lines, firstLine: 1, layout, delimiter: null, rejects: [],
  };
}

// Rows 1…n as cell texts, without the empty cells after a row's last value or the empty rows
// after the sheet's last one. Only cells that exist are visited: a sheet formatted down to row
// 1,048,576 costs no more than its data.
function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const sparse: string[][] = [];
  sheet.eachRow((row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell((cell, column) => {
      cells[column - 1] = formatCell(cell);
    });
    sparse[rowNumber - 1] = withoutTrailingBlanks(Array.from(cells, (cell) => cell ?? ''));
  });
  const rows = Array.from(sparse, (cells) => cells ?? []);
  while (rows.length > 0 && rows.at(-1)!.length === 0) rows.pop();
  return rows;
}

function withoutTrailingBlanks(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return cells.slice(0, end);
}

function padded(cells: string[], width: number): string[] {
  if (cells.length >= width) return cells;
  return [...cells, ...new Array<string>(width - cells.length).fill('')];
}

// The other cells of a merged range repeat the first cell's value in exceljs; a data reader (and
// Excel's CSV export) gives it once, so a merged class name never becomes thirty typed ones.
function formatCell(cell: ExcelJS.Cell): string {
  if (cell.type === ExcelJS.ValueType.Merge) return '';
  return formatValue(cell.value);
}

function formatValue(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return String(value.error);
  if ('hyperlink' in value) return formatValue(value.text as ExcelJS.CellValue);
  if ('result' in value) return formatValue(value.result as ExcelJS.CellValue);
  return '';
}
