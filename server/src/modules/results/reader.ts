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
    for (const b of head) yield b;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  };
  return { head: Buffer.concat(head), rest: all() };
}

type Encoding = 'utf8' | 'win1251' | 'utf16le' | 'utf16be';

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
    sheets: (async function* () {
      yield { name: baseName(fileName), merges: [], rows: csvRows(fileName, rest, encoding, delimiter) };
    })(),
  };
}

/** Rows of a sheet, handed over in batches (a million rows cost a million awaits otherwise). */
export type RowBatch = Array<{ index: number; cells: Cell[] }>;

const BATCH = 2000;
const MAX_RECORD = 16 << 20;

/**
 * A CSV tokenizer for the shapes people export (RFC 4180 quoting, any record delimiter), fast on
 * the common case: a line without a quote is split natively. Lenient like csv-parse with
 * `relax_quotes` and `relax_column_count`: a quote inside an unquoted field is kept, rows may have
 * any number of fields. An unclosed quote at the end of the file is an error.
 */
export class CsvTokenizer {
  private carry = '';
  private line = 1;
  private index = 0;
  private started = false;
  private newline: '\n' | '\r' | null = null;

  constructor(private readonly delimiter: string) {}

  /** Tokenize the next piece of decoded text; complete records are appended to `out`. */
  push(text: string, out: RowBatch): void {
    let s = this.carry ? this.carry + text : text;
    if (!this.started && s.length) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      this.started = true;
    }
    this.carry = s.slice(this.records(s, out, false));
    // A quote that never closes would otherwise hold the rest of the file.
    if (this.carry.length > MAX_RECORD) throw new CsvQuoteError(this.line);
  }

  /** The end of the input: the last record (without a final newline) and the check for open quotes. */
  end(out: RowBatch): void {
    const s = this.carry;
    this.carry = '';
    if (!s.length) return;
    const used = this.records(s, out, true);
    if (used < s.length) throw new CsvQuoteError(this.line);
  }

  /** Parse whole records from `s`; returns how many characters were consumed. */
  private records(s: string, out: RowBatch, final: boolean): number {
    if (this.newline === null) {
      // \n (with or without \r before it), or \r alone (old Mac exports).
      const n = s.indexOf('\n');
      const r = s.indexOf('\r');
      if (n >= 0 && (r < 0 || r >= n - 1)) this.newline = '\n';
      else if (r >= 0 && (r < s.length - 1 || final)) this.newline = n >= 0 && n === r + 1 ? '\n' : '\r';
      else if (!final) return 0;
      else this.newline = '\n';
    }
    const nl = this.newline;
    const d = this.delimiter;
    let i = 0;
    const len = s.length;
    // The next quote, looked up again only once passed (a search per record would be quadratic).
    let q = -2;
    while (i < len) {
      let e = s.indexOf(nl, i);
      if (q !== -1 && q < i) q = s.indexOf('"', i);
      if (q < 0 && e >= 0) {
        // No quote in the rest of the text: every complete line at once (one native split).
        const last = s.lastIndexOf(nl);
        const lines = s.slice(i, last).split(nl);
        for (let l = 0; l < lines.length; l++) {
          let line = lines[l]!;
          if (nl === '\n' && line.length && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
          const cells: Cell[] = line.split(d);
          for (let k = 0; k < cells.length; k++) if (cells[k] === '') cells[k] = null;
          out.push({ index: this.index++, cells });
        }
        this.line += lines.length;
        i = last + 1;
        continue;
      }
      if (q < 0 || (e >= 0 && q > e)) {
        // No quote in this record: split it natively.
        if (e < 0) {
          if (!final) return i;
          e = len;
        }
        let stop = e;
        if (nl === '\n' && stop > i && s.charCodeAt(stop - 1) === 13) stop--;
        const cells: Cell[] = s.slice(i, stop).split(d);
        for (let k = 0; k < cells.length; k++) if (cells[k] === '') cells[k] = null;
        out.push({ index: this.index++, cells });
        this.line++;
        i = e + 1;
        continue;
      }
      const r = this.quoted(s, i, final);
      if (r < 0) return i;
      out.push({ index: this.index++, cells: this.last! });
      i = r;
    }
    return i;
  }

  private last: Cell[] | null = null;

  /** A record with quotes, character by character; returns the index after it, or -1 if incomplete. */
  private quoted(s: string, start: number, final: boolean): number {
    const d = this.delimiter;
    const cells: Cell[] = [];
    let field = '';
    let i = start;
    let lines = 0;
    const len = s.length;
    for (;;) {
      if (i < len && s[i] === '"') {
        // A quoted field (RFC 4180: "" is a quote); characters after the closing quote are kept.
        let j = i + 1;
        for (;;) {
          const k = s.indexOf('"', j);
          if (k < 0) return -1;
          for (let x = j; x < k; x++) if (s.charCodeAt(x) === 10) lines++;
          field += s.slice(j, k);
          if (s[k + 1] === '"') {
            field += '"';
            j = k + 2;
            continue;
          }
          if (k + 1 >= len && !final) return -1;
          i = k + 1;
          break;
        }
      }
      // The unquoted rest of the field, up to a delimiter or the end of the record.
      let j = i;
      while (j < len) {
        const c = s[j]!;
        if (c === d || c === '\n' || c === '\r') break;
        j++;
      }
      if (j >= len && !final) return -1;
      field += s.slice(i, j);
      cells.push(field === '' ? null : field);
      field = '';
      if (j >= len) {
        i = len;
        break;
      }
      const c = s[j]!;
      if (c === d) {
        i = j + 1;
        continue;
      }
      // The end of the record (\r\n, \n or \r).
      if (c === '\r' && j + 1 < len && s[j + 1] === '\n') i = j + 2;
      else if (c === '\r' && j + 1 >= len && !final) return -1;
      else i = j + 1;
      break;
    }
    this.line += 1 + lines;
    this.last = cells;
    return i;
  }
}

export class CsvQuoteError extends Error {
  constructor(readonly line: number) {
    super(`unclosed quote at line ${line}`);
  }
}

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
