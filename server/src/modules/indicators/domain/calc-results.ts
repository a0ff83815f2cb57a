import { z } from 'zod';
import {
  contribution,
  gradeSchema,
  groupBySchool,
  groupOf,
  noDataContribution,
  pct,
  procedureCode,
  procedureText,
  resultFilter,
  resultLabel,
  subjectCode,
  subjectGroupsSchema,
  subjectText,
} from './common.js';
import type { BasisRecord, CalcData, Calculation, Contribution, ResultRow, StudentRow } from './types.js';

/* ------------------------------------------------------------------------------------------------
 * positive_dynamics: per school 1/1 when the share below the minimum (or the mean score) of the
 * listed subjects improved against the previous year, 0/1 when not, no data when a year is missing.
 * ---------------------------------------------------------------------------------------------- */

export const PositiveDynamicsParams = z.strictObject({
  procedure: procedureCode,
  subjects: z.array(subjectCode).min(1).default(['ru', 'math']),
  grade: gradeSchema.optional(),
  /** 'all': every listed subject improved; 'any': at least one did. */
  mode: z.enum(['any', 'all']).default('all'),
  metric: z.enum(['below_min_share', 'mean_score']).default('below_min_share'),
  subjectGroups: subjectGroupsSchema,
});
export type PositiveDynamicsParams = z.output<typeof PositiveDynamicsParams>;

interface YearAgg {
  participants: number;
  belowMin: number;
  /** Σ meanScore × participants. */
  scoreSum: number;
  /** Bit g set when grade g contributed. */
  grades: number;
  belowMinMissing: boolean;
  meanMissing: boolean;
}

const newAgg = (): YearAgg => ({
  participants: 0,
  belowMin: 0,
  scoreSum: 0,
  grades: 0,
  belowMinMissing: false,
  meanMissing: false,
});

function addRow(a: YearAgg, r: ResultRow): void {
  if (r.participants <= 0) return;
  a.participants += r.participants;
  if (r.grade >= 0 && r.grade < 31) a.grades |= 1 << r.grade;
  if (r.belowMin === null) a.belowMinMissing = true;
  else a.belowMin += r.belowMin;
  if (r.meanScore === null) a.meanMissing = true;
  else a.scoreSum += r.meanScore * r.participants;
}

const EMPTY_AGG: YearAgg = Object.freeze(newAgg()) as YearAgg;

function gradesText(mask: number): string {
  const out: number[] = [];
  for (let g = 0; g < 31; g++) if (mask & (1 << g)) out.push(g);
  return out.join(', ');
}

