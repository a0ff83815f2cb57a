/**
 * A generic reader of tabular files (Excel .xlsx and CSV) into plain rows of cells.
 *
 * Pure functions over Buffers: no file system, no database. Callers (imports of registries,
 * results, lists) map columns and parse the values themselves; the helpers `parseNumberRu`
 * and `normaliseHeader` cover the Russian conventions they all need.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { translate } from '../../../../common/src/i18n/index.js';
import type { Cell, Merge, Sheet } from './cells.js';

export * from './cells.js';

export interface Workbook {
  fileName: string;
  format: 'xlsx' | 'csv';
  sheets: Sheet[];
}

/** A file that cannot be read as a table. `key` is an i18n key (`table.*`), `params` its placeholders. */
export class TableReadError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number>,
  ) {
    super(translate('ru', key, params));
    this.name = 'TableReadError';
  }
}

/** Rows per sheet above which a file is refused when no `maxRows` is given. */
export const DEFAULT_MAX_ROWS = 100_000;

/**
 * Read an .xlsx or CSV file. The format is decided by the content (a ZIP container is an Excel
 * workbook) and the extension; anything else is refused with `table.unsupported`.
 * A sheet with more than `maxRows` rows (default `DEFAULT_MAX_ROWS`) is refused with
 * `table.tooManyRows` rather than silently cut.
 */
export async function readTable(
  fileName: string,
  data: Buffer,
  opts: { maxRows?: number } = {},
): Promise<Workbook> {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const name = fileName;
  if (data.length === 0) throw new TableReadError('table.empty', { name });
  const ext = extensionOf(fileName);

  if (isZip(data)) {
    // .docx, .odt, .ods, .pptx and plain archives are ZIP containers too: only what is named
    // like a workbook or contains the `xl/` part of one goes on to exceljs.
    if (OTHER_ZIP_EXTENSIONS.has(ext)) throw new TableReadError('table.unsupported', { name });
    if (XLSX_EXTENSIONS.has(ext) || data.includes('xl/')) return readXlsx(fileName, data, maxRows);
    throw new TableReadError('table.unsupported', { name });
  }
  if (isOle2(data)) {
    // Excel 97–2003 .xls, a password-protected .xlsx, or a Word .doc.
    if (ext === 'xls' || XLSX_EXTENSIONS.has(ext)) throw new TableReadError('table.legacyXls', { name });
    throw new TableReadError('table.unsupported', { name });
  }
  if (XLSX_EXTENSIONS.has(ext)) throw new TableReadError('table.corrupt', { name });
  if (!CSV_EXTENSIONS.has(ext)) throw new TableReadError('table.unsupported', { name });
  const text = decodeText(data);
  if (text === null) throw new TableReadError('table.unsupported', { name });
  return { fileName, format: 'csv', sheets: [readCsvText(fileName, text, maxRows)] };
}

// ---------------------------------------------------------------------------------------------
// format detection

const XLSX_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xltx', 'xltm']);
const OTHER_ZIP_EXTENSIONS = new Set(['docx', 'docm', 'pptx', 'odt', 'ods', 'odp', 'zip', 'jar', 'epub']);
const CSV_EXTENSIONS = new Set(['csv', 'txt', 'tsv', 'tab', '']);

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function baseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? base : base.slice(0, dot);
}

function isZip(data: Buffer): boolean {
  return (
    data.length >= 4 &&
    data[0] === 0x50 &&
    data[1] === 0x4b &&
    (data[2] === 3 || data[2] === 5 || data[2] === 7)
  );
}

function isOle2(data: Buffer): boolean {
  return (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
  );
}

/**
 * Decode a text file: UTF-16 or UTF-8 with a byte-order mark, UTF-8 when the bytes are valid
 * UTF-8, otherwise Windows-1251. Null when the content is binary (NUL bytes or many control
 * characters).
 */
function decodeText(data: Buffer): string | null {
  if (data[0] === 0xff && data[1] === 0xfe) return iconv.decode(data.subarray(2), 'utf16le');
  if (data[0] === 0xfe && data[1] === 0xff) return iconv.decode(data.subarray(2), 'utf16be');
  let bytes = data;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) bytes = data.subarray(3);
  const probe = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of probe) {
    if (b === 0) return null;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > Math.max(2, probe.length * 0.01)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'win1251');
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

const DELIMITERS = [';', '\t', ',', '|'] as const;

