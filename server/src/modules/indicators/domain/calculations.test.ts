import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CALCULATIONS,
  getCalculation,
  mergeResultScopes,
  needsOf,
  resultScopeOf,
  runCalculation,
} from './calculations.js';
import { data, item, result, school, student } from './test-fixtures.js';
import { renderParams, renderText } from './text.js';
import type { BasisRecord, Contribution, NoData } from './types.js';

/** Reasons and labels are messages rendered on read: compared here as a Russian reader sees them. */
const ru = (n: NoData | undefined) =>
  n && { key: n.key, ...(n.params ? { params: renderParams('ru', n.params) } : {}) };
const ruBasis = (bs: BasisRecord[]) => bs.map((b) => ({ ...b, label: renderText('ru', b.label) }));
const nd = (cs: Contribution[]) => cs.map((c) => (c.noData ? ru(c.noData) : [c.numerator, c.denominator]));

function zodPaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof z.ZodError) return e.issues.map((i) => i.path.join('.'));
    throw e;
  }
  return [];
}

describe('registry', () => {
  it('finds calculations by name and nothing else', () => {
    expect(Object.keys(CALCULATIONS).sort()).toEqual([
      'activities_on_time',
      'below_min_share',
      'field_share',
      'flagged_share',
      'marks_confirmed',
      'no_longer_flagged',
      'positive_dynamics',
    ]);
    for (const [name, c] of Object.entries(CALCULATIONS)) expect(c.name).toBe(name);
    expect(getCalculation('positive_dynamics')?.name).toBe('positive_dynamics');
    expect(getCalculation('toString')).toBeNull();
    expect(getCalculation('nope')).toBeNull();
  });
  it('narrows needs by params', () => {
    const fs = getCalculation('field_share')!;
    expect(needsOf(fs, { kind: 'sum', numerator: 'vacancies', denominator: 'teachers' })).toEqual([
      'context',
    ]);
    expect(needsOf(fs, { kind: 'results_sum', procedure: 'OGE', numerator: 'mark2' })).toEqual(['results']);
    expect(needsOf(getCalculation('flagged_share')!, {})).toEqual(['approvedLists']);
  });
});

