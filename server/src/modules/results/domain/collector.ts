/**
 * Collects what the rows of a file say into what an import would write: the schools the file
 * names (each with a key and its match in the registry), the school aggregates (read from the
 * file or aggregated from student records), the student rows, and every problem.
 * Pure and incremental: student rows are handed back row by row to be written in chunks, so the
 * memory held is bounded by the number of schools and groups, not by the number of rows.
 */
import { GroupAccumulator, STATE_SIZE, figuresDigest } from './aggregate.js';
import type { CatalogIndex } from './catalog.js';
import { refKey, type SchoolMatcher } from './match.js';
import { normaliseMunicipality, normaliseSchoolName } from './names.js';
import type { RowOutcome } from './rows.js';
import type { Figures, GroupKey, MatchResult, Problem, SchoolRef, SourceRef } from './types.js';

type Accumulated = { acc: GroupAccumulator; schoolKey: number; source: SourceRef };

/**
 * The school and student group of a row (see `studentTarget`): what a fast
 * reader keeps to add the next such rows with `addKnown`.
 */
export interface StudentTarget {
  readonly info: SchoolKeyInfo;
  readonly acc: GroupAccumulator;
  readonly schoolId: number | null;
}

export interface SchoolKeyInfo {
  key: number;
  ref: SchoolRef;
  normName: string;
  normMunicipality: string;
  match: MatchResult;
  rows: number;
  errors: number;
  first: SourceRef;
  /** The school's student groups by `localId` (internal to the collector). */
  accumulators?: Map<number, Accumulated>;
}

export interface StagedGroup extends GroupKey {
  schoolKey: number;
  figures: Figures;
  digest: string;
  fromStudents: boolean;
  source: SourceRef;
}

export interface StagedStudent {
  schoolKey: number;
  schoolId: number | null;
  studentKey: string;
  className: string | null;
  procedure: string;
  subject: string;
  grade: number;
  year: number;
  primaryScore: number | null;
  testScore: number | null;
  mark: number | null;
  journalMark: number | null;
}

export interface CollectedImport {
  kind: 'aggregate' | 'student' | 'mixed' | null;
  schools: SchoolKeyInfo[];
  groups: StagedGroup[];
  coverage: GroupKey[];
  /** At most `maxProblems`, errors first. */
  problems: Problem[];
  problemCount: number;
  /** Errors not tied to a school row (they block the commit whatever is excluded). */
  fileErrors: number;
  stats: {
    rows: number;
    records: number;
    students: number;
    aggregates: number;
    skippedTotals: number;
    skippedEmpty: number;
    sheets: number;
    sheetsSkipped: number;
  };
}

/** What a collector took from a part of a file (see `ImportCollector.snapshot`): plain data. */
export interface CollectorSnapshot {
  /** In the order first met; a school's key in the part is its index + 1. */
  schools: Array<Omit<SchoolKeyInfo, 'key' | 'accumulators'> & { id: string }>;
  /**
   * The student groups, packed (thousands per part): per group `ACC_FIELDS` integers in `keys`
   * (school key, procedure and subject as indexes of `codes`, grade, year, the first row's sheet as
   * an index of `codes` and its row) and `STATE_SIZE` numbers in `states`.
   */
  accumulators: { count: number; keys: Int32Array; states: Float64Array; codes: string[] };
  /** In the order met, rows and school keys of the part. */
  problems: Problem[];
  problemCount: number;
  fileErrors: number;
  stats: CollectedImport['stats'];
  hasStudents: boolean;
}

/** A group within a school as a small integer (`p`, `s`: interned procedure and subject), or -1. */
function localIdOf(p: number, s: number, grade: number, year: number): number {
  const y = year - 1900;
  if (p < 16 && s < 512 && grade >= 0 && grade < 32 && y >= 0 && y < 256)
    return ((p * 512 + s) * 32 + grade) * 256 + y;
  return -1;
}

/** An error about the whole file (unreadable, no header): kept beyond the cap, it blocks everything. */
const isFileError = (p: Problem) => p.row === 0 && p.severity === 'error';

/** Integers per group in `CollectorSnapshot.accumulators.keys`. */
const ACC_FIELDS = 7;

