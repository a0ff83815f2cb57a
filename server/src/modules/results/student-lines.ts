/**
 * The fast path through a large student-level CSV file. Most rows of such a file repeat, cell for
 * cell, the school, procedure, year, class and subject of a row read before, and differ only in
 * the student's key and numbers. A row whose identifying cells are, byte for byte, those of a row
 * that `SheetRows.interpret` read into one student without a problem is taken from the bytes: the
 * key and the numbers are read directly, and the row goes to the collector (`addKnown`) and to the
 * COPY bytes as `interpret` and `addRow` would have taken it. Anything else (a new combination of
 * identifying cells, a group the collector has not met, a cell that is not a plain number or key)
 * goes through `interpret` and `addRow` as before, so the outcome is the general reader's, row for
 * row. For chunks without a quote character (the caller checks: a quote may join lines into one
 * record), in student layouts of one column group without a municipality column (a row of those
 * sets the section, see `SheetRows.schoolRowSeen`).
 * No dependencies beyond the domain: bundled into the parse workers.
 */
import type { Cell } from '../../platform/tabular/cells.js';
import { STATE_SIZE, type GroupAccumulator } from './domain/aggregate.js';
import { StreamHash } from './domain/text.js';
import type { ImportCollector, SchoolKeyInfo, StudentTarget } from './domain/collector.js';
import type { Layout } from './domain/layout.js';
import type { SheetRows } from './domain/rows.js';
import type { GroupKey, SchoolRef } from './domain/types.js';
import { CopyEncoder } from './copy-encoding.js';

/** What the fast path does with a column's cell. */
const SKIP = 0;
/** Identifying: the cell's bytes are part of the combination. */
const IDENT = 1;
const STUDENT_KEY = 2;
/** Plain numbers: PRIMARY + i is value i of the row (primary score, test score, mark, journal mark). */
const PRIMARY = 3;
const VALUES = 4;
/** Highest value the fast path takes in each number column (a mark of 0 is left to `interpret`). */
const MAX_VALUE = [1000, 100, 5, 5];
const MIN_VALUE = [0, 0, 1, 1];

/**
 * A combination of identifying cells read before: what `interpret` made of it, and where its rows
 * go. Read only when a combination is met first by a collector (`adopt`) and when its rows are
 * handed over (`flush`); a row itself touches only the combination's state (`StudentLines.state`).
 */
class Combination {
  /** The collector the target is of (a parse worker has one per part of the file). */
  owner: ImportCollector | null = null;
  info: SchoolKeyInfo | null = null;
  target: GroupAccumulator | null = null;
  /** The school id its COPY template was made for. */
  templateSchoolId: number | null | undefined = undefined;

  constructor(
    readonly school: SchoolRef,
    /** Its group (procedure, subject, grade, year). */
    readonly key: GroupKey,
    readonly className: string | null,
  ) {}
}

/**
 * A combination's state: `STRIDE` 32-bit integers (192 bytes), all that a row reads and
 * writes (a row in no order meets one of thousands of combinations: each object more was a cache
 * miss). First the accumulator's state (`GroupAccumulator.writeState`'s order; the digest's lanes
 * as 32-bit patterns), then:
 */
const S_BELOW_BY = STATE_SIZE;
/** The threshold's minimum, rounded up (the fast path's numbers are whole). */
const S_MIN = S_BELOW_BY + 1;
const S_SCHOOL_KEY = S_BELOW_BY + 2;
/** The id of the collector it was adopted by (`StudentLines.collectorId`), 0 none. */
const S_OWNER = S_BELOW_BY + 3;
/** The id of its school's municipality section (`StudentLines.sectionId`). */
const S_SECTION = S_BELOW_BY + 4;
/** Rows accumulated and not yet handed over (`flush`). */
const S_PENDING = S_BELOW_BY + 5;
/** The class label's UTF-16 code units (hashed per row): count, then up to MAX_CLASS of them. */
const S_CLASS_LENGTH = S_BELOW_BY + 6;
const S_CLASS = S_BELOW_BY + 7;
const MAX_CLASS = 8;
/** The COPY template (`CopyEncoder.template`): its length, where it splits, then its bytes. */
const S_TEMPLATE_LENGTH = S_CLASS + MAX_CLASS;
const S_TEMPLATE_HEAD = S_TEMPLATE_LENGTH + 1;
const S_TEMPLATE = S_TEMPLATE_LENGTH + 2;
const STRIDE = 48;
const MAX_TEMPLATE = (STRIDE - S_TEMPLATE) * 4;
/** The accumulator's state of a combination, handed to its group (`flush`). */
const PART = new Float64Array(STATE_SIZE);
const DIGEST_A = 16;
const DIGEST_B = 17;

