import { ByteWriter } from './domain/bytes.js';

/**
 * Rows of `COPY … FROM STDIN` (text format) written straight into bytes, with JSON texts inside
 * them (the figures), so that a national run builds no string per school: the template strings,
 * `JSON.stringify` and the UTF-8 encoding of one long text per chunk were most of the time Node
 * spent encoding a run's rows, and much of its garbage. Every value is written exactly as the
 * strings were: numbers as `String` gives them (or `JSON.stringify`: `null` when not finite),
 * strings of JSON as `JSON.stringify` quotes them, the JSON text's backslashes doubled (COPY's
 * escape).
 */

const TAB = 9;
const NL = 10;
const BACKSLASH = 92;
const QUOTE = 34;

export class CopyTextWriter extends ByteWriter {
  /** The JSON literal of a string, COPY-escaped, as bytes. */
  private readonly strings = new Map<string, Buffer>();

  /** `copy`: backslashes doubled, as COPY reads them (false: plain JSON text). */
  constructor(
    size?: number,
    private readonly copy = true,
  ) {
    super(size);
  }

  private escaped(s: string): string {
    return this.copy && s.includes('\\') ? s.replace(/\\/g, '\\\\') : s;
  }

  tab() {
    this.byte(TAB);
  }

  newline() {
    this.byte(NL);
  }

  /** A COPY field of a number: `\N` when null or not finite, else as `String` writes it. */
  numOrNull(v: number | null) {
    if (v !== null && Number.isFinite(v)) this.num(v);
    else {
      this.ensure(2);
      this.buf[this.o++] = BACKSLASH;
      this.buf[this.o++] = 78; // N
    }
  }

  // ---- JSON inside a COPY field (backslashes doubled)

  /** A JSON number as `JSON.stringify` writes it (`null` when not finite). */
  jsonNum(v: number) {
    if (Number.isFinite(v)) this.num(v);
    else this.ascii('null');
  }

  /** A JSON string as `JSON.stringify` quotes it. */
  jsonStr(s: string) {
    let b = this.strings.get(s);
    if (!b) {
      const n = s.length;
      let plain = n < 64;
      for (let i = 0; i < n && plain; i++) {
        const c = s.charCodeAt(i);
        if (c < 32 || c >= 0x7f || c === QUOTE || c === BACKSLASH) plain = false;
      }
      b = plain ? Buffer.from(`"${s}"`, 'latin1') : Buffer.from(this.escaped(JSON.stringify(s)), 'utf8');
      if (this.strings.size < 10_000) this.strings.set(s, b);
    }
    this.bytes(b);
  }

  /**
   * Any value as `JSON.stringify` writes it as an element of an array (undefined, functions and
   * symbols as `null`): numbers, strings, booleans, null and arrays of them directly, other
   * values through `JSON.stringify`.
   */
  json(v: unknown) {
    switch (typeof v) {
      case 'number':
        return this.jsonNum(v);
      case 'string':
        return this.jsonStr(v);
      case 'boolean':
        return this.ascii(v ? 'true' : 'false');
      case 'undefined':
      case 'function':
      case 'symbol':
        return this.ascii('null');
    }
    if (v === null) return this.ascii('null');
    if (Array.isArray(v) && !('toJSON' in v)) {
      this.byte(91); // [
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.byte(44); // ,
        this.json(v[i]);
      }
      this.byte(93); // ]
      return;
    }
    const text = JSON.stringify(v) as string | undefined;
    if (text === undefined) this.ascii('null');
    else this.bytes(Buffer.from(this.escaped(text), 'utf8'));
  }
}