/** Problems kept by default (the count goes on). */
export const DEFAULT_MAX_PROBLEMS = 5000;

/** Small numbers for the procedure and subject codes of a file, so that group ids are numbers. */
class Interned {
  private readonly ids = new Map<string, number>();
  list(): string[] {
    return [...this.ids.keys()];
  }
  id(s: string): number {
    let v = this.ids.get(s);
    if (v === undefined) {
      v = this.ids.size;
      this.ids.set(s, v);
    }
    return v;
  }
}

export class ImportCollector {
  private readonly keys = new Map<string, SchoolKeyInfo>();
  /** code → name → municipality as spelled in the file (no string built per row). */
  private readonly rawKeys = new Map<string, Map<string, Map<string, SchoolKeyInfo>>>();
  private readonly interned = new Interned();
  private readonly byCode = new Map<string, SchoolKeyInfo>();
  private readonly keyList: SchoolKeyInfo[] = [];
  /** The `refKey` of each school of `keyList`. */
  private readonly keyIds: string[] = [];
  private readonly groups = new Map<number | string, StagedGroup>();
  private readonly accumulators = new Map<number | string, Accumulated>();
  private readonly problems: Problem[] = [];
  private problemCount = 0;
  private fileErrors = 0;
  private hasAggregates = false;
  private hasStudents = false;
  readonly stats: CollectedImport['stats'] = {
    rows: 0,
    records: 0,
    students: 0,
    aggregates: 0,
    skippedTotals: 0,
    skippedEmpty: 0,
    sheets: 0,
    sheetsSkipped: 0,
  };

  constructor(
    private readonly catalog: CatalogIndex,
    private readonly matcher: SchoolMatcher,
    private readonly file = '',
    private readonly maxProblems = DEFAULT_MAX_PROBLEMS,
  ) {}

  addProblems(list: Problem[], schoolKey?: number): void {
    for (const p of list) {
      this.problemCount++;
      if (p.severity === 'error') {
        if (schoolKey === undefined) this.fileErrors++;
        else this.keyList[schoolKey - 1]!.errors++;
      }
      if (this.problems.length < this.maxProblems || isFileError(p)) {
        this.problems.push(schoolKey === undefined ? p : { ...p, schoolKey });
      }
    }
  }

  /** (procedure, subject, grade, year) as a small integer (a V8 Smi), or -1 when out of range. */
  private localId(k: GroupKey): number {
    return localIdOf(this.interned.id(k.procedure), this.interned.id(k.subject), k.grade, k.year);
  }

  /** A number naming (school key, procedure, subject, grade, year); a string when out of range. */
  private groupId(schoolKey: number, k: GroupKey): number | string {
    const p = this.interned.id(k.procedure);
    const s = this.interned.id(k.subject);
    const y = k.year - 1900;
    if (p < 64 && s < 1024 && k.grade >= 0 && k.grade < 128 && y >= 0 && y < 256 && schoolKey < 1 << 20)
      return (((schoolKey * 64 + p) * 1024 + s) * 128 + k.grade) * 256 + y;
    return `${schoolKey}|${k.procedure}|${k.subject}|${k.grade}|${k.year}`;
  }

  /** The key of the school a row names (`sheet`/`row`: where, if it is the school's first row). */
  private schoolKey(ref: SchoolRef, sheet: string, row: number): SchoolKeyInfo {
    // A list that names schools by code only: one lookup.
    const codeOnly = ref.code !== null && ref.name === ref.code && ref.municipality === null;
    if (codeOnly) {
      const seen = this.byCode.get(ref.code!);
      if (seen) return seen;
    }
    const info = this.schoolKeySlow(ref, sheet, row);
    if (codeOnly) this.byCode.set(ref.code!, info);
    return info;
  }