describe('positive_dynamics', () => {
  const schools = [1, 2, 3, 4, 5].map((id) => school(id, id <= 3 ? 10 : 20));
  const results = [
    // 1: ru 20 % → 12 %, math 30 % → 20 %: both decreased
    result(1, 'OGE', 'ru', 9, 2023, 20, 4),
    result(1, 'OGE', 'ru', 9, 2024, 25, 3),
    result(1, 'OGE', 'math', 9, 2023, 20, 6),
    result(1, 'OGE', 'math', 9, 2024, 25, 5),
    // 2: ru 20 % → 10 % decreased, math 10 % → 15 % increased
    result(2, 'OGE', 'ru', 9, 2023, 20, 4),
    result(2, 'OGE', 'ru', 9, 2024, 20, 2),
    result(2, 'OGE', 'math', 9, 2023, 20, 2),
    result(2, 'OGE', 'math', 9, 2024, 20, 3),
    // 3: no Russian in 2023; math decreased
    result(3, 'OGE', 'ru', 9, 2024, 20, 2),
    result(3, 'OGE', 'math', 9, 2023, 20, 4),
    result(3, 'OGE', 'math', 9, 2024, 20, 2),
    // 4: equal shares (20 % → 20 %): not a decrease
    result(4, 'OGE', 'ru', 9, 2023, 10, 2),
    result(4, 'OGE', 'ru', 9, 2024, 20, 4),
    result(4, 'OGE', 'math', 9, 2023, 10, 2),
    result(4, 'OGE', 'math', 9, 2024, 20, 4),
    // 5: no threshold in 2024 Russian
    result(5, 'OGE', 'ru', 9, 2023, 20, 4),
    result(5, 'OGE', 'ru', 9, 2024, 20, null),
    result(5, 'OGE', 'math', 9, 2023, 20, 4),
    result(5, 'OGE', 'math', 9, 2024, 20, 1),
    // noise: other procedure, other year, other school
    result(1, 'VPR', 'ru', 5, 2024, 30, 30),
    result(1, 'OGE', 'ru', 9, 2022, 20, 0),
    result(99, 'OGE', 'ru', 9, 2024, 20, 0),
  ];
  const d = data({ schools, results });

  it('mode all (default): every subject must decrease', () => {
    const cs = runCalculation('positive_dynamics', { procedure: 'OGE' }, d);
    expect(cs.map((c) => [c.schoolId, c.municipalityId])).toEqual([
      [1, 10],
      [2, 10],
      [3, 10],
      [4, 20],
      [5, 20],
    ]);
    expect(nd(cs)).toEqual([
      [1, 1],
      [0, 1],
      {
        key: 'indicators.noData.noResultsYear',
        params: { procedure: 'ОГЭ', subject: 'русский язык', year: 2023 },
      },
      [0, 1],
      {
        key: 'indicators.noData.noResultsYear',
        params: { procedure: 'ОГЭ', subject: 'русский язык', year: 2024 },
      },
    ]);
    for (const c of cs.filter((x) => x.noData)) expect([c.numerator, c.denominator]).toEqual([0, 0]);
  });

  it('mode any: one improved subject suffices, even when another is missing', () => {
    const cs = runCalculation('positive_dynamics', { procedure: 'OGE', mode: 'any' }, d);
    expect(nd(cs)).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [0, 1],
      [1, 1],
    ]);
  });

  it('shows both years of each subject in the basis, with shares and the counted flag', () => {
    const [c1] = runCalculation('positive_dynamics', { procedure: 'OGE' }, d);
    expect(ruBasis(c1!.basis)).toEqual([
      {
        kind: 'result',
        label: 'ОГЭ, русский язык, все классы, 2023',
        figures: { participants: 20, belowMin: 4, share: 20, grades: '9' },
        counted: true,
      },
      {
        kind: 'result',
        label: 'ОГЭ, русский язык, все классы, 2024',
        figures: { participants: 25, belowMin: 3, share: 12, grades: '9' },
        counted: true,
      },
      expect.objectContaining({
        label: 'ОГЭ, математика, все классы, 2023',
        figures: expect.objectContaining({ share: 30 }),
      }),
      expect.objectContaining({
        label: 'ОГЭ, математика, все классы, 2024',
        figures: expect.objectContaining({ share: 20 }),
      }),
    ]);
  });

  it('pools the grades of a procedure, or takes only the given grade', () => {
    const vpr = data({
      schools: [school(7)],
      results: [
        result(7, 'VPR', 'ru', 4, 2023, 30, 6),
        result(7, 'VPR', 'ru', 5, 2023, 20, 4), // 10/50 = 20 %
        result(7, 'VPR', 'ru', 4, 2024, 30, 3),
        result(7, 'VPR', 'ru', 5, 2024, 20, 4), // 7/50 = 14 %
      ],
    });
    expect(nd(runCalculation('positive_dynamics', { procedure: 'VPR', subjects: ['ru'] }, vpr))).toEqual([
      [1, 1],
    ]);
    expect(
      nd(runCalculation('positive_dynamics', { procedure: 'VPR', subjects: ['ru'], grade: 5 }, vpr)),
    ).toEqual([[0, 1]]);
  });

  it('groups EGE basic and advanced mathematics as math', () => {
    const ege = data({
      schools: [school(8)],
      results: [
        result(8, 'EGE', 'ru', 11, 2023, 10, 1),
        result(8, 'EGE', 'ru', 11, 2024, 10, 0),
        result(8, 'EGE', 'math_base', 11, 2023, 10, 2),
        result(8, 'EGE', 'math_profile', 11, 2023, 10, 0), // 2/20 = 10 %
        result(8, 'EGE', 'math_base', 11, 2024, 10, 1),
        result(8, 'EGE', 'math_profile', 11, 2024, 10, 0), // 1/20 = 5 %
      ],
    });
    expect(nd(runCalculation('positive_dynamics', { procedure: 'EGE' }, ege))).toEqual([[1, 1]]);
  });

  it('metric mean_score: the weighted mean must increase', () => {
    const m = data({
      schools: [school(1), school(2)],
      results: [
        result(1, 'OGE', 'ru', 9, 2023, 10, 1, { meanScore: 3.5 }),
        result(1, 'OGE', 'ru', 9, 2024, 10, 3, { meanScore: 3.6 }),
        result(2, 'OGE', 'ru', 9, 2023, 10, 1, { meanScore: 3.5 }),
        result(2, 'OGE', 'ru', 9, 2024, 10, 0, { meanScore: null }),
      ],
    });
    expect(
      nd(
        runCalculation('positive_dynamics', { procedure: 'OGE', subjects: ['ru'], metric: 'mean_score' }, m),
      ),
    ).toEqual([
      [1, 1],
      {
        key: 'indicators.noData.noResultsYear',
        params: { procedure: 'ОГЭ', subject: 'русский язык', year: 2024 },
      },
    ]);
  });

  it('refuses bad params, naming the field', () => {
    const c = getCalculation('positive_dynamics')!;
    expect(c.parseParams({ procedure: 'OGE' })).toEqual({
      procedure: 'OGE',
      subjects: ['ru', 'math'],
      mode: 'all',
      metric: 'below_min_share',
      subjectGroups: { math_base: 'math', math_profile: 'math' },
    });
    expect(zodPaths(() => c.parseParams({ procedure: 'oge' }))).toEqual(['procedure']);
    expect(zodPaths(() => c.parseParams({ procedure: 'OGE', subjects: [] }))).toEqual(['subjects']);
    expect(zodPaths(() => c.parseParams({ procedure: 'OGE', grade: 12 }))).toEqual(['grade']);
    expect(zodPaths(() => c.parseParams({ procedure: 'OGE', mode: 'some' }))).toEqual(['mode']);
    expect(zodPaths(() => c.parseParams({}))).toEqual(['procedure']);
  });
});