export interface LineSink {
  collector: ImportCollector;
  encoder: CopyEncoder;
  /** Rows of the sheet before this part (0 in a parse worker: its collector is the part's own). */
  rowBase: number;
}

const EMPTY = -1;
/** The lanes of `StreamHash` when reset (seed 0). */
const KEY_H1 = 0xdeadbeef | 0;
const KEY_H2 = 0x41c6ce57;
/** Integers in a slot of the combinations' table, and the cells' bytes kept in it. */
const SLOT = 16;
const INLINE = 48;
/** `scan`: the line's identifying cells cannot be remembered (too long). */
const NO_KEY = -1;
/** `scan`: set on the hash of a line whose numbers or key need `interpret`. */
const NEEDS_READING = -0x40000000;
/** Longest identifying cell (bytes) and student key the fast path takes. */
const MAX_CELL = 255;
const NUMBERING_LIKE = /^\s*\d{1,3}\s*$/;

/**
 * What the fast path does with each column of a layout (by index), or null when it cannot read the
 * layout: more than one column group, a municipality column, no student key column, or a column
 * read twice.
 */
function columnRoles(layout: Layout): { roles: Int8Array; ident: number[] } | null {
  const id = layout.ident;
  if (layout.kind !== 'student' || layout.groups.length !== 1) return null;
  if (id.municipality !== undefined || id.studentKey === undefined) return null;
  const g = layout.groups[0]!.columns;
  const ident = [
    id.schoolName,
    id.schoolCode,
    id.procedure,
    id.year,
    id.grade,
    id.subject,
    id.className,
  ].filter((c): c is number => c !== undefined);
  const values = [g.primaryScore, g.testScore, g.mark, g.journalMark];
  const all = [...ident, id.studentKey, ...values.filter((c) => c !== undefined)];
  if (new Set(all).size !== all.length) return null;
  const roles = new Int8Array(Math.max(...all) + 1);
  for (const c of ident) roles[c] = IDENT;
  roles[id.studentKey] = STUDENT_KEY;
  values.forEach((c, i) => {
    if (c !== undefined) roles[c] = PRIMARY + i;
  });
  return { roles, ident };
}

export class StudentLines {
  /**
   * The combinations read before, looked up by the hash of their cells in an open-addressing table
   * of 64-byte slots (hash, index in `known` + 1, length and offset of the cells' bytes in `pool`,
   * then the first INLINE of those bytes): a million rows in no order look up thousands of
   * combinations, and one cache line per lookup costs far less than a Map of objects.
   */
  private readonly known: Combination[] = [];
  private slots = new Int32Array(SLOT * 1024);
  private slotBytes = new Uint8Array(this.slots.buffer);
  private pool = new Uint8Array(64 * 1024);
  private poolUsed = 0;
  /** The combinations' states, STRIDE integers each, by their index in `known` (see S_*). */
  private state = new Int32Array(STRIDE * 1024);
  private stateBytes = new Uint8Array(this.state.buffer);
  /** The identifying cells of the line being read, each followed by its length. */
  private readonly keyBuf: Uint8Array;
  /** `keyBuf` as words (compared four bytes at a time; zero after the key's last byte). */
  private readonly keyWords: Int32Array;
  private keyLength = 0;
  /** The numbers of the line being read (EMPTY: an empty cell). */
  private readonly values = new Int32Array(VALUES);
  /** The indices of the combinations with rows not yet handed over (`flush`). */
  private readonly owned: number[] = [];
  private keyStart = 0;
  /** The lanes of the student key's hash (`StreamHash` after the key's characters). */
  private keyH1 = 0;
  private keyH2 = 0;
  private readonly hasher = new StreamHash();
  private keyEnd = 0;
  /** Ids of the municipality sections met (the section of the row last read, and its id). */
  private readonly sections = new Map<string | null, number>();
  private lastSection: string | null | undefined = undefined;
  private lastSectionId = 0;
  /** Ids of the collectors met (the one of the row last read, and its id). */
  private lastCollector: ImportCollector | null = null;
  private lastCollectorId = 0;
  private collectors = 0;

