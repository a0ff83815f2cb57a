/**
 * Streaming access to result tables: the bytes of a file (from disk, from memory or from the
 * upload stored in the database), decoded into sheets of rows without holding a large file in
 * memory. CSV: any delimiter, UTF-8 with or without BOM, UTF-16, Windows-1251, parsed in
 * batches by the reader below (csv-parse took half of the parsing time). XLSX: small workbooks are read whole (merged cells are known), large
 * ones with exceljs's streaming reader (rows only).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { CsvQuoteError, CsvTokenizer, detectNewline, type RowBatch } from './csv-tokenizer.js';
import {
  detectDelimiter,
  readTable,
  TableReadError,
  type Cell,
  type Merge,
} from '../../platform/tabular/read.js';

/** Bytes that can be read (again) from the start. */
export interface ByteSource {
  size: number;
  open(): AsyncIterable<Buffer>;
}

export function fileSource(path: string): ByteSource {
  return {
    size: fs.statSync(path).size,
    open: () => fs.createReadStream(path, { highWaterMark: 1 << 20 }),
  };
}

export function bufferSource(data: Buffer): ByteSource {
  return {
    size: data.length,
    async *open() {
      for (let i = 0; i < data.length; i += 1 << 20) yield data.subarray(i, i + (1 << 20));
    },
  };
}

export { CsvTokenizer, type RowBatch };

export interface SheetSource {
  name: string;
  /** Merged ranges (known for workbooks read whole; empty for streamed ones and CSV). */
  merges: Merge[];
  /**
   * Rows in file order with their 0-based index, in batches; a sheet's rows must be read before
   * the next sheet.
   */
  rows: AsyncIterable<RowBatch>;
}

export interface TableSource {
  format: 'xlsx' | 'csv';
  sheets: AsyncIterable<SheetSource>;
  /** How a CSV file is written (for reading it again in parallel chunks). */
  csv?: { encoding: Encoding; delimiter: string; newline: '\n' | '\r' };
}

export interface OpenOptions {
  /** Workbooks up to this size are read whole (with merged cells); larger ones are streamed. */
  bufferXlsxBelow?: number;
  /** Called with the number of bytes consumed so far. */
  onBytes?: (bytes: number) => void;
}

const XLSX_EXT = new Set(['xlsx', 'xlsm', 'xltx', 'xltm']);
const CSV_EXT = new Set(['csv', 'txt', 'tsv', 'tab', '']);
const OTHER_ZIP_EXT = new Set(['docx', 'docm', 'pptx', 'odt', 'ods', 'odp', 'zip', 'jar', 'epub']);

function ext(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

export function baseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? base : base.slice(0, dot);
}

/** Count bytes as they pass. */
async function* counted(src: AsyncIterable<Buffer>, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const chunk of src) {
    n += chunk.length;
    onBytes?.(n);
    yield chunk;
  }
}

/** Peek at the first `want` bytes; the returned iterable still yields everything from the start. */
async function peek(src: AsyncIterable<Buffer>, want: number) {
  const it = src[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let len = 0;
  let done = false;
  while (len < want) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value);
    len += r.value.length;
  }
  const all = async function* () {
    try {
      for (const b of head) yield b;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) {
          done = true;
          return;
        }
        yield r.value;
      }
    } finally {
      // Left before the end (a sheet abandoned): the underlying stream is closed.
      if (!done) await it.return?.();
    }
  };
  return { head: Buffer.concat(head), rest: all() };
}

export type Encoding = 'utf8' | 'win1251' | 'utf16le' | 'utf16be';

/** UTF-16 or UTF-8 by the byte-order mark, UTF-8 when valid, else Windows-1251; null for binary content. */
export function detectEncoding(probe: Buffer, complete: boolean): Encoding | null {
  if (probe[0] === 0xff && probe[1] === 0xfe) return 'utf16le';
  if (probe[0] === 0xfe && probe[1] === 0xff) return 'utf16be';
  let control = 0;
  for (const b of probe) {
    if (b === 0) return null;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > Math.max(2, probe.length * 0.01)) return null;
  // A probe cut in the middle of a multi-byte character is still UTF-8.
  for (let cut = 0; cut <= (complete ? 0 : 3); cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(probe.subarray(0, probe.length - cut));
      return 'utf8';
    } catch {
      /* try a shorter probe */
    }
  }
  return 'win1251';
}

const PROBE = 64 * 1024;

/**
 * Open a table. Throws TableReadError (`table.*`) for an empty, binary, legacy (.xls) or corrupt
 * file; errors met later while streaming are thrown from the row iterators.
 */