describe('below_min_share', () => {
  const d = data({
    schools: [school(1), school(2), school(3)],
    results: [
      result(1, 'OGE', 'ru', 9, 2024, 25, 3),
      result(1, 'OGE', 'math', 9, 2024, 25, 5),
      result(1, 'OGE', 'physics', 9, 2024, 10, 10),
      result(1, 'OGE', 'ru', 9, 2023, 25, 25),
      result(2, 'OGE', 'ru', 9, 2023, 25, 3),
      result(3, 'OGE', 'informatics', 9, 2024, 25, null),
    ],
  });
  it('sums below-minimum over participants of the year', () => {
    expect(nd(runCalculation('below_min_share', { procedure: 'OGE', subjects: ['ru', 'math'] }, d))).toEqual([
      [8, 50],
      { key: 'indicators.noData.noResults', params: { procedure: 'ОГЭ', year: 2024 } },
      { key: 'indicators.noData.noResults', params: { procedure: 'ОГЭ', year: 2024 } },
    ]);
  });
  it('takes every subject when none is given; rows without a threshold are no data', () => {
    const cs = runCalculation('below_min_share', { procedure: 'OGE' }, d);
    expect(nd(cs)[0]).toEqual([18, 60]);
    expect(ru(cs[2]!.noData)).toEqual({
      key: 'indicators.noData.fieldEmpty',
      params: { field: 'не преодолели минимальный порог', procedure: 'ОГЭ', year: 2024 },
    });
    expect(cs[2]!.basis).toHaveLength(1);
    expect(cs[2]!.basis[0]!.counted).toBe(false);
  });
});