  private constructor(
    private readonly roles: Int8Array,
    private readonly ident: number[],
    private readonly reader: SheetRows,
    private readonly sheet: string,
    private readonly headerEnd: number,
    private readonly delimiter: string,
    private readonly newline: '\n' | '\r',
    /** The text of a line's bytes (the file's encoding). */
    private readonly decode: (bytes: Uint8Array) => string,
  ) {
    this.keyWords = new Int32Array(Math.ceil((ident.length * (MAX_CELL + 1) + 4) / 4));
    this.keyBuf = new Uint8Array(this.keyWords.buffer);
  }

  /** A fast reader for a sheet of this layout, or null when its layout does not allow one. */
  static for(
    layout: Layout,
    reader: SheetRows,
    o: {
      sheet: string;
      delimiter: string;
      newline: '\n' | '\r';
      decode: (bytes: Uint8Array) => string;
    },
  ): StudentLines | null {
    const cols = columnRoles(layout);
    if (!cols || o.delimiter.length !== 1 || o.delimiter.charCodeAt(0) >= 0x80 || o.delimiter === '"')
      return null;
    return new StudentLines(
      cols.roles,
      cols.ident,
      reader,
      o.sheet,
      layout.headerEnd,
      o.delimiter,
      o.newline,
      o.decode,
    );
  }

  /**
   * Read the lines of `buf` (whole records, no quote character); `first`: the file's first part,
   * whose header rows are skipped. Returns the records (= lines) read.
   */
  read(buf: Buffer, first: boolean, sink: LineSink): number {
    const nl = this.newline.charCodeAt(0);
    const len = buf.length;
    let pos = first && len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    let index = 0;
    while (pos < len) {
      let e = buf.indexOf(nl, pos);
      const next = e < 0 ? len : e + 1;
      if (e < 0) e = len;
      let stop = e;
      if (nl === 10 && stop > pos && buf[stop - 1] === 13) stop--;
      if (!first || index > this.headerEnd) this.line(buf, pos, stop, sink.rowBase + index, sink);
      index++;
      pos = next;
    }
    return index;
  }