export async function openTable(
  fileName: string,
  src: ByteSource,
  opts: OpenOptions = {},
): Promise<TableSource> {
  const name = fileName;
  if (src.size === 0) throw new TableReadError('table.empty', { name });
  const { head, rest } = await peek(counted(src.open(), opts.onBytes), PROBE);
  if (head.length === 0) throw new TableReadError('table.empty', { name });
  const e = ext(fileName);
  const zip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && [3, 5, 7].includes(head[2]!);
  const ole =
    head.length >= 8 &&
    head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  if (zip) {
    if (OTHER_ZIP_EXT.has(e)) throw new TableReadError('table.unsupported', { name });
    if (src.size <= (opts.bufferXlsxBelow ?? 8 * 1024 * 1024)) return bufferedXlsx(fileName, rest);
    return { format: 'xlsx', sheets: streamedXlsx(fileName, rest) };
  }
  if (ole)
    throw new TableReadError(e === 'xls' || XLSX_EXT.has(e) ? 'table.legacyXls' : 'table.unsupported', {
      name,
    });
  if (XLSX_EXT.has(e)) throw new TableReadError('table.corrupt', { name });
  if (!CSV_EXT.has(e)) throw new TableReadError('table.unsupported', { name });
  const encoding = detectEncoding(head.subarray(0, PROBE), head.length < PROBE);
  if (!encoding) throw new TableReadError('table.unsupported', { name });
  let probeText = iconv.decode(head.subarray(0, PROBE), encoding);
  if (probeText.charCodeAt(0) === 0xfeff) probeText = probeText.slice(1);
  const delimiter = detectDelimiter(probeText);
  return {
    format: 'csv',
    csv: { encoding, delimiter, newline: detectNewline(probeText) },
    sheets: (async function* () {
      yield { name: baseName(fileName), merges: [], rows: csvRows(fileName, rest, encoding, delimiter) };
    })(),
  };
}

const BATCH = 2000;

/** UTF-8 across chunk boundaries with TextDecoder's streaming mode (faster than StringDecoder). */
function utf8Decoder() {
  const d = new TextDecoder('utf-8');
  return {
    write: (b: Buffer) => d.decode(b, { stream: true }),
    end: () => d.decode(),
  };
}

async function* csvRows(
  fileName: string,
  bytes: AsyncIterable<Buffer>,
  encoding: Encoding,
  delimiter: string,
): AsyncGenerator<RowBatch> {
  const decoder: { write(b: Buffer): string; end(): string | undefined } =
    encoding === 'utf8' ? utf8Decoder() : iconv.getDecoder(encoding);
  const tokenizer = new CsvTokenizer(delimiter);
  try {
    for await (const chunk of bytes) {
      const out: RowBatch = [];
      tokenizer.push(decoder.write(chunk) ?? '', out);
      if (out.length) yield out;
    }
    const out: RowBatch = [];
    const rest = decoder.end();
    if (rest) tokenizer.push(rest, out);
    tokenizer.end(out);
    if (out.length) yield out;
  } catch (e) {
    if (e instanceof CsvQuoteError)
      throw new TableReadError('table.csvError', { name: fileName, line: e.line });
    throw e;
  }
}

async function bufferedXlsx(fileName: string, bytes: AsyncIterable<Buffer>): Promise<TableSource> {
  const parts: Buffer[] = [];
  for await (const b of bytes) parts.push(b);
  const wb = await readTable(fileName, Buffer.concat(parts), { maxRows: 1_048_576 });
  return {
    format: 'xlsx',
    sheets: (async function* () {
      for (const s of wb.sheets) {
        yield {
          name: s.name,
          merges: s.merges,
          rows: (async function* () {
            for (let i = 0; i < s.rows.length; i += BATCH) {
              const batch: RowBatch = [];
              for (let j = i; j < Math.min(s.rows.length, i + BATCH); j++)
                batch.push({ index: j, cells: s.rows[j]! });
              yield batch;
            }
          })(),
        };
      }
    })(),
  };
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

/** Decode UTF-8 across chunk boundaries (a character split between two chunks stays whole). */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : decoder.write(c);
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/**
 * exceljs's streaming reader decodes each decompressed chunk separately, which breaks a Cyrillic
 * character split between two chunks into «��» (exceljs issues #2063, #2084). Its XML parser
 * accepts strings, so the entries are handed over already decoded.
 */
function utf8SafeReader(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options);
  const r = reader as unknown as ReaderInternals;
  const sharedStrings = r._parseSharedStrings.bind(r);
  const workbook = r._parseWorkbook.bind(r);
  const worksheet = r._parseWorksheet.bind(r);
  r._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return sharedStrings(entry);
  };
  r._parseWorkbook = (entry) => {
    entry.setEncoding('utf8');
    return workbook(entry);
  };
  r._parseWorksheet = (iterator, sheetNo) => worksheet(utf8(iterator), sheetNo);
  return reader;
}

async function* streamedXlsx(fileName: string, bytes: AsyncIterable<Buffer>): AsyncGenerator<SheetSource> {
  const reader = utf8SafeReader(Readable.from(bytes), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as { name: string } & AsyncIterable<ExcelJS.Row>;
      yield {
        name: sheet.name,
        merges: [],
        rows: (async function* () {
          let batch: RowBatch = [];
          for await (const row of sheet) {
            const values = row.values as unknown[];
            const cells: Cell[] = [];
            for (let c = 1; c < values.length; c++) cells.push(plain(values[c]));
            while (cells.length && cells[cells.length - 1] === null) cells.pop();
            batch.push({ index: row.number - 1, cells });
            if (batch.length >= BATCH) {
              yield batch;
              batch = [];
            }
          }
          if (batch.length) yield batch;
        })(),
      };
    }
  } catch (e) {
    if (e instanceof TableReadError) throw e;
    throw new TableReadError('table.corrupt', { name: fileName });
  }
}