describe('marks_confirmed', () => {
  it('counts students whose mark equals the journal mark among those with both', () => {
    const d = data({
      schools: [school(1), school(2)],
      students: [
        student(1, 'ru', 5, 5),
        student(1, 'ru', 4, 5),
        student(1, 'math', 3, 3),
        student(1, 'math', 2, null),
        student(1, 'math', null, 4),
        student(1, 'math', 4, 3),
        student(1, 'ru', 5, 5, { procedure: 'OGE' }),
        student(1, 'ru', 5, 5, { year: 2023 }),
        student(2, 'ru', 5, 5, { year: 2023 }),
      ],
    });
    const cs = runCalculation('marks_confirmed', {}, d);
    expect(nd(cs)).toEqual([
      [2, 4],
      { key: 'indicators.noData.noStudents', params: { procedure: 'ВПР', year: 2024 } },
    ]);
    expect(cs[0]!.basis.map((b) => b.figures)).toEqual([
      { students: 2, confirmed: 1, higher: 0, lower: 1, share: 50 },
      { students: 2, confirmed: 1, higher: 1, lower: 0, share: 50 },
    ]);
    expect(nd(runCalculation('marks_confirmed', { subjects: ['ru'] }, d))[0]).toEqual([1, 2]);
  });
});

describe('approved lists', () => {
  const schools = [1, 2, 3, 4, 5].map((id) => school(id));
  const lists = [
    { year: 2023, runId: 1, order: '№ 12 от 01.10.2023', schoolIds: [1, 2, 3] },
    { year: 2024, runId: 2, order: null, schoolIds: [2, 4] },
  ];
  it("no_longer_flagged: of last year's list, those not in this year's", () => {
    const cs = runCalculation('no_longer_flagged', {}, data({ schools, approvedLists: lists }));
    expect(nd(cs)).toEqual([
      [1, 1],
      [0, 1],
      [1, 1],
      { key: 'indicators.noData.notInPreviousList', params: { year: 2023 } },
      { key: 'indicators.noData.notInPreviousList', params: { year: 2023 } },
    ]);
    expect(ruBasis(cs[0]!.basis).map((b) => b.label)).toEqual([
      'Перечень школ 2023 г. (приказ № 12 от 01.10.2023)',
      'Перечень школ 2024 г.',
    ]);
  });
  it('no_longer_flagged: a missing list makes every school no data, naming the year', () => {
    for (const [given, missing] of [
      [[lists[1]!], 2023],
      [[lists[0]!], 2024],
    ] as const) {
      const cs = runCalculation('no_longer_flagged', {}, data({ schools, approvedLists: [...given] }));
      for (const c of cs)
        expect(c.noData).toEqual({ key: 'indicators.noData.noApprovedList', params: { year: missing } });
    }
  });
  it("flagged_share: programme schools in this year's list (the latest run wins)", () => {
    const withNewer = [...lists, { year: 2024, runId: 3, order: null, schoolIds: [2, 4, 5] }];
    expect(nd(runCalculation('flagged_share', {}, data({ schools, approvedLists: lists })))).toEqual([
      [0, 1],
      [1, 1],
      [0, 1],
      [1, 1],
      [0, 1],
    ]);
    expect(nd(runCalculation('flagged_share', {}, data({ schools, approvedLists: withNewer })))[4]).toEqual([
      1, 1,
    ]);
    expect(
      nd(runCalculation('flagged_share', {}, data({ schools, year: 2025, approvedLists: lists })))[0],
    ).toEqual({
      key: 'indicators.noData.noApprovedList',
      params: { year: 2025 },
    });
  });
});

describe('activities_on_time', () => {
  const activities = [
    item(1, 1, 'done', '2024-03-01', '2024-02-28'), // on time
    item(2, 1, 'done', '2024-04-01', '2024-04-05'), // late
    item(3, 1, 'planned', '2024-05-01'), // overdue
    item(4, 1, 'cancelled', '2024-02-01'), // excluded
    item(5, 1, 'planned', '2024-09-01'), // not yet due
    item(6, 1, 'done', '2023-12-01', '2023-11-01'), // other year
    item(7, 1, 'done', '2024-10-01', '2024-06-01'), // done early, counts
    item(8, 2, 'in_progress', '2024-11-01'), // nothing due yet
    item(9, null, 'done', '2024-01-10', '2024-01-10', { municipalityId: 10 }),
    item(10, 99, 'overdue', '2024-02-01', null, { municipalityId: 20 }),
    item(11, 1, 'planned', null), // no deadline
  ];
  const d = data({ schools: [school(1), school(2), school(3)], activities, today: '2024-06-15' });

  it('judges items due in the year by today, per school, then others, then unattached', () => {
    const cs = runCalculation('activities_on_time', {}, d);
    expect(cs.map((c) => [c.schoolId, c.municipalityId])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [99, 20],
      [null, 10],
    ]);
    expect(nd(cs)).toEqual([
      [2, 4],
      { key: 'indicators.noData.nothingDue', params: { year: 2024, today: '2024-06-15' } },
      { key: 'indicators.noData.noActivities', params: { year: 2024 } },
      [0, 1],
      [1, 1],
    ]);
    expect(cs[0]!.basis.map((b) => [b.figures.activityId, b.figures.judged, b.counted])).toEqual([
      [1, true, true],
      [2, true, false],
      [3, true, false],
      [4, false, false],
      [5, false, false],
      [7, true, true],
    ]);
  });
});