export const positiveDynamics: Calculation<PositiveDynamicsParams> = {
  name: 'positive_dynamics',
  units: ['percent', 'count'],
  needs: ['results'],
  resultYears: [0, -1],
  parseParams: (p) => PositiveDynamicsParams.parse(p ?? {}),
  compute(params, data) {
    const { year } = data;
    const years = [year - 1, year];
    const subjects = params.subjects;
    const subjectIndex = new Map(subjects.map((s, i) => [s, i]));
    const groups = params.subjectGroups;
    // One pass over the rows: school → [subject × year] aggregates.
    const bySchool = new Map<number, YearAgg[]>();
    for (const r of data.results) {
      if (r.procedure !== params.procedure || (r.year !== year && r.year !== year - 1)) continue;
      if (params.grade !== undefined && r.grade !== params.grade) continue;
      const si = subjectIndex.get(groups[r.subject] ?? r.subject);
      if (si === undefined) continue;
      let aggs = bySchool.get(r.schoolId);
      if (!aggs) bySchool.set(r.schoolId, (aggs = []));
      const k = si * 2 + (r.year === year ? 1 : 0);
      addRow((aggs[k] ??= newAgg()), r);
    }
    const mean = params.metric === 'mean_score';
    return data.schools.map((school) => {
      const aggs = bySchool.get(school.id) ?? [];
      const basis: BasisRecord[] = [];
      let improved = 0;
      let missing: { subject: string; year: number } | null = null;
      for (let si = 0; si < subjects.length; si++) {
        const subject = subjects[si]!;
        const prev = aggs[si * 2] ?? EMPTY_AGG;
        const cur = aggs[si * 2 + 1] ?? EMPTY_AGG;
        const lacks = (a: YearAgg) => a.participants === 0 || (mean ? a.meanMissing : a.belowMinMissing);
        const absentYear = lacks(prev) ? year - 1 : lacks(cur) ? year : null;
        let better = false;
        if (absentYear === null) {
          better = mean
            ? cur.scoreSum / cur.participants > prev.scoreSum / prev.participants
            : // exact on integers: cur.b / cur.p < prev.b / prev.p
              cur.belowMin * prev.participants < prev.belowMin * cur.participants;
          if (better) improved++;
        } else if (missing === null) missing = { subject, year: absentYear };
        [prev, cur].forEach((a, i) => {
          if (a.participants === 0) return;
          const figures: BasisRecord['figures'] = {
            participants: a.participants,
            belowMin: a.belowMinMissing ? null : a.belowMin,
            share: a.belowMinMissing ? null : pct(a.belowMin, a.participants),
          };
          if (mean)
            figures.meanScore = a.meanMissing ? null : Math.round((a.scoreSum / a.participants) * 100) / 100;
          figures.grades = gradesText(a.grades);
          basis.push({
            kind: 'result',
            label: resultLabel(params.procedure, subject, params.grade ?? null, years[i]!),
            figures,
            counted: better,
          });
        });
      }
      // 'all' needs every subject; 'any' is decided by one improved subject even if another is missing.
      if (params.mode === 'any' && improved > 0) return contribution(school, 1, 1, basis);
      if (missing !== null)
        return noDataContribution(
          school,
          {
            key: 'indicators.noData.noResultsYear',
            params: {
              procedure: procedureText(params.procedure),
              subject: subjectText(missing.subject),
              year: missing.year,
            },
          },
          basis,
        );
      const positive = params.mode === 'all' ? improved === subjects.length : improved > 0;
      return contribution(school, positive ? 1 : 0, 1, basis);
    });
  },
};

/* ------------------------------------------------------------------------------------------------
 * Sums over result rows of the year (below_min_share, field_share kind 'results_sum').
 * ---------------------------------------------------------------------------------------------- */

export const RESULT_NUMERATORS = [
  'below_min',
  'mark2',
  'mark3',
  'mark4',
  'mark5',
  'high_80_99',
  'high_100',
  'mark4_5',
] as const;
export type ResultNumerator = (typeof RESULT_NUMERATORS)[number];

function numeratorOf(r: ResultRow, field: ResultNumerator): number | null {
  switch (field) {
    case 'below_min':
      return r.belowMin;
    case 'mark2':
      return r.mark2;
    case 'mark3':
      return r.mark3;
    case 'mark4':
      return r.mark4;
    case 'mark5':
      return r.mark5;
    case 'high_80_99':
      return r.high80to99;
    case 'high_100':
      return r.high100;
    case 'mark4_5':
      return r.mark4 === null || r.mark5 === null ? null : r.mark4 + r.mark5;
  }
}

export interface ResultsSumOptions {
  procedure: string;
  subjects?: string[] | undefined;
  grade?: number | undefined;
  subjectGroups: Record<string, string>;
  numerator: ResultNumerator;
}

/**
 * Per school: Σ numerator field / Σ participants over its rows of the year. Rows where the
 * numerator field is empty (e.g. no minimum threshold) are shown but not summed; a school with no
 * usable row has no data.
 */
