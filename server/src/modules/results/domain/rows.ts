/**
 * Reading the data rows of a sheet whose layout is known: total and subtotal rows skipped,
 * municipality section rows remembered, every cell parsed (`parseNumberRu`) and validated
 * (ranges, below-minimum ≤ participants, marks ≤ participants, known subjects and years), and
 * the records of the row returned with its problems.
 *
 * Pure: one `SheetRows` per sheet, fed row by row (so that a million rows can stream through).
 */
import { parseNumberRu, type Cell } from '../../../platform/tabular/cells.js';
import { completeFigures } from './aggregate.js';
import { findYear, gradeOfClass, type CatalogIndex } from './catalog.js';
import {
  GRADE_REQUIRED,
  isNumberingRow,
  type ColumnGroup,
  type ImportMapping,
  type Layout,
  type Measure,
} from './layout.js';
import { words } from './text.js';
import type { AggregateRecord, Figures, Problem, SchoolRef, StudentRecord } from './types.js';

export interface RowContext {
  file: string;
  sheet: string;
  layout: Layout;
  catalog: CatalogIndex;
  mapping: ImportMapping;
}

export type RowOutcome =
  | { kind: 'skip'; reason: 'empty' | 'numbering' | 'total' | 'municipality' | 'header' }
  | {
      kind: 'records';
      school: SchoolRef | null;
      aggregates: AggregateRecord[];
      students: StudentRecord[];
      problems: Problem[];
    };

const TOTAL =
  /^(?:итого|всего|в целом|по региону|по области|по краю|по республике|по округу|среднее|средний|region|total)(?: |$)|(?:^| )(?:итого|всего по)(?: |$)/;
const SCHOOL_WORDS =
  /(?:^| )(?:школ\S*|сош|оош|нош|лицей|гимназия|интернат|центр|училище|оу|мбоу|маоу|мкоу|гбоу|кадетск\S*|академия|комплекс)(?: |$)/;
const MUNICIPALITY_WORDS =
  /(?:^| )(?:муниципальн\S* (?:район|округ)|городской округ|район|го|мр|мо|муниципальное образование)(?: |$)/;

/**
 * Does `s` need whitespace normalisation? Only when it holds whitespace (`\s`) other than single
 * inner spaces: a scan of char codes (most cells are short and have none), the regex otherwise.
 */
export function needsSpaceFix(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // Every \s character is ≤ 0x20, 0x85 (not \s), 0xa0, 0x1680, 0x2000–0x3000 or 0xfeff.
    if (c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x3000) || c === 0xfeff)
      return !/^\S(?:\S| (?! ))*$/.test(s);
  }
  return false;
}

function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return needsSpaceFix(c) ? c.replace(/\s+/g, ' ').trim() : c;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c);
}

const PLAIN_NUMBER = /^-?\d{1,9}(?:[.,]\d+)?$/;

/** parseNumberRu with a fast path for the plain numbers that make up most cells. */
function number(c: Cell | undefined): number | null | 'invalid' {
  if (typeof c === 'number') return Number.isFinite(c) ? c + 0 : 'invalid';
  // Digits only (most cells): the value without a regex or a conversion.
  if (typeof c === 'string' && c.length > 0 && c.length <= 9) {
    let v = 0;
    let i = 0;
    for (; i < c.length; i++) {
      const d = c.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === c.length) return v;
  }
  if (typeof c === 'string' && PLAIN_NUMBER.test(c)) return Number(c.replace(',', '.'));
  return parseNumberRu(c ?? null);
}

const MAX_COUNT = 100_000;

/** The shared empty list of a row outcome (read only: consumers iterate). */
const NONE: never[] = [];

/** How a part of a sheet read on its own depended on the municipality section it started in. */
export interface SectionUse {
  /** A school row used the section the part started in (before any row of the part set one). */
  inheritedRead: boolean;
  /** The section at the end of the part; undefined when no row of the part set one. */
  municipality: string | null | undefined;
}

export class SheetRows {
  /** The municipality of the section being read (a section title or subtotal row sets it). */
  private municipality: string | null = null;
  private sectionSet = true;
  private inheritedRead = false;
  private readonly headerTexts: Map<number, string>;
  private readonly measureCols: number[];
  /** Per-value lookups repeat on every row of a long list: remembered by the raw text. */
  private readonly procedures = new Map<string, string | null>();
  private readonly subjects = new Map<string, string | null | undefined>();
  private readonly totals = new Map<string, boolean>();
  private readonly codeRefs = new Map<string, SchoolRef>();
  private readonly years = new Map<string, number | null>();
  /** A class label's grade, null when the label is not a class («5А», «11 Б»). */
  private readonly grades = new Map<string, number | null>();
  private readonly classGrades = new Map<string, number | null>();