describe('field_share', () => {
  const schools = [
    school(
      1,
      1,
      { internet_mbps: 10, locality: 'rural', vacancies: 2, teachers: 20, is_small: true },
      { low_income: 40 },
    ),
    school(
      2,
      1,
      { internet_mbps: 0.5, locality: 'urban', vacancies: 0, teachers: 10, is_small: false },
      { low_income: 10 },
    ),
    school(3, 2, { internet_mbps: null, locality: 'rural', vacancies: 1, teachers: null }, null),
    school(4, 2, {}, { low_income: null }),
  ];
  const d = data({ schools });

  it('kind schools: 1/1 when the condition holds, no data when the field is empty', () => {
    const cs = runCalculation(
      'field_share',
      { kind: 'schools', condition: { field: 'internet_mbps', op: '>=', value: 1 } },
      d,
    );
    expect(nd(cs)).toEqual([
      [1, 1],
      [0, 1],
      { key: 'indicators.noData.fieldNull', params: { field: 'Скорость интернета, Мбит/с' } },
      { key: 'indicators.noData.fieldNull', params: { field: 'Скорость интернета, Мбит/с' } },
    ]);
    expect(ruBasis(cs[0]!.basis)).toEqual([
      { kind: 'field', label: 'Скорость интернета, Мбит/с', figures: { internet_mbps: 10 }, counted: true },
    ]);
  });

  it('kind schools with among, boolean and context fields', () => {
    const among = runCalculation(
      'field_share',
      {
        kind: 'schools',
        condition: { field: 'internet_mbps', op: '>=', value: 1 },
        among: { field: 'locality', op: '=', value: 'rural' },
      },
      d,
    );
    expect(nd(among)[0]).toEqual([1, 1]);
    expect(among[1]!.noData?.key).toBe('indicators.noData.notAmong');
    expect(nd(among)[2]).toEqual({
      key: 'indicators.noData.fieldNull',
      params: { field: 'Скорость интернета, Мбит/с' },
    });
    const small = runCalculation(
      'field_share',
      { kind: 'schools', condition: { field: 'is_small', op: '=', value: true } },
      d,
    );
    expect(nd(small).slice(0, 2)).toEqual([
      [1, 1],
      [0, 1],
    ]);
    const ctx = runCalculation(
      'field_share',
      { kind: 'schools', condition: { field: 'context.low_income', op: '>', value: 30 } },
      d,
    );
    expect(nd(ctx)).toEqual([
      [1, 1],
      [0, 1],
      { key: 'indicators.noData.fieldNull', params: { field: 'Доля детей из малообеспеченных семей, %' } },
      { key: 'indicators.noData.fieldNull', params: { field: 'Доля детей из малообеспеченных семей, %' } },
    ]);
  });

  it('kind sum: numerator field over denominator field', () => {
    const cs = runCalculation(
      'field_share',
      { kind: 'sum', numerator: 'vacancies', denominator: 'teachers' },
      d,
    );
    expect(nd(cs)).toEqual([
      [2, 20],
      [0, 10],
      { key: 'indicators.noData.fieldNull', params: { field: 'Педагогические работники' } },
      { key: 'indicators.noData.fieldNull', params: { field: 'Вакансии педагогов' } },
    ]);
  });

  it('kind results_sum: a result figure over participants', () => {
    const r = data({
      schools: [school(1)],
      results: [
        result(1, 'OGE', 'math', 9, 2024, 20, 2, { mark4: 6, mark5: 4 }),
        result(1, 'OGE', 'ru', 9, 2024, 20, 2, { mark4: null, mark5: 4 }),
      ],
    });
    expect(
      nd(runCalculation('field_share', { kind: 'results_sum', procedure: 'OGE', numerator: 'mark4_5' }, r)),
    ).toEqual([[10, 20]]);
    expect(
      nd(
        runCalculation(
          'field_share',
          { kind: 'results_sum', procedure: 'OGE', subjects: ['ru'], numerator: 'mark5' },
          r,
        ),
      ),
    ).toEqual([[4, 20]]);
  });

  it('refuses bad params, naming the field', () => {
    const c = getCalculation('field_share')!;
    expect(
      zodPaths(() => c.parseParams({ kind: 'schools', condition: { field: 'foo', op: '>=', value: 1 } })),
    ).toEqual(['condition.field']);
    expect(
      zodPaths(() =>
        c.parseParams({ kind: 'schools', condition: { field: 'is_small', op: '>', value: true } }),
      ),
    ).toEqual(['condition.value']);
    expect(
      zodPaths(() =>
        c.parseParams({ kind: 'schools', condition: { field: 'locality', op: '=', value: 'city' } }),
      ),
    ).toEqual(['condition.value']);
    expect(
      zodPaths(() => c.parseParams({ kind: 'sum', numerator: 'locality', denominator: 'teachers' })),
    ).toEqual(['numerator']);
    expect(
      zodPaths(() => c.parseParams({ kind: 'results_sum', procedure: 'OGE', numerator: 'mark6' })),
    ).toEqual(['numerator']);
    expect(zodPaths(() => c.parseParams({ kind: 'other' }))).toEqual(['kind']);
    expect(c.parseParams({ kind: 'sum', numerator: 'context.my_extra', denominator: 'teachers' })).toEqual({
      kind: 'sum',
      numerator: 'context.my_extra',
      denominator: 'teachers',
    });
  });
});