export function resultsSum(opts: ResultsSumOptions, data: CalcData): Contribution[] {
  const bySchool = groupBySchool(
    data.results,
    resultFilter({
      procedure: opts.procedure,
      years: [data.year],
      grade: opts.grade,
      subjects: opts.subjects,
      groups: opts.subjectGroups,
    }),
  );
  return data.schools.map((school) => {
    const rows = bySchool.get(school.id);
    if (!rows || rows.every((r) => r.participants <= 0))
      return noDataContribution(school, {
        key: 'indicators.noData.noResults',
        params: { procedure: procedureText(opts.procedure), year: data.year },
      });
    let num = 0;
    let den = 0;
    const basis: BasisRecord[] = [];
    for (const r of rows) {
      if (r.participants <= 0) continue;
      const n = numeratorOf(r, opts.numerator);
      if (n !== null) {
        num += n;
        den += r.participants;
      }
      basis.push({
        kind: 'result',
        label: resultLabel(r.procedure, r.subject, r.grade, r.year),
        figures: {
          participants: r.participants,
          // the same figure name as positive_dynamics uses for the count below the minimum
          [opts.numerator === 'below_min' ? 'belowMin' : opts.numerator]: n,
          share: n === null ? null : pct(n, r.participants),
        },
        counted: n !== null,
      });
    }
    if (den === 0)
      return noDataContribution(
        school,
        {
          key: 'indicators.noData.fieldEmpty',
          params: {
            field: { key: `indicators.resultField.${opts.numerator}` },
            procedure: procedureText(opts.procedure),
            year: data.year,
          },
        },
        basis,
      );
    return contribution(school, num, den, basis);
  });
}

export const BelowMinShareParams = z.strictObject({
  procedure: procedureCode,
  subjects: z.array(subjectCode).min(1).optional(),
  grade: gradeSchema.optional(),
  subjectGroups: subjectGroupsSchema,
});
export type BelowMinShareParams = z.output<typeof BelowMinShareParams>;

export const belowMinShare: Calculation<BelowMinShareParams> = {
  name: 'below_min_share',
  units: ['percent'],
  needs: ['results'],
  resultYears: [0],
  parseParams: (p) => BelowMinShareParams.parse(p ?? {}),
  compute: (params, data) => resultsSum({ ...params, numerator: 'below_min' }, data),
};

/* ------------------------------------------------------------------------------------------------
 * marks_confirmed: students whose assessment mark equals their current (journal) mark.
 * ---------------------------------------------------------------------------------------------- */

export const MarksConfirmedParams = z.strictObject({
  procedure: procedureCode.default('VPR'),
  subjects: z.array(subjectCode).min(1).optional(),
  grade: gradeSchema.optional(),
  subjectGroups: subjectGroupsSchema,
});
export type MarksConfirmedParams = z.output<typeof MarksConfirmedParams>;

export const marksConfirmed: Calculation<MarksConfirmedParams> = {
  name: 'marks_confirmed',
  units: ['percent'],
  needs: ['students'],
  parseParams: (p) => MarksConfirmedParams.parse(p ?? {}),
  compute(params, data) {
    const subjects = params.subjects ? new Set(params.subjects) : null;
    const keep = (s: StudentRow) =>
      s.procedure === params.procedure &&
      s.year === data.year &&
      (params.grade === undefined || s.grade === params.grade) &&
      (subjects === null || subjects.has(groupOf(s.subject, params.subjectGroups)));
    const bySchool = groupBySchool(data.students, keep);
    return data.schools.map((school) => {
      const cells = new Map<
        string,
        { subject: string; grade: number; both: number; equal: number; higher: number; lower: number }
      >();
      for (const s of bySchool.get(school.id) ?? []) {
        if (s.mark === null || s.journalMark === null) continue;
        const k = `${s.subject}|${s.grade}`;
        let c = cells.get(k);
        if (!c)
          cells.set(k, (c = { subject: s.subject, grade: s.grade, both: 0, equal: 0, higher: 0, lower: 0 }));
        c.both++;
        if (s.mark === s.journalMark) c.equal++;
        else if (s.mark > s.journalMark) c.higher++;
        else c.lower++;
      }
      let num = 0;
      let den = 0;
      const basis: BasisRecord[] = [];
      for (const c of cells.values()) {
        num += c.equal;
        den += c.both;
        basis.push({
          kind: 'student',
          label: resultLabel(params.procedure, c.subject, c.grade, data.year),
          figures: {
            students: c.both,
            confirmed: c.equal,
            higher: c.higher,
            lower: c.lower,
            share: pct(c.equal, c.both),
          },
          counted: true,
        });
      }
      if (den === 0)
        return noDataContribution(school, {
          key: 'indicators.noData.noStudents',
          params: { procedure: procedureText(params.procedure), year: data.year },
        });
      return contribution(school, num, den, basis);
    });
  },
};