  /** The row being read and its problems (one `report` function for all rows: no closure per row). */
  private row = 0;
  private problems: Problem[] = NONE;
  private readonly report = (
    col: number | undefined,
    field: string,
    key: string,
    params: Record<string, string | number> = {},
    severity: 'error' | 'warning' = 'error',
  ) => {
    const info = col === undefined ? undefined : this.ctx.layout.columns[col];
    if (this.problems === NONE) this.problems = [];
    this.problems.push({
      file: this.ctx.file,
      sheet: this.ctx.sheet,
      row: this.row,
      column: info?.letter ?? '',
      field,
      key,
      params: { ...params, ...(info ? { header: info.header.join(' / ') } : {}) },
      severity,
    });
  };

  constructor(private readonly ctx: RowContext) {
    this.headerTexts = new Map(ctx.layout.columns.map((c) => [c.index, c.header[0] ?? '']));
    this.measureCols = ctx.layout.groups.flatMap((g) => Object.values(g.columns) as number[]);
  }

  /**
   * Start reading a part of the sheet on its own (a parse worker's chunk), in the section of
   * `inherited`; `sectionUse` tells afterwards whether that mattered.
   */
  beginPart(inherited: string | null): void {
    this.municipality = inherited;
    this.sectionSet = false;
    this.inheritedRead = false;
  }

  sectionUse(): SectionUse {
    return {
      inheritedRead: this.inheritedRead,
      municipality: this.sectionSet ? this.municipality : undefined,
    };
  }

  /**
   * A school row taken without `interpret` (a row like one interpreted before, in a layout without
   * a municipality column, see `StudentLines`): the section state as `interpret` would leave it.
   * Returns the municipality the row's school is read in.
   */
  schoolRowSeen(): string | null {
    if (!this.sectionSet) this.inheritedRead = true;
    return this.municipality;
  }

  private setSection(m: string): void {
    this.municipality = m;
    this.sectionSet = true;
  }

  private isTotal(t: string): boolean {
    if (!t) return false;
    let total = this.totals.get(t);
    if (total === undefined) {
      total = TOTAL.test(words(t));
      if (this.totals.size < 100_000) this.totals.set(t, total);
    }
    return total;
  }