  /** One line (`row`: its 0-based row in the sheet). */
  private line(buf: Buffer, start: number, end: number, row: number, sink: LineSink): void {
    const hash = this.scan(buf, start, end);
    if (hash < 0) return this.slow(buf, start, end, row, sink, hash === NO_KEY ? -1 : hash & 0x3fffffff);
    const c = this.find(hash);
    if (c < 0) return this.slow(buf, start, end, row, sink, hash);
    const st = this.state;
    const base = c * STRIDE;
    const section = this.reader.schoolRowSeen();
    if (section !== this.lastSection) {
      this.lastSection = section;
      this.lastSectionId = this.sectionId(section);
    }
    if (st[base + S_SECTION] !== this.lastSectionId) return this.slow(buf, start, end, row, sink, hash);
    if (st[base + S_OWNER] !== this.collectorId(sink.collector)) {
      const k = this.known[c]!;
      const t = sink.collector.studentTarget(k.school, k.key, this.sheet, row + 1);
      if (!t || !this.adopt(c, sink.collector, t)) return this.slow(buf, start, end, row, sink, hash);
    }
    const v = this.values;
    const primary = v[0]!;
    const test = v[1]!;
    const mark = v[2]!;
    const journal = v[3]!;
    const at = (base + S_TEMPLATE) * 4;
    sink.encoder.addTemplated(
      st[base + S_SCHOOL_KEY]!,
      this.stateBytes,
      at,
      at + st[base + S_TEMPLATE_HEAD]!,
      at + st[base + S_TEMPLATE_LENGTH]!,
      buf,
      this.keyStart,
      this.keyEnd,
      primary === EMPTY ? null : primary,
      test === EMPTY ? null : test,
      mark === EMPTY ? null : mark,
      journal === EMPTY ? null : journal,
    );
    // GroupAccumulator.add, on the state
    st[base] = st[base]! + 1;
    if (mark !== EMPTY) {
      if (mark >= 2) st[base + mark - 1] = st[base + mark - 1]! + 1; // mark2…mark5 at 1…4
      st[base + 5] = st[base + 5]! + 1;
      st[base + 12] = st[base + 12]! + mark;
    }
    const belowBy = st[base + S_BELOW_BY];
    const by = belowBy === 1 ? mark : belowBy === 2 ? test : EMPTY;
    if (by !== EMPTY) {
      st[base + 7] = st[base + 7]! + 1;
      if (by < st[base + S_MIN]!) st[base + 6] = st[base + 6]! + 1;
    }
    if (test !== EMPTY) {
      st[base + 8] = st[base + 8]! + test;
      st[base + 9] = st[base + 9]! + 1;
      if (test >= 80 && test < 100) st[base + 13] = st[base + 13]! + 1;
      if (test >= 100) st[base + 14] = st[base + 14]! + 1;
    }
    if (primary !== EMPTY) {
      st[base + 10] = st[base + 10]! + primary;
      st[base + 11] = st[base + 11]! + 1;
    }
    // the hash of `key|class|primary|test|mark|journal`, as `GroupAccumulator.add` feeds it
    const h = this.hasher.resume(this.keyH1, this.keyH2);
    h.sep();
    const classEnd = base + S_CLASS + st[base + S_CLASS_LENGTH]!;
    for (let i = base + S_CLASS; i < classEnd; i++) h.ch(st[i]!);
    h.sep();
    if (primary !== EMPTY) h.num(primary);
    h.sep();
    if (test !== EMPTY) h.num(test);
    h.sep();
    if (mark !== EMPTY) h.num(mark);
    h.sep();
    if (journal !== EMPTY) h.num(journal);
    h.finish();
    st[base + 15] = st[base + 15]! + 1;
    st[base + DIGEST_A] = (st[base + DIGEST_A]! + h.a) | 0;
    st[base + DIGEST_B] = (st[base + DIGEST_B]! + h.b) | 0;
    const pending = st[base + S_PENDING]!;
    st[base + S_PENDING] = pending + 1;
    if (pending === 0) this.owned.push(c);
  }

  /** The id of a collector (from 1): the one of the row before's, or a new one. */
  private collectorId(collector: ImportCollector): number {
    if (collector !== this.lastCollector) {
      this.lastCollector = collector;
      this.lastCollectorId = ++this.collectors;
    }
    return this.lastCollectorId;
  }

  private sectionId(section: string | null): number {
    let id = this.sections.get(section);
    if (id === undefined) this.sections.set(section, (id = this.sections.size + 1));
    return id;
  }

  /**
   * Point combination `c` at its school and group `t` in `collector` (`studentTarget`); false when
   * its COPY template does not fit in its state (the row then goes through `interpret`).
   */
  private adopt(c: number, collector: ImportCollector, t: StudentTarget): boolean {
    const k = this.known[c]!;
    const st = this.state;
    const base = c * STRIDE;
    if (k.templateSchoolId !== t.schoolId) {
      const tpl = CopyEncoder.template({
        schoolId: t.schoolId,
        className: k.className,
        procedure: k.key.procedure,
        subject: k.key.subject,
        grade: k.key.grade,
        year: k.key.year,
      });
      if (tpl.bytes.length > MAX_TEMPLATE) return false;
      this.stateBytes.set(tpl.bytes, (base + S_TEMPLATE) * 4);
      st[base + S_TEMPLATE_LENGTH] = tpl.bytes.length;
      st[base + S_TEMPLATE_HEAD] = tpl.head;
      k.templateSchoolId = t.schoolId;
    }
    k.owner = collector;
    k.info = t.info;
    k.target = t.acc;
    st[base + S_OWNER] = this.collectorId(collector);
    st[base + S_SCHOOL_KEY] = t.info.key;
    return true;
  }

