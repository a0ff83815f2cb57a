/**
 * Collects what the rows of a file say into what an import would write: the schools the file
 * names (each with a key and its match in the registry), the school aggregates (read from the
 * file or aggregated from student records), the student rows, and every problem.
 * Pure and incremental: student rows are handed back row by row to be written in chunks, so the
 * memory held is bounded by the number of schools and groups, not by the number of rows.
 */
import { GroupAccumulator, figuresDigest } from './aggregate.js';
import type { CatalogIndex } from './catalog.js';
import { refKey, type SchoolMatcher } from './match.js';
import { normaliseMunicipality, normaliseSchoolName } from './names.js';
import type { RowOutcome } from './rows.js';
import type { Figures, GroupKey, MatchResult, Problem, SchoolRef, SourceRef } from './types.js';

export interface SchoolKeyInfo {
  key: number;
  ref: SchoolRef;
  normName: string;
  normMunicipality: string;
  match: MatchResult;
  rows: number;
  errors: number;
  first: SourceRef;
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

const groupId = (schoolKey: number, k: GroupKey) =>
  `${schoolKey}|${k.procedure}|${k.subject}|${k.grade}|${k.year}`;

export class ImportCollector {
  private readonly keys = new Map<string, SchoolKeyInfo>();
  private readonly rawKeys = new Map<string, SchoolKeyInfo>();
  private readonly keyList: SchoolKeyInfo[] = [];
  private readonly groups = new Map<string, StagedGroup>();
  private readonly accumulators = new Map<
    string,
    { acc: GroupAccumulator; schoolKey: number; source: SourceRef }
  >();
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
    private readonly maxProblems = 5000,
  ) {}

  addProblems(list: Problem[], schoolKey?: number): void {
    for (const p of list) {
      this.problemCount++;
      if (p.severity === 'error') {
        if (schoolKey === undefined) this.fileErrors++;
        else this.keyList[schoolKey - 1]!.errors++;
      }
      if (this.problems.length < this.maxProblems) {
        this.problems.push(schoolKey === undefined ? p : { ...p, schoolKey });
      }
    }
  }

  private schoolKey(ref: SchoolRef, source: SourceRef): SchoolKeyInfo {
    // The same spelling again (most rows of a student list): no normalisation needed.
    const raw = `${ref.code ?? ''}\u0000${ref.name}\u0000${ref.municipality ?? ''}`;
    const seen = this.rawKeys.get(raw);
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
        first: source,
      };
      this.keys.set(id, info);
      this.keyList.push(info);
    }
    this.rawKeys.set(raw, info);
    return info;
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
    const info = this.schoolKey(outcome.school, { sheet, row });
    info.rows++;
    this.addProblems(outcome.problems, info.key);
    if (outcome.aggregates.length || outcome.students.length) this.stats.records++;
    for (const a of outcome.aggregates) {
      this.hasAggregates = true;
      const id = groupId(info.key, a);
      const prev = this.groups.get(id) ?? this.accumulators.get(id);
      if (prev) {
        this.addProblems(
          [
            {
              file: this.file,
              sheet,
              row,
              column: '',
              field: 'school',
              key: 'results.duplicateRow',
              params: {
                name: outcome.school.name,
                previousSheet: prev.source.sheet,
                previousRow: prev.source.row,
              },
              severity: 'error',
            },
          ],
          info.key,
        );
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
    const out: StagedStudent[] = [];
    for (const s of outcome.students) {
      this.hasStudents = true;
      const id = groupId(info.key, s);
      let acc = this.accumulators.get(id);
      if (!acc) {
        if (this.groups.has(id)) {
          this.addProblems(
            [
              {
                file: this.file,
                sheet,
                row,
                column: '',
                field: 'school',
                key: 'results.duplicateRow',
                params: {
                  name: outcome.school.name,
                  previousSheet: this.groups.get(id)!.source.sheet,
                  previousRow: this.groups.get(id)!.source.row,
                },
                severity: 'error',
              },
            ],
            info.key,
          );
          continue;
        }
        const scale = this.catalog.procedure(s.procedure)?.scale ?? 'score';
        acc = {
          acc: new GroupAccumulator(
            { procedure: s.procedure, subject: s.subject, grade: s.grade, year: s.year },
            scale,
            this.catalog.threshold(s.procedure, s.subject, s.year),
          ),
          schoolKey: info.key,
          source: s.source,
        };
        this.accumulators.set(id, acc);
      }
      acc.acc.add(s);
      this.stats.students++;
      out.push({
        schoolKey: info.key,
        schoolId:
          info.match.schoolId !== null && info.match.status !== 'forbidden' ? info.match.schoolId : null,
        studentKey: s.studentKey,
        className: s.className,
        procedure: s.procedure,
        subject: s.subject,
        grade: s.grade,
        year: s.year,
        primaryScore: s.primaryScore,
        testScore: s.testScore,
        mark: s.mark,
        journalMark: s.journalMark,
      });
    }
    return out;
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
      this.groups.set(groupId(a.schoolKey, k), {
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
