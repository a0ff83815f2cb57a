/**
 * CSV records from decoded text (`CsvTokenizer`), and where a run of raw bytes can be cut between
 * records (`lastRecordEnd`), so that a large file can be split into chunks parsed in parallel.
 * No dependencies: bundled into the parse workers.
 */
import type { Cell } from '../../platform/tabular/cells.js';

/** Rows of a sheet, handed over in batches (a million rows cost a million awaits otherwise). */
export type RowBatch = Array<{ index: number; cells: Cell[] }>;

/** The longest record accepted (a quote that never closes would otherwise hold the rest of the file). */
export const MAX_RECORD = 16 << 20;

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
  private newline: '\n' | '\r' | null;

  /** `newline`: the record delimiter when already known (a chunk of a file), else detected. */
  constructor(
    private readonly delimiter: string,
    newline: '\n' | '\r' | null = null,
  ) {
    this.newline = newline;
  }

  /** The record delimiter seen (null until the first one). */
  get newlineKind(): '\n' | '\r' | null {
    return this.newline;
  }

  /** Records and lines read so far. */
  get counts(): { records: number; lines: number } {
    return { records: this.index, lines: this.line - 1 };
  }

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

/** The record delimiter of a text: \n (with or without \r before it), or \r alone (old Mac exports). */
export function detectNewline(s: string): '\n' | '\r' {
  const n = s.indexOf('\n');
  const r = s.indexOf('\r');
  if (n >= 0 && (r < 0 || r >= n - 1)) return '\n';
  if (r >= 0) return n === r + 1 ? '\n' : '\r';
  return '\n';
}

const QUOTE = 34;

/**
 * Where raw CSV bytes that start at a record can be cut: the end (exclusive) of the last complete
 * record, or -1 when none is complete. Quotes are followed as the tokenizer reads them: a quote
 * opens a quoted field only at the start of a field, `""` inside one is a quote, and a record
 * delimiter inside a quoted field does not end the record. The record delimiter and the field
 * delimiter are ASCII, so in UTF-8 and in single-byte encodings they never occur inside a
 * character.
 */
export function lastRecordEnd(buf: Uint8Array, newline: number, delimiter: number): number {
  let end = -1;
  let pos = 0;
  const len = buf.length;
  for (;;) {
    const q = buf.indexOf(QUOTE, pos);
    if (q < 0) {
      const e = buf.lastIndexOf(newline);
      return e >= pos ? e + 1 : end;
    }
    if (q > pos) {
      const e = buf.lastIndexOf(newline, q - 1);
      if (e >= pos) end = e + 1;
    }
    // (A record with a quote ends at any \n or \r outside quotes, as the tokenizer reads it.)
    const prev = q === 0 ? newline : buf[q - 1];
    if (prev !== delimiter && prev !== 10 && prev !== 13) {
      pos = q + 1; // a quote inside an unquoted field is a character
      continue;
    }
    let j = q + 1;
    for (;;) {
      const k = buf.indexOf(QUOTE, j);
      if (k < 0 || k + 1 >= len) return end; // the quoted field goes on past these bytes
      if (buf[k + 1] === QUOTE) {
        j = k + 2;
        continue;
      }
      pos = k + 1;
      break;
    }
  }
}
