/**
 * The reads behind the results screens: a school's results over the years beside its
 * municipality's and the region's values, municipality and region summaries with per-school
 * rows, what data exist, and the XLSX exports of those tables. Municipal and regional values are
 * sums of counts over schools (shares of summed counts, participant-weighted means), never
 * averages of percentages.
 */
import type { Database } from '../../platform/db/index.js';
import { schoolScope, type Principal } from '../../platform/auth/principal.js';
import { policies } from '../../platform/auth/policies.js';
import { notFound } from '../../platform/errors.js';
import { schoolsRepository } from '../org/repository.js';
import type { Locale } from '../../../../common/src/i18n/index.js';
import { addToTotals, emptyTotals, presentTotals, type Totals } from './domain/aggregate.js';
import { figuresOf, resultsRepository, type SummarySort, type TotalsRow } from './repository.js';
import { exportTable, type ExportColumn } from './export.js';

export type TotalsView = ReturnType<typeof presentTotals>;

function totalsOf(r: TotalsRow): Totals {
  return {
    schools: r.schools,
    participants: r.participants,
    belowMin: r.below_min,
    belowBase: r.below_base,
    marks: { 2: r.mark2, 3: r.mark3, 4: r.mark4, 5: r.mark5 },
    marksBase: r.marks_base,
    meanWeighted: r.mean_weighted,
    meanBase: r.mean_base,
    high80: r.high80,
    high100: r.high100,
    highBase: r.high_base,
  };
}

const keyOf = (r: { procedure: string; subject: string; grade: number; year: number }) =>
  `${r.procedure}|${r.subject}|${r.grade}|${r.year}`;

