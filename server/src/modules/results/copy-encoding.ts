/**
 * Staged student rows in COPY's text format, written straight into a Buffer. No dependencies:
 * bundled into the parse workers as well as used by the COPY writer.
 */
import type { StagedStudent } from './domain/collector.js';

const SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format. */
export function copyText(v: string | null): string {
  if (v === null) return '\\N';
  if (!SPECIAL.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

const TAB = 9;
/** The encoder `CopyEncoder.template` writes into (one for all templates). */
let templateEncoder: CopyEncoder | null = null;
const NL = 10;
const BACKSLASH = 92;
const MAX_CACHED = 10_000;

/**
 * Staged student rows as COPY text-format bytes, written straight into a Buffer: no string is
 * concatenated per row (flattening and encoding those took a tenth of the parse). ASCII values
 * are copied char by char; others (class labels such as «5А») are encoded once and remembered.
 */
export class CopyEncoder {
  private buf: Buffer = Buffer.alloc(0);
  private o = 0;
  private readonly encoded = new Map<string, Buffer>();
  private readonly prefix: Buffer;

  private ensure(n: number) {
    if (this.o + n <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.o + n, 1 << 12));
    this.buf.copy(b, 0, 0, this.o);
    this.buf = b;
  }

  private bytes(b: Buffer) {
    this.ensure(b.length);
    const buf = this.buf;
    let o = this.o;
    for (let i = 0; i < b.length; i++) buf[o++] = b[i]!;
    this.o = o;
  }

  private nul() {
    this.ensure(2);
    this.buf[this.o++] = BACKSLASH;
    this.buf[this.o++] = 78; // N
  }

  private text(s: string | null) {
    if (s === null) return this.nul();
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let o = this.o;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80 || c === BACKSLASH || c === TAB || c === NL || c === 13) return this.slowText(s);
      buf[o++] = c;
    }
    this.o = o;
  }

  private slowText(s: string) {
    let b = this.encoded.get(s);
    if (!b) {
      b = Buffer.from(copyText(s), 'utf8');
      if (this.encoded.size < MAX_CACHED) this.encoded.set(s, b);
    }
    this.bytes(b);
  }

  private num(v: number | null) {
    if (v === null) return this.nul();
    if (Number.isInteger(v) && v >= 0 && v < 1e15) {
      this.ensure(16);
      const buf = this.buf;
      if (v < 10) {
        buf[this.o++] = 48 + v;
        return;
      }
      let div = 1;
      while (div * 10 <= v) div *= 10;
      let o = this.o;
      for (; div >= 1; div /= 10) {
        const d = Math.floor(v / div);
        buf[o++] = 48 + d;
        v -= d * div;
      }
      this.o = o;
      return;
    }
    this.text(String(v));
  }

  private tab() {
    this.ensure(1);
    this.buf[this.o++] = TAB;
  }

  /** The rows as COPY input (a new Buffer, owned by the caller). */
  encode(rows: StagedStudent[]): Buffer {
    this.append(rows);
    return this.take().bytes;
  }

  /**
   * With `keyWidth`, school keys are written zero-padded to that many digits and the offset of each
   * is kept, so that keys given by a parse worker can be replaced in place (`replaceKeys`).
   */
  private keyOffsets: Int32Array | null = null;
  private keys = 0;

  /** `expect`: about how many bytes will be built (the buffer grows by doubling from there). */
  constructor(
    importId: number,
    private readonly keyWidth = 0,
    expect = 0,
  ) {
    this.prefix = Buffer.from(`${importId}\t`);
    if (expect) this.buf = Buffer.allocUnsafe(expect);
  }

  /** Add rows to the bytes being built. */
  append(rows: StagedStudent[]): void {
    this.ensure(rows.length * 96 + 64);
    for (let i = 0; i < rows.length; i++) this.add(rows[i]!);
  }

  /** Add one row to the bytes being built. */
  add(r: StagedStudent): void {
    this.bytes(this.prefix);
    if (this.keyWidth) this.fixedKey(r.schoolKey);
    else this.num(r.schoolKey);
    this.tab();
    this.num(r.schoolId);
    this.tab();
    this.text(r.studentKey);
    this.tab();
    this.text(r.className);
    this.tab();
    this.text(r.procedure);
    this.tab();
    this.text(r.subject);
    this.tab();
    this.num(r.grade);
    this.tab();
    this.num(r.year);
    this.tab();
    this.num(r.primaryScore);
    this.tab();
    this.num(r.testScore);
    this.tab();
    this.num(r.mark);
    this.tab();
    this.num(r.journalMark);
    this.ensure(1);
    this.buf[this.o++] = NL;
  }

  /**
   * The bytes a row of `r`'s school and group has around its student key and numbers (the school
   * key and these are written by `addTemplated`): `\t{school id}\t` up to `head`, then
   * `\t{class}\t{procedure}\t{subject}\t{grade}\t{year}\t`.
   */
  static template(
    r: Pick<StagedStudent, 'schoolId' | 'className' | 'procedure' | 'subject' | 'grade' | 'year'>,
  ): { bytes: Uint8Array; head: number } {
    const e = (templateEncoder ??= new CopyEncoder(0, 0, 1024));
    e.o = 0;
    e.tab();
    e.num(r.schoolId);
    e.tab();
    const head = e.o;
    e.tab();
    e.text(r.className);
    e.tab();
    e.text(r.procedure);
    e.tab();
    e.text(r.subject);
    e.tab();
    e.num(r.grade);
    e.tab();
    e.num(r.year);
    e.tab();
    return { bytes: e.buf.slice(0, e.o), head };
  }

  /**
   * A row as `add` writes it, from the `template` of its school and group at `pool[at, end)`: the
   * student key is `src[a, b)` (printable ASCII without a backslash: COPY takes it as is), the
   * numbers are whole, 0 to 9999.
   */
  addTemplated(
    schoolKey: number,
    pool: Uint8Array,
    at: number,
    head: number,
    end: number,
    src: Uint8Array,
    a: number,
    b: number,
    primaryScore: number | null,
    testScore: number | null,
    mark: number | null,
    journalMark: number | null,
  ): void {
    this.bytes(this.prefix);
    if (this.keyWidth) this.fixedKey(schoolKey);
    else this.num(schoolKey);
    this.ensure(end - at + (b - a) + 48);
    const buf = this.buf;
    let o = this.o;
    for (let i = at; i < head; i++) buf[o++] = pool[i]!;
    for (let i = a; i < b; i++) buf[o++] = src[i]!;
    for (let i = head; i < end; i++) buf[o++] = pool[i]!;
    o = small(buf, o, primaryScore);
    buf[o++] = TAB;
    o = small(buf, o, testScore);
    buf[o++] = TAB;
    o = small(buf, o, mark);
    buf[o++] = TAB;
    o = small(buf, o, journalMark);
    buf[o++] = NL;
    this.o = o;
  }

  /** The bytes built so far (and the offsets of their school keys), handed to the caller. */
  take(): { bytes: Buffer; keyOffsets: Int32Array } {
    const bytes = this.buf.subarray(0, this.o);
    const keyOffsets = this.keyOffsets ? this.keyOffsets.slice(0, this.keys) : new Int32Array(0);
    this.buf = Buffer.alloc(0);
    this.o = 0;
    this.keys = 0;
    return { bytes, keyOffsets };
  }

  private fixedKey(v: number) {
    const w = this.keyWidth;
    if (!Number.isInteger(v) || v < 0 || v >= 10 ** w) throw new Error(`school key ${v} does not fit`);
    if (!this.keyOffsets || this.keys === this.keyOffsets.length) {
      const grown = new Int32Array(Math.max(1024, (this.keyOffsets?.length ?? 0) * 2));
      if (this.keyOffsets) grown.set(this.keyOffsets);
      this.keyOffsets = grown;
    }
    this.ensure(w);
    this.keyOffsets[this.keys++] = this.o;
    writeDigits(this.buf, this.o, w, v);
    this.o += w;
  }
}

