/**
 * Text written straight into bytes (UTF-8), for the long texts of a national run (the context's
 * part of the fingerprint, the rows stored by COPY): no string is built per line and encoded
 * afterwards. Numbers are written exactly as `String` writes them.
 */
export class ByteWriter {
  protected buf: Buffer;
  protected o = 0;
  /** Texts written through `text`, as bytes. */
  private readonly texts = new Map<string, Buffer>();

  constructor(protected readonly size = 1 << 20) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** The number of bytes written so far. */
  get length(): number {
    return this.o;
  }

  protected ensure(n: number) {
    if (this.o + n <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.o + n));
    this.buf.copy(b, 0, 0, this.o);
    this.buf = b;
  }

  bytes(b: Uint8Array) {
    const n = b.length;
    this.ensure(n);
    const buf = this.buf;
    let o = this.o;
    for (let i = 0; i < n; i++) buf[o++] = b[i]!;
    this.o = o;
  }

  /** Characters below 0x80, as they are. */
  ascii(s: string) {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let o = this.o;
    for (let i = 0; i < n; i++) buf[o++] = s.charCodeAt(i);
    this.o = o;
  }

  byte(c: number) {
    this.ensure(1);
    this.buf[this.o++] = c;
  }

  /** Any text, as UTF-8 (the bytes of the first 10,000 distinct texts are remembered). */
  text(s: string) {
    let b = this.texts.get(s);
    if (!b) {
      b = Buffer.from(s, 'utf8');
      if (this.texts.size < 10_000) this.texts.set(s, b);
    }
    this.bytes(b);
  }

  /** A whole number within ±2^31, as `String` writes it. */
  private smallInt(v: number) {
    this.ensure(12);
    const buf = this.buf;
    let o = this.o;
    if (v < 0) {
      buf[o++] = 45; // -
      v = -v;
    }
    if (v < 10) buf[o++] = 48 + v;
    else {
      let digits = 1;
      for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
      o += digits;
      for (let k = 1; k <= digits; k++) {
        const d = v % 10;
        buf[o - k] = 48 + d;
        v = (v - d) / 10;
      }
    }
    this.o = o;
  }

  /**
   * A number as `String` writes it: whole numbers and those of at most two decimals (a whole
   * number of hundredths divided by 100 is the double nearest to that decimal, whose shortest form
   * `String` gives: the decimal without trailing zeros) digit by digit, others through `String`.
   */
  num(v: number) {
    if (v === (v | 0) && v !== -2147483648) return this.smallInt(v | 0);
    if (v > -2e7 && v < 2e7) {
      const h = Math.round(v * 100);
      if (h / 100 === v && h !== 0) {
        const a = h < 0 ? -h : h;
        const whole = Math.floor(a / 100);
        const cents = a - whole * 100;
        if (h < 0) this.byte(45); // -
        this.smallInt(whole);
        this.ensure(3);
        const buf = this.buf;
        buf[this.o++] = 46; // .
        buf[this.o++] = 48 + Math.floor(cents / 10);
        if (cents % 10 !== 0) buf[this.o++] = 48 + (cents % 10);
        return;
      }
    }
    this.ascii(String(v));
  }

  /** The bytes written, handed over; the writer is not used any more. */
  finish(): Buffer {
    return this.buf.subarray(0, this.o);
  }

  /** The bytes written so far, handed over (the writer starts a new buffer). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.o);
    this.buf = Buffer.allocUnsafe(Math.max(this.size, this.o));
    this.o = 0;
    return out;
  }
}