  /**
   * Hand the rows accumulated in combinations to their groups, and have the collector count them:
   * before the collector is read (the end of a parse worker's part, or of the file).
   */
  flush(): void {
    const st = this.state;
    for (const c of this.owned) {
      const base = c * STRIDE;
      const k = this.known[c]!;
      for (let i = 0; i < STATE_SIZE; i++) {
        PART[i] = st[base + i]!;
        st[base + i] = 0;
      }
      PART[DIGEST_A] = PART[DIGEST_A]! >>> 0;
      PART[DIGEST_B] = PART[DIGEST_B]! >>> 0;
      k.target!.merge(PART, 0);
      k.owner!.addKnown(k.info!, st[base + S_PENDING]!);
      st[base + S_PENDING] = 0;
    }
    this.owned.length = 0;
  }

  /**
   * One pass over a line's bytes: the identifying cells into `keyBuf` and their hash, the numbers
   * into `values`, the student key's bytes. Returns the hash (a small integer), or a negative number
   * when the line needs `interpret`: NO_KEY when the identifying cells cannot be a combination, else
   * the hash | NEEDS_READING (a number or the key is not plain).
   */
  private scan(buf: Buffer, start: number, end: number): number {
    const roles = this.roles;
    const d = this.delimiter.charCodeAt(0);
    const key = this.keyBuf;
    const values = this.values;
    values[0] = values[1] = values[2] = values[3] = EMPTY;
    let o = 0;
    let h = 0x811c9dc5;
    let plain = true;
    let hasKey = false;
    let f = 0;
    let p = start;
    for (;;) {
      const role = f < roles.length ? roles[f]! : SKIP;
      const from = p;
      if (role === IDENT) {
        for (; p < end; p++) {
          const x = buf[p]!;
          if (x === d) break;
          if (o >= key.length) return NO_KEY;
          key[o++] = x;
          h = Math.imul(h ^ x, 16777619);
        }
        const n = p - from;
        if (n > MAX_CELL) return NO_KEY;
        key[o++] = n;
        h = Math.imul(h ^ (n + 256), 16777619);
      } else if (role >= PRIMARY) {
        let v = 0;
        for (; p < end; p++) {
          const x = buf[p]! - 48;
          if (x === d - 48) break;
          if (x < 0 || x > 9) plain = false;
          else v = v * 10 + x;
        }
        if (p > from) {
          const i = role - PRIMARY;
          if (p - from > 7 || v > MAX_VALUE[i]! || v < MIN_VALUE[i]!) plain = false;
          values[i] = v;
        }
      } else if (role === STUDENT_KEY) {
        // Hashed as `StreamHash.text` hashes the key's characters (ASCII: a byte is a character).
        let h1 = KEY_H1;
        let h2 = KEY_H2;
        for (; p < end; p++) {
          const x = buf[p]!;
          if (x === d) break;
          if (x <= 32 || x >= 127 || x === 92) plain = false;
          h1 = Math.imul(h1 ^ x, 2654435761);
          h2 = Math.imul(h2 ^ x, 1597334677);
        }
        this.keyH1 = h1;
        this.keyH2 = h2;
        this.keyStart = from;
        this.keyEnd = p;
        hasKey = p > from && p - from <= MAX_CELL;
      } else {
        for (; p < end; p++) if (buf[p] === d) break;
      }
      if (p >= end) break;
      p++;
      f++;
    }
    this.keyLength = o;
    key[o] = key[o + 1] = key[o + 2] = 0;
    h &= 0x3fffffff;
    if (!plain || !hasKey || (values[0] === EMPTY && values[1] === EMPTY && values[2] === EMPTY))
      return h | NEEDS_READING;
    return h;
  }

  /** The line through `interpret` and `addRow`; its identifying cells are remembered if they can be. */
  private slow(buf: Buffer, start: number, end: number, row: number, sink: LineSink, hash: number): void {
    const cells: Cell[] = this.decode(buf.subarray(start, end)).split(this.delimiter);
    for (let i = 0; i < cells.length; i++) if (cells[i] === '') cells[i] = null;
    const outcome = this.reader.interpret(cells, row);
    const out = sink.collector.addRow(outcome, this.sheet, row + 1);
    for (let i = 0; i < out.length; i++) sink.encoder.add(out[i]!);
    if (
      hash < 0 ||
      outcome.kind !== 'records' ||
      !outcome.school ||
      outcome.problems.length ||
      outcome.aggregates.length ||
      outcome.students.length !== 1 ||
      out.length !== 1 ||
      // A row of small whole numbers only might be a numbering row («1 2 3 …»), which is skipped.
      this.ident.every((c) => NUMBERING_LIKE.test(String(cells[c] ?? '')))
    )
      return;
    const s = out[0]!;
    if (this.find(hash) >= 0 || (s.className !== null && s.className.length > MAX_CLASS)) return;
    const t = sink.collector.studentTarget(outcome.school, s, this.sheet, row + 1);
    if (!t) return;
    const k = new Combination(outcome.school, s, s.className);
    const c = this.remember(hash, k, t.acc);
    // a template too long for the state: the combination's rows go through `interpret`
    if (!this.adopt(c, sink.collector, t)) this.state[c * STRIDE + S_SECTION] = -1;
  }