/** A whole number 0–9999 (or null: `\N`) at `o`; returns the offset after it. */
function small(buf: Uint8Array, o: number, v: number | null): number {
  if (v === null) {
    buf[o] = BACKSLASH;
    buf[o + 1] = 78; // N
    return o + 2;
  }
  if (v >= 1000) buf[o++] = 48 + Math.floor(v / 1000);
  if (v >= 100) buf[o++] = 48 + (Math.floor(v / 100) % 10);
  if (v >= 10) buf[o++] = 48 + (Math.floor(v / 10) % 10);
  buf[o++] = 48 + (v % 10);
  return o;
}

/** `v` as `width` zero-padded decimal digits at `at`. */
function writeDigits(buf: Uint8Array, at: number, width: number, v: number) {
  for (let i = width - 1; i >= 0; i--) {
    buf[at + i] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
}

/**
 * Replace the zero-padded school keys at `offsets` by `map[key]` (a worker's keys by the
 * import's), in place.
 */
export function replaceKeys(buf: Uint8Array, offsets: Int32Array, width: number, map: Int32Array): void {
  for (let i = 0; i < offsets.length; i++) {
    const at = offsets[i]!;
    let v = 0;
    for (let j = 0; j < width; j++) v = v * 10 + buf[at + j]! - 48;
    writeDigits(buf, at, width, map[v]!);
  }
}