  private schoolKeySlow(ref: SchoolRef, sheet: string, row: number): SchoolKeyInfo {
    // The same spelling again (most rows of a student list): no normalisation needed.
    let byName = this.rawKeys.get(ref.code ?? '');
    if (!byName) this.rawKeys.set(ref.code ?? '', (byName = new Map()));
    let byMuni = byName.get(ref.name);
    if (!byMuni) byName.set(ref.name, (byMuni = new Map()));
    const seen = byMuni.get(ref.municipality ?? '');
    if (seen) return seen;
    const id = refKey(ref);
    let info = this.keys.get(id);
    if (!info) {
      info = {
        key: this.keyList.length + 1,
        ref,
        normName: normaliseSchoolName(ref.name),
        normMunicipality: ref.municipality ? normaliseMunicipality(ref.municipality) : '',
        match: this.matcher.match(ref),
        rows: 0,
        errors: 0,
        first: { sheet, row },
      };
      this.keys.set(id, info);
      this.keyList.push(info);
      this.keyIds.push(id);
    }
    byMuni.set(ref.municipality ?? '', info);
    return info;
  }

  /**
   * The school and group a student row of `school` in group `k` at `sheet`/`row` goes to, made as
   * `addRow` makes them when the row is the first of either; null when the group was read as a
   * school aggregate (`addRow` reports that). A fast reader adds rows without a problem to the
   * accumulator itself and has them counted with `addKnown`, as `addRow` would count them.
   */
  studentTarget(school: SchoolRef, k: GroupKey, sheet: string, row: number): StudentTarget | null {
    const info = this.schoolKey(school, sheet, row);
    const acc = this.studentGroup(info, k, sheet, row);
    if (!acc) return null;
    const m = info.match;
    return {
      info,
      acc: acc.acc,
      schoolId: m.schoolId !== null && m.status !== 'forbidden' ? m.schoolId : null,
    };
  }

  /**
   * The accumulator of a school's student group, made at its first row; null when the group was
   * read as a school aggregate.
   */
  private studentGroup(info: SchoolKeyInfo, k: GroupKey, sheet: string, row: number): Accumulated | null {
    // A small integer per (procedure, subject, grade, year) within the school: a lookup that
    // allocates nothing; the file-wide id only when the school meets a group for the first time.
    const local = this.localId(k);
    const known = local >= 0 ? info.accumulators?.get(local) : undefined;
    if (known) return known;
    const id = this.groupId(info.key, k);
    let acc = this.accumulators.get(id);
    if (!acc) {
      if (this.groups.has(id)) return null;
      const scale = this.catalog.procedure(k.procedure)?.scale ?? 'score';
      acc = {
        acc: new GroupAccumulator(
          { procedure: k.procedure, subject: k.subject, grade: k.grade, year: k.year },
          scale,
          this.catalog.threshold(k.procedure, k.subject, k.year),
        ),
        schoolKey: info.key,
        source: { sheet, row },
      };
      this.accumulators.set(id, acc);
    }
    if (local >= 0) (info.accumulators ??= new Map()).set(local, acc);
    return acc;
  }

  /** Count `rows` student rows of a school added to its accumulators (`knownTarget`). */
  addKnown(info: SchoolKeyInfo, rows: number): void {
    const stats = this.stats;
    stats.rows += rows;
    stats.records += rows;
    stats.students += rows;
    info.rows += rows;
    this.hasStudents = true;
  }

  /** A row of a school and group read before (`previous`): the two would overwrite each other. */
  private duplicateRow(sheet: string, row: number, name: string, previous: SourceRef, schoolKey: number) {
    this.addProblems(
      [
        {
          file: this.file,
          sheet,
          row,
          column: '',
          field: 'school',
          key: 'results.duplicateRow',
          params: { name, previousSheet: previous.sheet, previousRow: previous.row },
          severity: 'error',
        },
      ],
      schoolKey,
    );
  }