describe('every calculation', () => {
  it('gives one contribution per school, in order, with no zero value for missing data', () => {
    const schools = [school(3), school(1), school(2)];
    const params: Record<string, unknown> = {
      positive_dynamics: { procedure: 'OGE' },
      below_min_share: { procedure: 'OGE' },
      no_longer_flagged: {},
      flagged_share: {},
      activities_on_time: {},
      field_share: { kind: 'sum', numerator: 'vacancies', denominator: 'teachers' },
      marks_confirmed: {},
    };
    for (const name of Object.keys(CALCULATIONS)) {
      const cs = runCalculation(name, params[name], data({ schools }));
      expect(
        cs.map((c) => c.schoolId),
        name,
      ).toEqual([3, 1, 2]);
      for (const c of cs) {
        expect(c.noData, name).toBeDefined();
        expect([c.numerator, c.denominator]).toEqual([0, 0]);
      }
    }
  });
});

describe('result scopes', () => {
  it('reads the procedure and the subjects with the codes grouped into them', () => {
    const p = getCalculation('positive_dynamics')!.parseParams({ procedure: 'EGE' });
    expect(resultScopeOf(p)).toEqual({
      procedure: 'EGE',
      subjects: ['math', 'math_base', 'math_profile', 'ru'],
    });
    expect(
      resultScopeOf(
        getCalculation('field_share')!.parseParams({
          kind: 'sum',
          numerator: 'vacancies',
          denominator: 'teachers',
        }),
      ),
    ).toBeNull();
  });
  it('merges scopes per procedure; a scope without subjects takes them all', () => {
    expect(
      mergeResultScopes([
        { procedure: 'OGE', subjects: ['ru'] },
        { procedure: 'OGE', subjects: ['math'] },
        { procedure: 'VPR', subjects: null },
        { procedure: 'VPR', subjects: ['ru'] },
      ]),
    ).toEqual([
      { procedure: 'OGE', subjects: ['math', 'ru'] },
      { procedure: 'VPR', subjects: null },
    ]);
  });
});
