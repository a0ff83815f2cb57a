/**
 * Staged student rows written with `COPY … FROM STDIN` on PostgreSQL (node-postgres): one COPY
 * per parse, fed while the file is being parsed, so that the server ingests rows on its own core
 * while this process reads the next ones. PGlite has no COPY stream: it keeps the unnest inserts
 * of the repository.
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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

  constructor(importId: number) {
    this.prefix = Buffer.from(`${importId}\t`);
  }

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
      for (; div >= 1; div /= 10) buf[o++] = 48 + (Math.floor(v / div) % 10);
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
    this.buf = Buffer.allocUnsafe(rows.length * 96 + 64);
    this.o = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      this.bytes(this.prefix);
      this.num(r.schoolKey);
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
    const out = this.buf.subarray(0, this.o);
    this.buf = Buffer.alloc(0);
    return out;
  }
}

export interface StudentCopy {
  /** Queue rows; resolves at once unless the connection's buffer is full. */
  write(rows: StagedStudent[]): Promise<void>;
  /** Finish the COPY; resolves when the server has stored every row. */
  end(): Promise<void>;
  /** Abandon the COPY (nothing of it is stored). */
  abort(): Promise<void>;
}

export async function openStudentCopy(pool: pg.Pool, importId: number): Promise<StudentCopy> {
  const client = await pool.connect();
  const stream = client.query(
    copyFrom(`copy result_student (import_id, school_key, school_id, student_key, class_name, procedure, subject,
      grade, year, primary_score, test_score, mark, journal_mark) from stdin`),
  );
  let failure: Error | null = null;
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', (e: Error) => {
      failure = e;
      reject(e);
    });
  });
  finished.catch(() => {});
  const encoder = new CopyEncoder(importId);
  return {
    async write(rows) {
      if (failure) throw failure;
      const out = encoder.encode(rows);
      if (!stream.write(out)) {
        await new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            stream.off('error', onError);
            resolve();
          };
          const onError = (e: Error) => {
            stream.off('drain', onDrain);
            reject(e);
          };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        });
      }
    },
    async end() {
      stream.end();
      try {
        await finished;
        release();
      } catch (e) {
        release(e as Error);
        throw e;
      }
    },
    async abort() {
      if (released) return;
      // Destroying the stream sends CopyFail: the server drops everything of this COPY.
      stream.destroy(new Error('import aborted'));
      await finished.catch(() => {});
      release();
    },
  };
}