  /** Take one row's outcome; returns the student rows it produced (to be written by the caller). */
  addRow(outcome: RowOutcome, sheet: string, row: number): StagedStudent[] {
    this.stats.rows++;
    if (outcome.kind === 'skip') {
      if (outcome.reason === 'total' || outcome.reason === 'municipality') this.stats.skippedTotals++;
      else this.stats.skippedEmpty++;
      return [];
    }
    if (!outcome.school) {
      this.addProblems(outcome.problems);
      return [];
    }
    const info = this.schoolKey(outcome.school, sheet, row);
    info.rows++;
    if (outcome.problems.length) this.addProblems(outcome.problems, info.key);
    if (outcome.aggregates.length || outcome.students.length) this.stats.records++;
    for (const a of outcome.aggregates) {
      this.hasAggregates = true;
      const id = this.groupId(info.key, a);
      const prev = this.groups.get(id) ?? this.accumulators.get(id);
      if (prev) {
        this.duplicateRow(sheet, row, outcome.school.name, prev.source, info.key);
        continue;
      }
      this.stats.aggregates++;
      this.groups.set(id, {
        schoolKey: info.key,
        procedure: a.procedure,
        subject: a.subject,
        grade: a.grade,
        year: a.year,
        figures: a.figures,
        digest: figuresDigest(a, a.figures),
        fromStudents: false,
        source: a.source,
      });
    }
    // The records themselves are the staged rows: the row's list is returned as is unless one is refused.
    const students = outcome.students;
    let out: StagedStudent[] | null = null;
    for (let i = 0; i < students.length; i++) {
      const s = students[i]!;
      this.hasStudents = true;
      const acc = this.studentGroup(info, s, s.sheet, s.row);
      if (!acc) {
        const prev = this.groups.get(this.groupId(info.key, s))!;
        this.duplicateRow(sheet, row, outcome.school.name, prev.source, info.key);
        out ??= students.slice(0, i);
        continue;
      }
      acc.acc.add(s);
      this.stats.students++;
      s.schoolKey = info.key;
      s.schoolId =
        info.match.schoolId !== null && info.match.status !== 'forbidden' ? info.match.schoolId : null;
      out?.push(s);
    }
    return out ?? students;
  }

  /**
   * What this collector took from a part of a file, for `absorb` by the collector of the whole
   * (parse workers each collect a chunk). Student groups only: a part with school aggregates is
   * not split off (their duplicate checks need the rows before).
   */
  snapshot(): CollectorSnapshot {
    if (this.groups.size) throw new Error('a part with school aggregates cannot be absorbed');
    const n = this.accumulators.size;
    const keys = new Int32Array(n * ACC_FIELDS);
    const states = new Float64Array(n * STATE_SIZE);
    const codes = new Interned();
    let i = 0;
    for (const a of this.accumulators.values()) {
      const k = a.acc.key;
      const o = i * ACC_FIELDS;
      keys[o] = a.schoolKey;
      keys[o + 1] = codes.id(k.procedure);
      keys[o + 2] = codes.id(k.subject);
      keys[o + 3] = k.grade;
      keys[o + 4] = k.year;
      keys[o + 5] = codes.id(a.source.sheet);
      keys[o + 6] = a.source.row;
      a.acc.writeState(states, i * STATE_SIZE);
      i++;
    }
    const accumulators = { count: n, keys, states, codes: codes.list() };
    return {
      schools: this.keyList.map((k, i) => ({
        id: this.keyIds[i]!,
        ref: k.ref,
        normName: k.normName,
        normMunicipality: k.normMunicipality,
        match: k.match,
        rows: k.rows,
        errors: k.errors,
        first: k.first,
      })),
      accumulators,
      problems: this.problems,
      problemCount: this.problemCount,
      fileErrors: this.fileErrors,
      stats: this.stats,
      hasStudents: this.hasStudents,
    };
  }