  /** Interpret the row at 0-based index `r` (the file shows row r + 1). */
  interpret(cells: Cell[], r: number): RowOutcome {
    const { layout } = this.ctx;
    let empty = true;
    for (let i = 0; i < cells.length && empty; i++) empty = text(cells[i]) === '';
    if (empty) return { kind: 'skip', reason: 'empty' };
    if (isNumberingRow(cells)) return { kind: 'skip', reason: 'numbering' };
    const id = layout.ident;
    const name = id.schoolName !== undefined ? text(cells[id.schoolName]) : '';
    const code = id.schoolCode !== undefined ? text(cells[id.schoolCode]) : '';
    const muni = id.municipality !== undefined ? text(cells[id.municipality]) : '';
    if (name && name === this.headerTexts.get(id.schoolName!)) return { kind: 'skip', reason: 'header' };

    // Totals: «Итого», «ВСЕГО по региону», «Всего по МО» in any identifying cell.
    const firstText =
      name || code || muni ? '' : (cells.map(text).find((t) => t !== '' && Number.isNaN(Number(t))) ?? '');
    if (this.isTotal(name) || this.isTotal(muni) || this.isTotal(code) || this.isTotal(firstText)) {
      return { kind: 'skip', reason: 'total' };
    }
    let hasFigures = false;
    for (let i = 0; i < this.measureCols.length && !hasFigures; i++)
      hasFigures = text(cells[this.measureCols[i]!]) !== '';
    // A municipality row (the municipality's subtotal, or a section title in the name column).
    if (!name && !code && muni) {
      this.setSection(muni);
      return { kind: 'skip', reason: 'municipality' };
    }
    if (name && !code && id.municipality === undefined) {
      const w = words(name);
      if (MUNICIPALITY_WORDS.test(w) && !SCHOOL_WORDS.test(w)) {
        this.setSection(name);
        return { kind: 'skip', reason: 'municipality' };
      }
    }
    if (muni) this.setSection(muni);

    // Most rows have no problem: the shared empty list is replaced on the first one.
    this.problems = NONE as Problem[];
    const row = r + 1;
    this.row = row;
    const problem = this.report;

    if (!name && !code) {
      if (hasFigures) problem(id.schoolName ?? id.schoolCode, 'school', 'results.noSchool');
      return { kind: 'records', school: null, aggregates: NONE, students: NONE, problems: this.problems };
    }
    if (!this.sectionSet) this.inheritedRead = true;
    // A list naming schools by code only repeats the same few hundred codes: one object per code.
    let school: SchoolRef | undefined =
      !name && this.municipality === null ? this.codeRefs.get(code) : undefined;
    if (!school) {
      school = { code: code || null, name: name || code, municipality: this.municipality };
      if (!name && this.municipality === null && this.codeRefs.size < 100_000)
        this.codeRefs.set(code, school);
    }

    // Per-row procedure, year, grade, subject when the table has columns for them.
    let procedure = layout.procedure;
    if (id.procedure !== undefined) {
      const v = text(cells[id.procedure]);
      if (v) {
        let p = this.procedures.get(v);
        if (p === undefined) {
          p = this.ctx.catalog.findProcedure(v)?.code ?? null;
          this.procedures.set(v, p);
        }
        if (p) procedure = p;
        else {
          problem(id.procedure, 'procedure', 'results.unknownProcedure', { value: v });
          procedure = null;
        }
      } else if (!procedure) problem(id.procedure, 'procedure', 'results.required', {});
    }
    let year = layout.year;
    if (id.year !== undefined) {
      const v = cells[id.year];
      let y: number | null;
      if (typeof v === 'number') y = v;
      else if (typeof v === 'string' && this.years.has(v)) y = this.years.get(v)!;
      else {
        y = /^\s*20\d{2}\s*$/.test(String(v ?? '')) ? Number(v) : findYear(text(v));
        if (typeof v === 'string' && this.years.size < 10_000) this.years.set(v, y);
      }
      if (y !== null && Number.isInteger(y) && y >= 2000 && y <= 2100) year = y;
      else if (text(v) || year === null) {
        problem(id.year, 'year', 'results.badYear', { value: text(v) });
        year = null;
      }
    }
    let rowGrade: number | null = null;
    let gradeBad = false;
    if (id.grade !== undefined) {
      const v = text(cells[id.grade]);
      if (v) {
        let g = this.grades.get(v);
        if (g === undefined) {
          g = gradeOfClass(v);
          if (!/^\s*\d{1,2}\s*\S{0,3}\s*$/.test(v)) g = null;
          if (this.grades.size < 10_000) this.grades.set(v, g);
        }
        if (g === null) {
          problem(id.grade, 'grade', 'results.badGrade', { value: v });
          gradeBad = true;
        } else rowGrade = g;
      }
    }
    let rowSubject: string | null = null;
    let subjectBad = false;
    if (id.subject !== undefined) {
      const v = text(cells[id.subject]);
      if (v) {
        let s = this.subjects.get(v);
        if (!this.subjects.has(v)) {
          const mapped = this.ctx.mapping.subjects?.[words(v)];
          s = mapped !== undefined ? mapped : (this.ctx.catalog.findSubject(v)?.code ?? undefined);
          this.subjects.set(v, s);
        }
        if (s === null)
          return { kind: 'records', school, aggregates: NONE, students: NONE, problems: this.problems };
        if (s === undefined) {
          problem(id.subject, 'subject', 'results.unknownSubject', { value: v });
          subjectBad = true;
        } else rowSubject = s;
      }
    }
    if (procedure === null || year === null || gradeBad || subjectBad) {
      return { kind: 'records', school, aggregates: NONE, students: NONE, problems: this.problems };
    }
    const proc = this.ctx.catalog.procedure(procedure)!;

    let aggregates: AggregateRecord[] = NONE;
    let students: StudentRecord[] = NONE;
    const groups = layout.groups;
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi]!;
      const subject = g.subject ?? rowSubject ?? layout.subject;
      if (!subject) {
        if (id.subject !== undefined) problem(id.subject, 'subject', 'results.required');
        continue;
      }
      const gYear = g.year ?? year;
      if (layout.kind === 'student') {
        const s = this.student(
          cells,
          g,
          problem,
          school,
          row,
          procedure,
          subject,
          gYear,
          rowGrade ?? g.grade ?? layout.grade,
        );
        if (s) {
          if (students === NONE) students = [];
          students.push(s);
        }
        continue;
      }
      let grade = rowGrade ?? g.grade ?? layout.grade;
      if (grade === null) {
        if (GRADE_REQUIRED.has(procedure)) {
          problem(id.grade, 'grade', 'results.noGradeRow', { procedure: proc.shortName });
          continue;
        }
        grade = 0;
      }
      const f = this.figures(cells, g, problem, proc.scale);
      if (!f) continue;
      const key = { procedure, subject, grade, year: gYear };
      if (aggregates === NONE) aggregates = [];
      aggregates.push({
        ...key,
        school,
        figures: completeFigures(f, this.ctx.catalog.threshold(procedure, subject, gYear)),
        source: { sheet: this.ctx.sheet, row },
      });
    }
    return {
      kind: 'records',
      school,
      aggregates,
      students,
      problems: this.problems,
    };
  }

  /** Parse one count cell: an integer 0..100000, or null when empty. */
  private count(
    cells: Cell[],
    col: number | undefined,
    field: string,
    problem: (c: number | undefined, f: string, k: string, p?: Record<string, string | number>) => void,
  ): number | null | undefined {
    if (col === undefined) return null;
    const raw = cells[col];
    const v = number(raw);
    if (v === null) return null;
    if (v === 'invalid') {
      problem(col, field, 'results.notNumber', { value: text(raw) });
      return undefined;
    }
    if (!Number.isInteger(v)) {
      problem(col, field, 'results.notInteger', { value: text(raw) });
      return undefined;
    }
    if (v < 0 || v > MAX_COUNT) {
      problem(col, field, 'results.outOfRange', { value: text(raw), min: 0, max: MAX_COUNT });
      return undefined;
    }
    return v;
  }

  private decimal(
    cells: Cell[],
    col: number | undefined,
    field: string,
    min: number,
    max: number,
    problem: (c: number | undefined, f: string, k: string, p?: Record<string, string | number>) => void,
  ): number | null | undefined {
    if (col === undefined) return null;
    const raw = cells[col];
    const v = number(raw);
    if (v === null) return null;
    if (v === 'invalid') {
      problem(col, field, 'results.notNumber', { value: text(raw) });
      return undefined;
    }
    if (v < min || v > max) {
      problem(col, field, 'results.outOfRange', { value: text(raw), min, max });
      return undefined;
    }
    return v;
  }

  private figures(
    cells: Cell[],
    g: ColumnGroup,
    problem: (c: number | undefined, f: string, k: string, p?: Record<string, string | number>) => void,
    scale: 'mark' | 'score' | 'percent',
  ): Figures | null {
    const c = g.columns as Partial<Record<Measure, number>>;
    const all = Object.values(c) as number[];
    if (all.every((i) => text(cells[i]) === '')) return null;
    const n = this.count(cells, c.participants, 'participants', problem);
    const counts = {
      belowMin: this.count(cells, c.belowMin, 'belowMin', problem),
      mark2: this.count(cells, c.mark2, 'mark2', problem),
      mark3: this.count(cells, c.mark3, 'mark3', problem),
      mark4: this.count(cells, c.mark4, 'mark4', problem),
      mark5: this.count(cells, c.mark5, 'mark5', problem),
      high80: this.count(cells, c.high80, 'high80', problem),
      high100: this.count(cells, c.high100, 'high100', problem),
    };
    const pcts = {
      belowMinPct: this.decimal(cells, c.belowMinPct, 'belowMin', 0, 100, problem),
      successPct: this.decimal(cells, c.successPct, 'belowMin', 0, 100, problem),
      mark2Pct: this.decimal(cells, c.mark2Pct, 'mark2', 0, 100, problem),
      mark3Pct: this.decimal(cells, c.mark3Pct, 'mark3', 0, 100, problem),
      mark4Pct: this.decimal(cells, c.mark4Pct, 'mark4', 0, 100, problem),
      mark5Pct: this.decimal(cells, c.mark5Pct, 'mark5', 0, 100, problem),
    };
    const meanRange = scale === 'mark' ? [1, 5] : [0, 100];
    const mean = this.decimal(cells, c.mean, 'mean', meanRange[0]!, meanRange[1]!, problem);
    if (n === undefined || mean === undefined) return null;
    if (Object.values(counts).includes(undefined) || Object.values(pcts).includes(undefined)) return null;
    if (n === null) {
      problem(c.participants, 'participants', 'results.participantsMissing');
      return null;
    }
    if (n === 0) return null;
    // In published reports an empty count cell next to a filled number of participants means 0.
    const zeroIfColumn = (v: number | null, col: number | undefined) =>
      v === null && col !== undefined ? 0 : v;
    counts.belowMin = zeroIfColumn(counts.belowMin!, c.belowMin);
    counts.high80 = zeroIfColumn(counts.high80!, c.high80);
    counts.high100 = zeroIfColumn(counts.high100!, c.high100);
    for (const m of ['mark2', 'mark3', 'mark4', 'mark5'] as const) counts[m] = zeroIfColumn(counts[m]!, c[m]);
    const fromPct = (p: number | null | undefined) =>
      p === null || p === undefined ? null : Math.round((p * n) / 100);
    const f: Figures = {
      participants: n,
      belowMin:
        counts.belowMin ??
        fromPct(pcts.belowMinPct) ??
        (pcts.successPct !== null && pcts.successPct !== undefined ? n - fromPct(pcts.successPct)! : null),
      mark2: counts.mark2 ?? fromPct(pcts.mark2Pct),
      mark3: counts.mark3 ?? fromPct(pcts.mark3Pct),
      mark4: counts.mark4 ?? fromPct(pcts.mark4Pct),
      mark5: counts.mark5 ?? fromPct(pcts.mark5Pct),
      meanScore: mean,
      high80: counts.high80,
      high100: counts.high100,
    };
    let ok = true;
    if (f.belowMin !== null && f.belowMin > n) {
      problem(c.belowMin ?? c.belowMinPct ?? c.successPct, 'belowMin', 'results.belowMinExceeds', {
        value: f.belowMin,
        participants: n,
      });
      ok = false;
    }
    const marks = [f.mark2, f.mark3, f.mark4, f.mark5];
    const sum = marks.reduce<number>((s, m) => s + (m ?? 0), 0);
    if (sum > n) {
      problem(c.mark2 ?? c.mark2Pct ?? c.mark5 ?? c.mark5Pct, 'marks', 'results.marksExceed', {
        sum,
        participants: n,
      });
      ok = false;
    }
    if ((f.high80 ?? 0) + (f.high100 ?? 0) > n) {
      problem(c.high80 ?? c.high100, 'high80', 'results.highExceeds', {
        value: (f.high80 ?? 0) + (f.high100 ?? 0),
        participants: n,
      });
      ok = false;
    }
    return ok ? f : null;
  }

  private student(
    cells: Cell[],
    g: ColumnGroup,
    problem: (
      c: number | undefined,
      f: string,
      k: string,
      p?: Record<string, string | number>,
      s?: 'error' | 'warning',
    ) => void,
    school: SchoolRef,
    row: number,
    procedure: string,
    subject: string,
    year: number,
    keyGrade: number | null,
  ): StudentRecord | null {
    const id = this.ctx.layout.ident;
    const c = g.columns;
    const studentKey = id.studentKey !== undefined ? text(cells[id.studentKey]) : '';
    const className = id.className !== undefined ? text(cells[id.className]) || null : null;
    const primaryScore = this.decimal(cells, c.primaryScore, 'primaryScore', 0, 1000, problem);
    const testScore = this.decimal(cells, c.testScore, 'testScore', 0, 100, problem);
    const mark = this.decimal(cells, c.mark, 'mark', 1, 5, problem);
    const journalMark = this.decimal(cells, c.journalMark, 'journalMark', 1, 5, problem);
    if (
      primaryScore === undefined ||
      testScore === undefined ||
      mark === undefined ||
      journalMark === undefined
    )
      return null;
    if (!studentKey) {
      problem(id.studentKey, 'studentKey', 'results.studentKeyMissing');
      return null;
    }
    if (primaryScore === null && testScore === null && mark === null) {
      problem(
        c.mark ?? c.testScore ?? c.primaryScore,
        'mark',
        'results.studentNoResult',
        { value: studentKey },
        'warning',
      );
      return null;
    }
    let grade = keyGrade;
    if (grade === null && className) {
      let cg = this.classGrades.get(className);
      if (cg === undefined) {
        cg = gradeOfClass(className);
        if (this.classGrades.size < 10_000) this.classGrades.set(className, cg);
      }
      grade = cg;
    }
    grade ??= 0;
    if (grade === 0 && GRADE_REQUIRED.has(procedure)) {
      problem(id.className, 'grade', 'results.noGradeRow', {
        procedure: this.ctx.catalog.procedure(procedure)?.shortName ?? procedure,
      });
      return null;
    }
    return {
      schoolKey: 0,
      schoolId: null,
      school,
      procedure,
      subject,
      grade,
      year,
      studentKey,
      className,
      primaryScore: primaryScore ?? null,
      testScore: testScore ?? null,
      mark: mark === null || mark === undefined ? null : Math.round(mark),
      journalMark: journalMark === null || journalMark === undefined ? null : Math.round(journalMark),
      sheet: this.ctx.sheet,
      row,
    };
  }
}