/** Pick the delimiter whose count per line (outside quotes) is the most consistent over the first lines. */
export function detectDelimiter(text: string): string {
  const lines: Array<Record<string, number>> = [];
  let counts: Record<string, number> = {};
  let inQuotes = false;
  let nonEmpty = false;
  const limit = Math.min(text.length, 64 * 1024);
  for (let i = 0; i < limit && lines.length < 50; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      inQuotes = !inQuotes;
      nonEmpty = true;
    } else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (nonEmpty) lines.push(counts);
      counts = {};
      nonEmpty = false;
    } else {
      if (!inQuotes && (DELIMITERS as readonly string[]).includes(ch)) counts[ch] = (counts[ch] ?? 0) + 1;
      if (ch.trim() !== '') nonEmpty = true;
    }
  }
  if (nonEmpty && lines.length < 50) lines.push(counts);

  let best: { d: string; score: number; mode: number } | null = null;
  for (const d of DELIMITERS) {
    const freq = new Map<number, number>();
    for (const l of lines) {
      const n = l[d] ?? 0;
      freq.set(n, (freq.get(n) ?? 0) + 1);
    }
    let mode = 0;
    let score = 0;
    for (const [n, f] of freq) {
      if (n > 0 && (f > score || (f === score && n > mode))) {
        mode = n;
        score = f;
      }
    }
    if (score === 0) continue;
    if (!best || score > best.score || (score === best.score && mode > best.mode)) best = { d, score, mode };
  }
  return best?.d ?? ';';
}

function readCsvText(fileName: string, text: string, maxRows: number): Sheet {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 0;
    throw new TableReadError('table.csvError', { name: fileName, line });
  }
  const rows = records.map((rec) => trimRow(rec.map((f) => (f === '' ? null : f))));
  trimTrailingRows(rows);
  if (rows.length > maxRows) {
    throw new TableReadError('table.tooManyRows', {
      name: fileName,
      sheet: baseName(fileName),
      max: maxRows,
    });
  }
  return { name: baseName(fileName), rows, merges: [] };
}

function trimRow(row: Cell[]): Cell[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === null) end--;
  return end === row.length ? row : row.slice(0, end);
}

function trimTrailingRows(rows: Cell[][]): void {
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
}

// ---------------------------------------------------------------------------------------------
// XLSX

async function readXlsx(fileName: string, data: Buffer, maxRows: number): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw new TableReadError('table.corrupt', { name: fileName });
  }
  const sheets: Sheet[] = [];
  for (const ws of wb.worksheets) {
    const rows: Cell[][] = [];
    let tooMany = false;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber > maxRows) {
        tooMany = true;
        return;
      }
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const v = cellValue(cell);
        if (v === null) return;
        while (cells.length < colNumber - 1) cells.push(null);
        cells[colNumber - 1] = v;
      });
      const trimmed = trimRow(cells);
      if (trimmed.length === 0) return;
      while (rows.length < rowNumber - 1) rows.push([]);
      rows[rowNumber - 1] = trimmed;
    });
    if (tooMany)
      throw new TableReadError('table.tooManyRows', { name: fileName, sheet: ws.name, max: maxRows });
    trimTrailingRows(rows);
    const merges: Merge[] = [];
    for (const range of ws.model.merges ?? []) {
      const m = parseRange(range);
      if (m) merges.push(m);
    }
    sheets.push({ name: ws.name, rows, merges });
  }
  return { fileName, format: 'xlsx', sheets };
}

/**
 * A cell's value as a plain `Cell`: rich text → its text, a formula → its cached result,
 * a hyperlink → its text, an error (`#N/A`...) → null, a cell covered by a merge (not its
 * top-left) → null. Numbers shown as percentages (number format with `%`) are returned as
 * shown, i.e. multiplied by 100, so that `25%` reads as 25 from .xlsx as it does from CSV.
 */
function cellValue(cell: ExcelJS.Cell): Cell {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  const v = plain(cell.value);
  if (typeof v === 'number' && typeof cell.numFmt === 'string' && isPercentFormat(cell.numFmt)) {
    return Number.parseFloat((v * 100).toPrecision(12));
  }
  return v;
}

function isPercentFormat(fmt: string): boolean {
  // Ignore % inside quoted literals and after backslashes.
  return /%/.test(fmt.replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      const s = (o.richText as Array<{ text?: unknown }>)
        .map((r) => (typeof r.text === 'string' ? r.text : ''))
        .join('');
      return s === '' ? null : s;
    }
    if ('error' in o) return null;
    if ('formula' in o || 'sharedFormula' in o) return plain(o.result);
    if ('hyperlink' in o || 'text' in o) return plain(o.text);
  }
  return null;
}

function parseRange(range: string): Merge | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range.trim().toUpperCase());
  if (!m) return null;
  const a = { row: Number(m[2]) - 1, col: letterIndex(m[1]!) };
  const b = m[3] && m[4] ? { row: Number(m[4]) - 1, col: letterIndex(m[3]) } : a;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

function letterIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