  /**
   * Take in what another collector took from the next part of the file, as if its rows had been
   * added here: its rows are `rowOffset` rows further down the sheet. Returns the map from its
   * school keys to this collector's (index: its key).
   */
  absorb(part: CollectorSnapshot, rowOffset: number): Int32Array {
    const map = new Int32Array(part.schools.length + 1);
    for (let i = 0; i < part.schools.length; i++) {
      const s = part.schools[i]!;
      let info = this.keys.get(s.id);
      if (!info) {
        info = {
          key: this.keyList.length + 1,
          ref: s.ref,
          normName: s.normName,
          normMunicipality: s.normMunicipality,
          match: s.match,
          rows: 0,
          errors: 0,
          first: { sheet: s.first.sheet, row: s.first.row + rowOffset },
        };
        this.keys.set(s.id, info);
        this.keyList.push(info);
        this.keyIds.push(s.id);
      }
      info.rows += s.rows;
      info.errors += s.errors;
      map[i + 1] = info.key;
    }
    const { keys, states, codes } = part.accumulators;
    const codeIds = codes.map((c) => this.interned.id(c));
    for (let i = 0; i < part.accumulators.count; i++) {
      const o = i * ACC_FIELDS;
      const schoolKey = map[keys[o]!]!;
      const info = this.keyList[schoolKey - 1]!;
      // As in addRow: the school's own small-integer lookup first, the file-wide id when new.
      const local = localIdOf(codeIds[keys[o + 1]!]!, codeIds[keys[o + 2]!]!, keys[o + 3]!, keys[o + 4]!);
      let acc = local >= 0 ? info.accumulators?.get(local) : undefined;
      if (acc) {
        acc.acc.merge(states, i * STATE_SIZE);
        continue;
      }
      const key: GroupKey = {
        procedure: codes[keys[o + 1]!]!,
        subject: codes[keys[o + 2]!]!,
        grade: keys[o + 3]!,
        year: keys[o + 4]!,
      };
      const id = this.groupId(schoolKey, key);
      acc = this.accumulators.get(id);
      if (!acc) {
        const scale = this.catalog.procedure(key.procedure)?.scale ?? 'score';
        acc = {
          acc: new GroupAccumulator(key, scale, this.catalog.threshold(key.procedure, key.subject, key.year)),
          schoolKey,
          source: { sheet: codes[keys[o + 5]!]!, row: keys[o + 6]! + rowOffset },
        };
        this.accumulators.set(id, acc);
      }
      if (local >= 0) (info.accumulators ??= new Map()).set(local, acc);
      acc.acc.merge(states, i * STATE_SIZE);
    }
    for (const p of part.problems) {
      if (this.problems.length >= this.maxProblems && !isFileError(p)) continue;
      this.problems.push({
        ...p,
        row: p.row ? p.row + rowOffset : p.row,
        ...(p.schoolKey !== undefined ? { schoolKey: map[p.schoolKey]! } : {}),
      });
    }
    this.problemCount += part.problemCount;
    this.fileErrors += part.fileErrors;
    const st = this.stats;
    st.rows += part.stats.rows;
    st.records += part.stats.records;
    st.students += part.stats.students;
    st.aggregates += part.stats.aggregates;
    st.skippedTotals += part.stats.skippedTotals;
    st.skippedEmpty += part.stats.skippedEmpty;
    this.hasStudents ||= part.hasStudents;
    return map;
  }

  finish(): CollectedImport {
    if (this.groups.size === 0 && this.accumulators.size === 0) {
      this.addProblems([
        {
          file: this.file,
          sheet: '',
          row: 0,
          column: '',
          field: '',
          key: 'results.nothingToImport',
          params: { file: this.file },
          severity: 'error',
        },
      ]);
    }
    for (const a of this.accumulators.values()) {
      const k = a.acc.key;
      this.groups.set(this.groupId(a.schoolKey, k), {
        schoolKey: a.schoolKey,
        ...k,
        figures: a.acc.figures(),
        digest: a.acc.digestValue(),
        fromStudents: true,
        source: a.source,
      });
    }
    const groups = [...this.groups.values()];
    const coverage = new Map<string, GroupKey>();
    for (const g of groups) {
      const k = `${g.procedure}|${g.subject}|${g.grade}|${g.year}`;
      if (!coverage.has(k))
        coverage.set(k, { procedure: g.procedure, subject: g.subject, grade: g.grade, year: g.year });
    }
    const problems = [...this.problems].sort(
      (a, b) =>
        Number(a.severity === 'warning') - Number(b.severity === 'warning') ||
        a.sheet.localeCompare(b.sheet) ||
        a.row - b.row ||
        a.column.localeCompare(b.column),
    );
    return {
      kind:
        this.hasAggregates && this.hasStudents
          ? 'mixed'
          : this.hasStudents
            ? 'student'
            : this.hasAggregates
              ? 'aggregate'
              : null,
      schools: this.keyList,
      groups,
      coverage: [...coverage.values()],
      problems,
      problemCount: this.problemCount,
      fileErrors: this.fileErrors,
      stats: this.stats,
    };
  }
}
