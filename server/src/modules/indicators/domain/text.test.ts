import { describe, expect, it } from 'vitest';
import { runCalculation } from './calculations.js';
import { fingerprint } from './fingerprint.js';
import { rollUp } from './rollup.js';
import { data, result, school } from './test-fixtures.js';
import { renderMessage, renderParams, renderText, sameText, type Message } from './text.js';
import type { ApprovedList, BasisRecord, Contribution, NoData } from './types.js';

/** Reasons and basis labels are messages rendered on read in the reader's language (Russian unchanged). */
const reason = (locale: 'ru' | 'en', n: NoData | undefined) =>
  n && { params: renderParams(locale, n.params), message: renderMessage(locale, n) };
const labels = (locale: 'ru' | 'en', bs: BasisRecord[]) => bs.map((b) => renderText(locale, b.label));

describe('indicator texts in the reader’s language', () => {
  const schools = [school(1, 10, { internet_mbps: null, teachers: 10 }), school(2, 10, { teachers: 12 })];
  const results = [
    result(1, 'OGE', 'ru', 9, 2024, 20, 4),
    result(1, 'OGE', 'math', 9, 2024, 20, null),
    result(2, 'OGE', 'ru', 9, 2024, 10, null),
  ];

  it('no-data reasons name the procedure, subject and field in either language', () => {
    const dyn = runCalculation(
      'positive_dynamics',
      { procedure: 'OGE', subjects: ['ru'] },
      data({ schools, results }),
    );
    expect(reason('ru', dyn[0]!.noData)).toEqual({
      params: { procedure: 'ОГЭ', subject: 'русский язык', year: 2023 },
      message: 'Нет результатов ОГЭ по предмету «русский язык» за 2023 г.',
    });
    expect(reason('en', dyn[0]!.noData)).toEqual({
      params: { procedure: 'OGE', subject: 'Russian', year: 2023 },
      message: 'No OGE results in "Russian" for 2023.',
    });

    const sum = runCalculation(
      'below_min_share',
      { procedure: 'OGE', subjects: ['math'] },
      data({ schools, results }),
    );
    expect(reason('ru', sum[0]!.noData)!.params).toEqual({
      field: 'не преодолели минимальный порог',
      procedure: 'ОГЭ',
      year: 2024,
    });
    expect(reason('en', sum[0]!.noData)!.params).toEqual({
      field: 'below the minimum',
      procedure: 'OGE',
      year: 2024,
    });
    expect(reason('en', sum[0]!.noData)!.message).not.toMatch(/[а-яё]/i);

    const field = runCalculation(
      'field_share',
      { kind: 'schools', condition: { field: 'internet_mbps', op: '>=', value: 1 } },
      data({ schools }),
    );
    expect(reason('ru', field[0]!.noData)!.message).toBe('Не заполнено поле «Скорость интернета, Мбит/с».');
    expect(reason('en', field[0]!.noData)!.message).toBe('The field "Internet speed, Mbit/s" is empty.');
  });

  it('basis labels in either language; codes without a name stay as written', () => {
    const cs = runCalculation(
      'below_min_share',
      { procedure: 'OGE', subjects: ['ru'] },
      data({ schools, results }),
    );
    expect(labels('ru', cs[0]!.basis)).toEqual(['ОГЭ, русский язык, 9 кл., 2024']);
    expect(labels('en', cs[0]!.basis)).toEqual(['OGE, Russian, grade 9, 2024']);
    const odd = runCalculation(
      'below_min_share',
      { procedure: 'X_TEST' },
      data({ schools, results: [result(1, 'X_TEST', 'astronomy', 11, 2024, 5, 1)] }),
    );
    expect(labels('en', odd[0]!.basis)).toEqual(['X_TEST, astronomy, grade 11, 2024']);
    const fields = runCalculation(
      'field_share',
      { kind: 'sum', numerator: 'teachers', denominator: 'teachers' },
      data({ schools }),
    );
    expect(labels('ru', fields[0]!.basis)).toEqual(['Педагогические работники', 'Педагогические работники']);
    expect(labels('en', fields[0]!.basis)).toEqual(['Teachers', 'Teachers']);
  });

  it('the order of an approved list is told in the reader’s language', () => {
    const list = (year: number, order: ApprovedList['order']): ApprovedList => ({
      year,
      runId: year,
      order,
      schoolIds: [1],
    });
    const cs = runCalculation(
      'no_longer_flagged',
      {},
      data({
        schools,
        year: 2024,
        approvedLists: [
          list(2023, { key: 'indicators.basis.order', params: { number: '12', date: '2023-10-01' } }),
          list(2024, { key: 'indicators.basis.orderNumber', params: { number: '7' } }),
        ],
      }),
    );
    expect(labels('ru', cs[0]!.basis)).toEqual([
      'Перечень школ 2023 г. (приказ № 12 от 2023-10-01)',
      'Перечень школ 2024 г. (приказ № 7)',
    ]);
    expect(labels('en', cs[0]!.basis)).toEqual([
      'List of schools 2023 (order No. 12 of 2023-10-01)',
      'List of schools 2024 (order No. 7)',
    ]);
  });

  it('reasons stored as Russian words before (legacy rows) render as they were', () => {
    const old: NoData = { key: 'indicators.noData.noResults', params: { procedure: 'ОГЭ', year: 2024 } };
    expect(renderMessage('ru', old)).toBe('Нет результатов ОГЭ за 2024 г.');
    expect(renderMessage('en', old)).toBe('No ОГЭ results for 2024.');
  });

  it('keeps the fingerprint of the same data (texts enter it as their Russian words)', () => {
    const cs = runCalculation(
      'positive_dynamics',
      { procedure: 'OGE', subjects: ['ru'] },
      data({ schools, results }),
    );
    const asWords: Contribution[] = cs.map((c) => ({
      ...c,
      ...(c.noData ? { noData: { key: c.noData.key, params: renderParams('ru', c.noData.params) } } : {}),
      basis: c.basis.map((b) => ({ ...b, label: String(renderText('ru', b.label)) })),
    }));
    expect(fingerprint('positive_dynamics', {}, cs)).toBe(fingerprint('positive_dynamics', {}, asWords));
  });

  it('a reason shared by schools stays shared in the roll-up (messages compared by value)', () => {
    const m = (): Message => ({ key: 'indicators.procedure.OGE' });
    expect(sameText(m(), m())).toBe(true);
    expect(sameText(m(), { key: 'indicators.procedure.EGE' })).toBe(false);
    const c = (id: number): Contribution => ({
      schoolId: id,
      municipalityId: 1,
      numerator: 0,
      denominator: 0,
      noData: { key: 'indicators.noData.noResults', params: { procedure: m(), year: 2024 } },
      basis: [],
    });
    const roll = rollUp([c(1), c(2)], 'percent');
    expect(roll.total.noData?.key).toBe('indicators.noData.noResults');
  });
});