  /** The index of the combination of the line just scanned (its cells in `keyBuf`), or -1. */
  private find(hash: number): number {
    const slots = this.slots;
    const words = this.keyWords;
    const mask = slots.length - SLOT;
    const n = this.keyLength;
    // the inline bytes as words: a slot's bytes after its key are zero, as the key's are
    const inlineWords = ((n < INLINE ? n : INLINE) + 3) >> 2;
    for (let i = (hash * SLOT) & mask; ; i = (i + SLOT) & mask) {
      const index = slots[i + 1]!;
      if (index === 0) return -1;
      if (slots[i] !== hash || slots[i + 2] !== n) continue;
      let w = 0;
      while (w < inlineWords && slots[i + 4 + w] === words[w]) w++;
      if (w < inlineWords) continue;
      if (n > INLINE) {
        const key = this.keyBuf;
        const pool = this.pool;
        const at = slots[i + 3]!;
        let j = INLINE;
        while (j < n && pool[at + j] === key[j]) j++;
        if (j < n) continue;
      }
      return index - 1;
    }
  }

  /** Remember the combination of the line just scanned, of group `acc`; returns its index. */
  private remember(hash: number, k: Combination, acc: GroupAccumulator): number {
    const n = this.keyLength;
    if (this.poolUsed + n > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + n));
      pool.set(this.pool.subarray(0, this.poolUsed));
      this.pool = pool;
    }
    this.pool.set(this.keyBuf.subarray(0, n), this.poolUsed);
    this.known.push(k);
    const slots = this.slots;
    const i = this.free(slots, hash);
    slots[i] = hash;
    slots[i + 1] = this.known.length;
    slots[i + 2] = n;
    slots[i + 3] = this.poolUsed;
    // the inline bytes, and zeros after them to the word (`find` compares words)
    const b = i * 4 + 16;
    const inline = n < INLINE ? n : INLINE;
    for (let j = 0; j < inline; j++) this.slotBytes[b + j] = this.keyBuf[j]!;
    this.poolUsed += n;
    // At most half full: probes stay short. Slots move whole, as they are.
    if (this.known.length * 2 * SLOT > slots.length) {
      this.slots = new Int32Array(slots.length * 2);
      this.slotBytes = new Uint8Array(this.slots.buffer);
      for (let i = 0; i < slots.length; i += SLOT) {
        if (!slots[i + 1]) continue;
        const to = this.free(this.slots, slots[i]!);
        for (let j = 0; j < SLOT; j++) this.slots[to + j] = slots[i + j]!;
      }
    }
    const c = this.known.length - 1;
    if ((c + 1) * STRIDE > this.state.length) {
      const state = new Int32Array(this.state.length * 2);
      state.set(this.state);
      this.state = state;
      this.stateBytes = new Uint8Array(state.buffer);
    }
    const st = this.state;
    const base = c * STRIDE;
    st[base + S_BELOW_BY] = acc.belowBy;
    st[base + S_MIN] = Math.min(Math.ceil(acc.minValue), 0x7fffffff);
    st[base + S_SECTION] = this.sectionId(k.school.municipality);
    const label = k.className ?? '';
    st[base + S_CLASS_LENGTH] = label.length;
    for (let i = 0; i < label.length; i++) st[base + S_CLASS + i] = label.charCodeAt(i);
    return c;
  }

  /** The first free slot for `hash`. */
  private free(slots: Int32Array, hash: number): number {
    const mask = slots.length - SLOT;
    let i = (hash * SLOT) & mask;
    while (slots[i + 1]) i = (i + SLOT) & mask;
    return i;
  }
}