export interface SummaryQuery {
  procedure: string;
  subject: string;
  grade: number;
  year: number;
  municipalityId?: number | undefined;
  sort: SummarySort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function resultsReadService(database: Database) {
  const { db } = database;
  const repo = resultsRepository(db);
  const schools = schoolsRepository(db);

  async function names() {
    const [procedures, subjects] = await Promise.all([repo.procedures(), repo.subjects()]);
    return {
      procedure: new Map(procedures.map((p) => [p.code, p.short_name])),
      subject: new Map(subjects.map((s) => [s.code, s.name])),
    };
  }

  async function schoolResults(
    p: Principal,
    id: number,
    f: { procedure?: string | undefined; subject?: string | undefined },
  ) {
    const s = await schools.get(id);
    if (!s || !policies.canReadSchool(p, { id: s.id, municipalityId: s.municipality_id })) throw notFound();
    const [own, muni, region, n] = await Promise.all([
      repo.schoolAggregates(id, f),
      repo.totalsForSchoolKeys(id, s.municipality_id, f),
      repo.totalsForSchoolKeys(id, null, f),
      names(),
    ]);
    const muniBy = new Map(muni.map((r) => [keyOf(r), totalsOf(r)]));
    const regionBy = new Map(region.map((r) => [keyOf(r), totalsOf(r)]));
    const series = new Map<
      string,
      {
        procedure: string;
        procedureName: string;
        subject: string;
        subjectName: string;
        grade: number;
        points: Array<{
          year: number;
          importId: number;
          fromStudents: boolean;
          school: TotalsView;
          municipality: TotalsView;
          region: TotalsView;
        }>;
      }
    >();
    for (const a of own) {
      const k = `${a.procedure}|${a.subject}|${a.grade}`;
      let sr = series.get(k);
      if (!sr) {
        sr = {
          procedure: a.procedure,
          procedureName: n.procedure.get(a.procedure) ?? a.procedure,
          subject: a.subject,
          subjectName: n.subject.get(a.subject) ?? a.subject,
          grade: a.grade,
          points: [],
        };
        series.set(k, sr);
      }
      sr.points.push({
        year: a.year,
        importId: a.import_id,
        fromStudents: a.from_students,
        school: presentTotals(addToTotals(emptyTotals(), figuresOf(a))),
        municipality: presentTotals(muniBy.get(keyOf(a)) ?? emptyTotals()),
        region: presentTotals(regionBy.get(keyOf(a)) ?? emptyTotals()),
      });
    }
    return {
      school: {
        id: s.id,
        code: s.code,
        shortName: s.short_name,
        municipalityId: s.municipality_id,
        municipalityName: s.municipality_name,
      },
      series: [...series.values()],
    };
  }

  async function summary(p: Principal, q: SummaryQuery) {
    const slice = {
      procedure: q.procedure,
      subject: q.subject,
      grade: q.grade,
      year: q.year,
      municipalityId: q.municipalityId,
    };
    const [region, byMuni, rows] = await Promise.all([
      repo.totals({ ...slice, municipalityId: undefined }, 'region'),
      repo.totals({ ...slice, municipalityId: undefined }, 'municipality'),
      repo.summaryRows(schoolScope(p), slice, q),
    ]);
    const muni = q.municipalityId ? byMuni.find((m) => m.municipality_id === q.municipalityId) : undefined;
    return {
      slice: {
        procedure: q.procedure,
        subject: q.subject,
        grade: q.grade,
        year: q.year,
        municipalityId: q.municipalityId ?? null,
      },
      region: presentTotals(region[0] ? totalsOf(region[0]) : emptyTotals()),
      municipality: q.municipalityId ? presentTotals(muni ? totalsOf(muni) : emptyTotals()) : null,
      municipalities: q.municipalityId
        ? []
        : byMuni.map((m) => ({
            municipalityId: m.municipality_id!,
            municipalityName: m.municipality_name!,
            ...presentTotals(totalsOf(m)),
          })),
      total: rows.total,
      page: q.page,
      pageSize: q.pageSize,
      items: rows.rows.map((r) => ({
        schoolId: r.school_id,
        code: r.code,
        shortName: r.short_name,
        municipalityId: r.municipality_id,
        municipalityName: r.municipality_name,
        importId: r.import_id,
        ...presentTotals(addToTotals(emptyTotals(), figuresOf(r))),
      })),
    };
  }

  const figureColumns = (prefix: string, label: string): ExportColumn[] => [
    { key: `${prefix}.participants`, header: 'results.export.participants', group: label },
    { key: `${prefix}.belowMin`, header: 'results.export.belowMin', group: label },
    { key: `${prefix}.belowMinShare`, header: 'results.export.belowMinShare', group: label },
    { key: `${prefix}.meanScore`, header: 'results.export.meanScore', group: label },
    { key: `${prefix}.marks.2`, header: 'results.export.mark2', group: label },
    { key: `${prefix}.marks.3`, header: 'results.export.mark3', group: label },
    { key: `${prefix}.marks.4`, header: 'results.export.mark4', group: label },
    { key: `${prefix}.marks.5`, header: 'results.export.mark5', group: label },
    { key: `${prefix}.highShare`, header: 'results.export.highShare', group: label },
  ];

  return {
    schoolResults,
    summary,

    async datasets() {
      const [rows, n] = await Promise.all([repo.datasets(), names()]);
      return rows.map((r) => ({
        procedure: r.procedure,
        procedureName: n.procedure.get(r.procedure) ?? r.procedure,
        subject: r.subject,
        subjectName: n.subject.get(r.subject) ?? r.subject,
        grade: r.grade,
        year: r.year,
        schools: r.schools,
        participants: r.participants,
      }));
    },

    async exportSchool(
      p: Principal,
      id: number,
      f: { procedure?: string | undefined; subject?: string | undefined },
      locale: Locale,
    ) {
      const r = await schoolResults(p, id, f);
      const rows = r.series.flatMap((s) =>
        s.points.map((pt) => ({
          procedure: s.procedureName,
          subject: s.subjectName,
          grade: s.grade || null,
          year: pt.year,
          school: pt.school,
          municipality: pt.municipality,
          region: pt.region,
        })),
      );
      return exportTable(
        locale,
        'results.export.schoolSheet',
        `${r.school.shortName} (${r.school.code})`,
        [
          { key: 'procedure', header: 'results.export.procedure' },
          { key: 'subject', header: 'results.export.subject' },
          { key: 'grade', header: 'results.export.grade' },
          { key: 'year', header: 'results.export.year' },
          ...figureColumns('school', 'results.export.school'),
          ...figureColumns('municipality', 'results.export.municipality'),
          ...figureColumns('region', 'results.export.region'),
        ],
        rows,
      );
    },

    async exportSummary(p: Principal, q: Omit<SummaryQuery, 'page' | 'pageSize'>, locale: Locale) {
      const s = await summary(p, { ...q, page: 1, pageSize: 100_000 });
      const n = await names();
      const title = `${n.procedure.get(q.procedure) ?? q.procedure}, ${n.subject.get(q.subject) ?? q.subject}, ${q.grade || ''} ${q.year}`;
      const rows = [
        ...s.items.map((i) => ({
          code: i.code,
          name: i.shortName,
          municipality: i.municipalityName,
          schools: null,
          f: i,
        })),
        ...s.municipalities.map((m) => ({
          code: null,
          name: m.municipalityName,
          municipality: m.municipalityName,
          schools: m.schools,
          f: m,
        })),
        ...(s.municipality
          ? [
              {
                code: null,
                name: null,
                municipality: null,
                schools: s.municipality.schools,
                f: s.municipality,
              },
            ]
          : []),
        { code: null, name: null, municipality: null, schools: s.region.schools, f: s.region, region: true },
      ];
      return exportTable(
        locale,
        'results.export.summarySheet',
        title,
        [
          { key: 'code', header: 'results.export.code' },
          { key: 'name', header: 'results.export.school' },
          { key: 'municipality', header: 'results.export.municipality' },
          { key: 'schools', header: 'results.export.schools' },
          ...figureColumns('f', ''),
        ],
        rows.map((r) => ('region' in r ? { ...r, name: '—', municipality: '—' } : r)),
      );
    },
  };
}
