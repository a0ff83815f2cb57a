import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatDeadlineRu,
  occurrences,
  parseDeadline,
  type DeadlineContext,
  type DeadlineKind,
  type ParsedDeadline,
  type Recurrence,
} from './deadline.js';

/** A two-school-year programme; the current school year is 2023/24. */
const CTX: DeadlineContext = { periodStart: '2023-09-01', periodEnd: '2025-08-31', schoolYear: 2023 };

interface Extra {
  rec?: Recurrence;
  times?: number;
  inferred?: boolean;
  review?: boolean;
  note?: string | null;
}
type Row = [text: string, kind: DeadlineKind, from: string | null, to: string | null, extra?: Extra];

// Phrases written in the manner of real roadmaps («Сроки» columns), with their misspellings and stray spaces.
const TABLE: Row[] = [
  // --- dates
  ['До 01.11.2023', 'date', null, '2023-11-01'],
  ['до 30.11.2023', 'date', null, '2023-11-30'],
  ['22.09.2023', 'date', '2023-09-22', '2023-09-22'],
  ['15.10.2023', 'date', '2023-10-15', '2023-10-15'],
  ['до 20 .11.2020г', 'date', null, '2020-11-20'],
  ['к 1 сентября 2023 г.', 'date', null, '2023-09-01'],
  ['01.09.23', 'date', '2023-09-01', '2023-09-01'],
  ['не позднее 15.05.2024', 'date', null, '2024-05-15'],
  ['до 25 мая', 'date', null, '2024-05-25', { inferred: true, review: false }],
  ['До 15.12.2023 г.', 'date', null, '2023-12-15'],
  ['в срок до 10 ноября 2023 года', 'date', null, '2023-11-10'],
  ['До  30.06.2024', 'date', null, '2024-06-30'],
  ['30.06.2024.', 'date', '2024-06-30', '2024-06-30'],
  ['к 01.09.2024', 'date', null, '2024-09-01'],
  ['не позднее 1 декабря', 'date', null, '2023-12-01', { inferred: true }],
  ['до 1.10.2023 г.', 'date', null, '2023-10-01'],
  ['до 01.10. 2023', 'date', null, '2023-10-01'],
  ['по 31.05.2024', 'date', null, '2024-05-31'],
  ['29.02.2024', 'date', '2024-02-29', '2024-02-29'],
  ['01/10/2023', 'date', '2023-10-01', '2023-10-01'],
  ['2024-03-15', 'date', '2024-03-15', '2024-03-15'],
  ['до 10.01.2024г.', 'date', null, '2024-01-10'],
  ['до конца сентября', 'date', null, '2023-09-30', { inferred: true }],
  ['до конца 2023 года', 'date', null, '2023-12-31'],
  ['до конца учебного года', 'date', null, '2024-05-31', { inferred: true }],
  ['до начала учебного года', 'date', null, '2023-08-31', { inferred: true }],
  ['к сентябрю 2023', 'date', null, '2023-08-31', { review: true }],
  ['до 2024 года', 'date', null, '2023-12-31', { review: true }],
  ['1 сентября 2023 года', 'date', '2023-09-01', '2023-09-01'],
  ['25 мая 2024 г.', 'date', '2024-05-25', '2024-05-25'],
  // --- months and ranges
  ['Сентябрь 2023', 'period', '2023-09-01', '2023-09-30'],
  ['Октябрь 2023', 'period', '2023-10-01', '2023-10-31'],
  ['октябрь 2023г.', 'period', '2023-10-01', '2023-10-31'],
  ['Ноябрь 2023 года', 'period', '2023-11-01', '2023-11-30'],
  ['Январь 2024', 'period', '2024-01-01', '2024-01-31'],
  ['март', 'period', '2024-03-01', '2024-03-31', { inferred: true, review: false }],
  ['Март - июнь', 'period', '2024-03-01', '2024-06-30', { inferred: true }],
  ['август-сентябрь 2019', 'period', '2019-08-01', '2019-09-30'],
  ['сентябрь 2023 – май 2024', 'period', '2023-09-01', '2024-05-31'],
  ['в течение марта', 'period', '2024-03-01', '2024-03-31', { inferred: true }],
  ['декабрь, май', 'period', '2023-12-01', '2024-05-31', { inferred: true }],
  ['Октябрь-ноябрь 2023 г.', 'period', '2023-10-01', '2023-11-30'],
  ['январь – февраль 2024', 'period', '2024-01-01', '2024-02-29'],
  ['в течение сентября-октября', 'period', '2023-09-01', '2023-10-31', { inferred: true }],
  ['май, сентябрь 2024', 'period', '2024-05-01', '2024-09-30', { inferred: false }],
  ['сентябрь, октябрь 2023', 'period', '2023-09-01', '2023-10-31'],
  ['сентябрь - май 2024', 'period', '2023-09-01', '2024-05-31'],
  ['ноябрь 2023 - февраль', 'period', '2023-11-01', '2024-02-29'],
  ['с сентября по май', 'period', '2023-09-01', '2024-05-31', { inferred: true }],
  ['апрель-май 2024г', 'period', '2024-04-01', '2024-05-31'],
  ['Апрель – Май 2024 г.г.', 'period', '2024-04-01', '2024-05-31'],
  ['Май–июнь 2024 года', 'period', '2024-05-01', '2024-06-30'],
  ['Май—Июнь 2024', 'period', '2024-05-01', '2024-06-30'],
  ['сентябрь 2023г. - июнь 2024г.', 'period', '2023-09-01', '2024-06-30'],
  ['август 2024 – сентябрь 2024', 'period', '2024-08-01', '2024-09-30'],
  ['Март, апрель', 'period', '2024-03-01', '2024-04-30', { inferred: true }],
  ['Октябрь, 2023', 'period', '2023-10-01', '2023-10-31'],
  ['в мае 2024 года', 'period', '2024-05-01', '2024-05-31'],
  ['сентябрь 2023-2024 учебного года', 'period', '2023-09-01', '2023-09-30'],
  ['май 2023/2024 уч. года', 'period', '2024-05-01', '2024-05-31'],
  ['сент. 2023', 'period', '2023-09-01', '2023-09-30'],
  ['в начале сентября', 'period', '2023-09-01', '2023-09-10', { inferred: true }],
  ['в конце 2023 года', 'period', '2023-12-01', '2023-12-31'],
  ['середина октября 2023', 'period', '2023-10-11', '2023-10-20'],
  ['по итогам 2023 года', 'period', '2023-12-01', '2023-12-31'],
  // --- date ranges
  ['01.09.2023-31.05.2024', 'period', '2023-09-01', '2024-05-31'],
  ['с 01.09.2023 по 31.05.2024', 'period', '2023-09-01', '2024-05-31'],
  ['01.09.2023 г. – 31.12.2023 г.', 'period', '2023-09-01', '2023-12-31'],
  ['01.09 - 15.09.2023', 'period', '2023-09-01', '2023-09-15'],
  ['15-20 сентября 2023', 'period', '2023-09-15', '2023-09-20'],
  ['с 1 по 15 сентября 2023 года', 'period', '2023-09-01', '2023-09-15'],
  ['01.10.2023, 01.04.2024', 'period', '2023-10-01', '2024-04-01'],
  // --- seasons
  ['Лето 2021', 'period', '2021-06-01', '2021-08-31'],
  ['осень', 'period', '2023-09-01', '2023-11-30', { inferred: true }],
  ['весна 2022 г.', 'period', '2022-03-01', '2022-05-31'],
  ['летний период 2024 г.', 'period', '2024-06-01', '2024-08-31'],
  ['Осень 2023 года', 'period', '2023-09-01', '2023-11-30'],
  ['весной', 'period', '2024-03-01', '2024-05-31', { inferred: true }],
  ['летом 2024', 'period', '2024-06-01', '2024-08-31'],
  ['летние каникулы 2024', 'period', '2024-06-01', '2024-08-31'],
  ['зима 2024', 'period', '2023-12-01', '2024-02-29', { review: true }],
  ['зима 2023/2024', 'period', '2023-12-01', '2024-02-29', { review: false }],
  // --- quarters
  ['I квартал 2024', 'period', '2024-01-01', '2024-03-31'],
  ['2 кв. 2023', 'period', '2023-04-01', '2023-06-30'],
  ['IV квартал', 'period', '2023-10-01', '2023-12-31', { inferred: true }],
  ['II квартал', 'period', '2024-04-01', '2024-06-30', { inferred: true }],
  ['3 квартал 2024 года', 'period', '2024-07-01', '2024-09-30'],
  ['4 кв 2023', 'period', '2023-10-01', '2023-12-31'],
  ['I-II квартал 2024 г.', 'period', '2024-01-01', '2024-06-30'],
  ['в III квартале 2024 года', 'period', '2024-07-01', '2024-09-30'],
  ['1-й квартал 2025', 'period', '2025-01-01', '2025-03-31'],
  // --- half-years, terms
  ['1 полугодие', 'period', '2023-09-01', '2023-12-29', { inferred: true }],
  ['1 полугодие 2023-2024 учебного года', 'period', '2023-09-01', '2023-12-29'],
  ['II полугодие 2023-2024 уч.г.', 'period', '2024-01-09', '2024-05-25'],
  ['в течение второго полугодия', 'period', '2024-01-09', '2024-05-25', { inferred: true }],
  ['2-ое полугодие 2024 года', 'period', '2024-07-01', '2024-12-31'],
  ['первое полугодие 2024 г.', 'period', '2024-01-01', '2024-06-30'],
  ['в течение 1 полугодия 2024 года', 'period', '2024-01-01', '2024-06-30'],
  ['III четверть', 'period', '2024-01-09', '2024-03-22', { inferred: true }],
  ['II четверть', 'period', '2023-11-05', '2023-12-29', { inferred: true }],
  ['2 четверть 2023/24', 'period', '2023-11-05', '2023-12-29'],
  ['в 3 четверти 2024 г.', 'period', '2024-01-09', '2024-03-22'],
  ['1-2 четверть', 'period', '2023-09-01', '2023-12-29', { inferred: true }],
  ['по итогам I полугодия', 'period', '2023-12-01', '2023-12-29', { inferred: true }],
  // --- school years and calendar years
  ['2023-2024 учебный год', 'period', '2023-09-01', '2024-08-31'],
  ['2023/2024 уч. год', 'period', '2023-09-01', '2024-08-31'],
  ['2024-2025 учебный год', 'period', '2024-09-01', '2025-08-31'],
  ['2024/2025 уч.год', 'period', '2024-09-01', '2025-08-31'],
  ['в течение 2023-2024 учебного года', 'period', '2023-09-01', '2024-08-31'],
  ['в течение 2023/24 учебного года', 'period', '2023-09-01', '2024-08-31'],
  ['2023/24', 'period', '2023-09-01', '2024-08-31'],
  ['2023-24 уч. год', 'period', '2023-09-01', '2024-08-31'],
  ['в течении 2023/2024 г.г.', 'period', '2023-09-01', '2024-08-31'],
  ['2024 год', 'period', '2024-01-01', '2024-12-31'],
  ['2019-2024 гг.', 'period', '2019-01-01', '2024-12-31'],
  ['2019-2024г.', 'period', '2019-01-01', '2024-12-31'],
  ['2019 г.', 'period', '2019-01-01', '2019-12-31'],
  ['в течение 2023 года', 'period', '2023-01-01', '2023-12-31'],
  ['2020 – 2024 гг', 'period', '2020-01-01', '2024-12-31'],
  ['2023-2024 г.г.', 'period', '2023-01-01', '2024-12-31'],
  ['на 2023 – 2024 годы', 'period', '2023-01-01', '2024-12-31'],
  ['в 2024 году', 'period', '2024-01-01', '2024-12-31'],
  ['2025г', 'period', '2025-01-01', '2025-12-31'],
  ['с 2019 по 2024 год', 'period', '2019-01-01', '2024-12-31'],
  ['2023,2024 г.г.', 'period', '2023-01-01', '2024-12-31'],
  // --- recurring
  ['ежегодно', 'recurring', null, null, { rec: 'yearly' }],
  ['Ежегодно', 'recurring', null, null, { rec: 'yearly' }],
  ['ежегодно, сентябрь', 'recurring', null, null, { rec: 'yearly' }],
  ['Ежегодно, май', 'recurring', null, null, { rec: 'yearly' }],
  ['ежегодно в мае', 'recurring', null, null, { rec: 'yearly' }],
  ['ежегодно (сентябрь-октябрь)', 'recurring', null, null, { rec: 'yearly' }],
  ['август (ежегодно)', 'recurring', null, null, { rec: 'yearly' }],
  ['ежегодно до 1 октября', 'recurring', null, null, { rec: 'yearly' }],
  ['Ежегодно, до 20 сентября', 'recurring', null, null, { rec: 'yearly' }],
  ['ежегодно в 2020-2024 гг.', 'recurring', '2020-01-01', '2024-12-31', { rec: 'yearly' }],
  [
    'Ежегодно (по мере необходимости)',
    'recurring',
    null,
    null,
    { rec: 'yearly', note: 'по мере необходимости' },
  ],
  ['ежегодно, по графику', 'recurring', null, null, { rec: 'yearly', note: 'по графику' }],
  ['1 раз в год', 'recurring', null, null, { rec: 'yearly' }],
  ['по итогам года', 'recurring', null, null, { rec: 'yearly' }],
  ['ежеквартально', 'recurring', null, null, { rec: 'quarterly' }],
  ['Ежеквартально.', 'recurring', null, null, { rec: 'quarterly' }],
  ['Ежеквартально сентябрь ноябрь, январь апрель июнь', 'recurring', null, null, { rec: 'quarterly' }],
  ['ежемесячно', 'recurring', null, null, { rec: 'monthly' }],
  ['раз в месяц', 'recurring', null, null, { rec: 'monthly' }],
  ['ежемесячно до 5 числа', 'recurring', null, null, { rec: 'monthly' }],
  ['ежемесячно, до 10 числа', 'recurring', null, null, { rec: 'monthly' }],
  ['еженедельно', 'recurring', null, null, { rec: 'weekly' }],
  ['Еженедельно (по понедельникам)', 'recurring', null, null, { rec: 'weekly' }],
  ['по пятницам', 'recurring', null, null, { rec: 'weekly' }],
  ['каждую неделю', 'recurring', null, null, { rec: 'weekly' }],
  ['по четвертям', 'recurring', null, null, { rec: 'per_term' }],
  ['по итогам четверти', 'recurring', null, null, { rec: 'per_term' }],
  ['по итогам каждой четверти', 'recurring', null, null, { rec: 'per_term' }],
  ['1 раз в четверть', 'recurring', null, null, { rec: 'per_term' }],
  ['по полугодиям', 'recurring', null, null, { rec: 'half_yearly' }],
  ['раз в полугодие', 'recurring', null, null, { rec: 'half_yearly' }],
  ['1 раз в полугодие', 'recurring', null, null, { rec: 'half_yearly' }],
  ['2 раза в год', 'recurring', null, null, { rec: 'times_per_year', times: 2 }],
  ['дважды в год', 'recurring', null, null, { rec: 'times_per_year', times: 2 }],
  ['3 раза в год', 'recurring', null, null, { rec: 'times_per_year', times: 3 }],
  ['4 раза в год', 'recurring', null, null, { rec: 'times_per_year', times: 4 }],
  ['не реже 2 раз в год', 'recurring', null, null, { rec: 'times_per_year', times: 2 }],
  ['2 раза в год (декабрь, май)', 'recurring', null, null, { rec: 'times_per_year', times: 2 }],
  // --- continuous
  ['постоянно', 'continuous', null, null],
  ['Постоянно.', 'continuous', null, null],
  ['в течение учебного года', 'continuous', null, null],
  ['в течение всего учебного года', 'continuous', null, null],
  ['весь период', 'continuous', null, null],
  ['Весь период', 'continuous', null, null],
  ['в течение всего периода', 'continuous', null, null],
  ['в течение года', 'continuous', null, null],
  ['систематически', 'continuous', null, null],
  ['регулярно', 'continuous', null, null],
  ['весь период реализации программы', 'continuous', null, null],
  ['в течение всего срока реализации программы', 'continuous', null, null],
  ['на протяжении всего периода', 'continuous', null, null],
  ['Весь период 2023/2024', 'continuous', '2023-09-01', '2024-08-31'],
  ['весь период (по плану)', 'continuous', null, null, { note: 'по плану' }],
  ['в течение учебного года (по плану школы)', 'continuous', null, null, { note: 'по плану школы' }],
  ['с 01.09.2023', 'continuous', '2023-09-01', null],
  ['начиная с сентября 2023 г.', 'continuous', '2023-09-01', null],
  ['постоянно, с 01.09.2023', 'continuous', '2023-09-01', null],
  // --- by another plan / on demand
  ['по отдельному плану', 'by_plan', null, null, { note: 'по отдельному плану' }],
  ['по мере необходимости', 'by_plan', null, null, { note: 'по мере необходимости' }],
  ['По мере необходимости.', 'by_plan', null, null],
  ['в рамках соглашения о сотрудничестве', 'by_plan', null, null, { note: 'соглашения о сотрудничестве' }],
  ['по графику', 'by_plan', null, null],
  ['по плану ИРО', 'by_plan', null, null, { note: 'по плану ИРО' }],
  ['По плану работы ИМЦ', 'by_plan', null, null, { note: 'По плану работы ИМЦ' }],
  ['по запросу', 'by_plan', null, null],
  ['по заявкам ОО', 'by_plan', null, null],
  ['по графику ФИС ОКО', 'by_plan', null, null, { note: 'по графику ФИС ОКО' }],
  ['в рамках проекта «500+»', 'by_plan', null, null],
  ['по согласованию с ИРО', 'by_plan', null, null],
  ['в соответствии с графиком проведения ВПР', 'by_plan', null, null],
  ['в сроки, установленные Рособрнадзором', 'by_plan', null, null],
  ['при необходимости', 'by_plan', null, null],
  ['по итогам ВПР', 'by_plan', null, null, { note: 'по итогам ВПР' }],
  ['по дорожной карте', 'by_plan', null, null],
  // --- misspellings, stray spaces, case, dashes
  ['сентябрь2023', 'period', '2023-09-01', '2023-09-30'],
  ['Сентябь 2023', 'period', '2023-09-01', '2023-09-30'],
  ['Сетнябрь 2023', 'period', '2023-09-01', '2023-09-30'],
  ['Агуст 2024', 'period', '2024-08-01', '2024-08-31'],
  ['ноябь 2023', 'period', '2023-11-01', '2023-11-30'],
  ['феврль 2024', 'period', '2024-02-01', '2024-02-29'],
  ['Окрябрь 2023', 'period', '2023-10-01', '2023-10-31'],
  ['Дкабрь 2024', 'period', '2024-12-01', '2024-12-31'],
  ['декабрь2023', 'period', '2023-12-01', '2023-12-31'],
  ['СЕНТЯБРЬ  2023.', 'period', '2023-09-01', '2023-09-30'],
  ['  март   2024  ', 'period', '2024-03-01', '2024-03-31'],
  ['cентябрь 2023', 'period', '2023-09-01', '2023-09-30'], // a Latin «c»
  ['ЕЖЕГОДНО', 'recurring', null, null, { rec: 'yearly' }],
  ['ежекварально', 'recurring', null, null, { rec: 'quarterly' }],
  ['в течении года', 'continuous', null, null],
  ['IVквартал 2023', 'period', '2023-10-01', '2023-12-31'],
  // --- the multi-line cell of a Word table, hedged and commented deadlines
  ['Январь 2019г.\n\n\n2019-2024г.', 'period', '2019-01-01', '2024-12-31', { review: true }],
  ['ориентировочно сентябрь 2023', 'period', '2023-09-01', '2023-09-30', { review: true }],
  [
    'Сентябрь 2023 (по результатам ВПР)',
    'period',
    '2023-09-01',
    '2023-09-30',
    { note: 'по результатам ВПР', review: false },
  ],
  ['октябрь 2023 после совещания', 'period', '2023-10-01', '2023-10-31', { note: 'после совещания' }],
  // --- consciously unknown
  ['', 'unknown', null, null, { review: true }],
  ['   ', 'unknown', null, null, { review: true }],
  ['-', 'unknown', null, null, { review: true }],
  ['?', 'unknown', null, null, { review: true }],
  ['н/д', 'unknown', null, null, { review: true }],
  ['asdf qwerty', 'unknown', null, null, { review: true }],
  ['23', 'unknown', null, null, { review: true }],
  ['31.02.2023', 'unknown', null, null, { review: true }],
  ['29.02.2023', 'unknown', null, null, { review: true }],
  ['31.04.2024', 'unknown', null, null, { review: true }],
  ['32.01.2023', 'unknown', null, null, { review: true }],
  ['01.13.2023', 'unknown', null, null, { review: true }],
  ['2019-2014г.', 'unknown', null, null, { review: true }],
  ['с 20 по 10 сентября 2023', 'unknown', null, null, { review: true }],
  ['по решению руководителя', 'unknown', null, null, { review: true }],
];

describe('parseDeadline: the table of real-looking phrases', () => {
  it('has enough rows', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(120);
  });

  it.each(TABLE)('%j → %s %s…%s', (text, kind, from, to, extra) => {
    const d = parseDeadline(text, CTX);
    expect(d.original).toBe(text);
    expect({ kind: d.kind, from: d.from, to: d.to }).toEqual({ kind, from, to });
    if (extra?.rec !== undefined) expect(d.recurrence).toBe(extra.rec);
    else if (kind !== 'recurring') expect(d.recurrence).toBeNull();
    if (extra?.times !== undefined) expect(d.timesPerYear).toBe(extra.times);
    if (extra?.inferred !== undefined) expect(d.yearInferred).toBe(extra.inferred);
    if (extra?.review !== undefined) expect(d.needsReview).toBe(extra.review);
    if (extra?.note !== undefined) expect(d.note).toBe(extra.note);
    if (kind === 'unknown') expect(d.needsReview).toBe(true);
  });

  it('marks explicit years as not inferred and plain results as not needing review', () => {
    for (const text of [
      'До 01.11.2023',
      'Сентябрь 2023',
      '2023/2024 уч. год',
      'I квартал 2024',
      'ежегодно',
    ]) {
      const d = parseDeadline(text, CTX);
      expect(d.yearInferred, text).toBe(false);
      expect(d.needsReview, text).toBe(false);
    }
  });
});

describe('parseDeadline: details', () => {
  it('keeps the listed items of a list', () => {
    const d = parseDeadline('декабрь, май', CTX);
    expect(d.parts).toEqual([
      { from: '2023-12-01', to: '2023-12-31' },
      { from: '2024-05-01', to: '2024-05-31' },
    ]);
  });

  it('keeps the window inside each cycle of a recurring deadline', () => {
    expect(parseDeadline('ежегодно, сентябрь', CTX).within).toEqual([
      { from: { month: 9, day: null }, to: { month: 9, day: null } },
    ]);
    expect(parseDeadline('ежегодно до 1 октября', CTX).within).toEqual([
      { from: null, to: { month: 10, day: 1 } },
    ]);
    expect(parseDeadline('ежемесячно до 5 числа', CTX).within).toEqual([
      { from: null, to: { month: null, day: 5 } },
    ]);
    expect(
      parseDeadline('Ежеквартально сентябрь ноябрь, январь апрель июнь', CTX).within?.map((w) => w.to.month),
    ).toEqual([9, 11, 1, 4, 6]);
  });

  it('infers a month without a year from the school year, or from the programme start', () => {
    expect(parseDeadline('сентябрь', { ...CTX, schoolYear: 2024 }).from).toBe('2024-09-01');
    expect(parseDeadline('февраль', { ...CTX, schoolYear: 2024 }).to).toBe('2025-02-28');
    const noSchoolYear = { periodStart: '2023-09-01', periodEnd: '2024-08-31' };
    const d = parseDeadline('март', noSchoolYear);
    expect([d.from, d.yearInferred, d.needsReview]).toEqual(['2024-03-01', true, false]);
    // a multi-year programme without a school year: the year is a guess
    const guess = parseDeadline('март', { periodStart: '2019-01-01', periodEnd: '2024-12-31' });
    expect([guess.from, guess.yearInferred, guess.needsReview]).toEqual(['2019-03-01', true, true]);
  });

  it('returns unknown (not a throw) when a year is needed and the context has none', () => {
    const d = parseDeadline('март', { periodStart: 'garbage', periodEnd: '' });
    expect(d.kind).toBe('unknown');
    expect(d.needsReview).toBe(true);
    expect(parseDeadline('Сентябрь 2023', { periodStart: 'garbage', periodEnd: '' }).from).toBe('2023-09-01');
  });

  it('reads two-digit years as 20xx', () => {
    expect(parseDeadline('01.09.23', CTX).to).toBe('2023-09-01');
    expect(parseDeadline('15.05.30', CTX).to).toBe('2030-05-15');
  });

  it('survives non-string input at run time', () => {
    const d = parseDeadline(undefined as unknown as string, CTX);
    expect(d.kind).toBe('unknown');
    expect(d.original).toBeUndefined();
    expect(formatDeadlineRu(d)).toBe('—');
    expect(parseDeadline(42 as unknown as string, undefined as unknown as DeadlineContext).kind).toBe(
      'unknown',
    );
  });
});

describe('formatDeadlineRu', () => {
  const cases: Array<[string, string]> = [
    ['До 01.11.2023', 'до 01.11.2023'],
    ['22.09.2023', '22.09.2023'],
    ['Сентябрь 2023', 'сентябрь 2023'],
    ['сентябрь-октябрь 2023', 'сентябрь–октябрь 2023'],
    ['сентябрь 2023 – май 2024', 'сентябрь 2023 – май 2024'],
    ['2023-2024 учебный год', '2023/24 уч. год'],
    ['2019-2024 гг.', '2019–2024 гг.'],
    ['2024 год', '2024 год'],
    ['I квартал 2024', 'январь–март 2024'],
    ['2 четверть 2023/24', 'II четверть 2023/24'],
    ['1 полугодие 2023-2024 учебного года', 'I полугодие 2023/24'],
    ['01.09 - 15.09.2023', '01.09.2023–15.09.2023'],
    ['декабрь, май', 'декабрь 2023, май 2024'],
    ['ежеквартально', 'ежеквартально'],
    ['ежегодно, сентябрь', 'ежегодно (сентябрь)'],
    ['ежегодно до 1 октября', 'ежегодно (до 01.10)'],
    ['ежемесячно до 5 числа', 'ежемесячно (до 5 числа)'],
    ['ежегодно в 2020-2024 гг.', 'ежегодно, 2020–2024 гг.'],
    ['по четвертям', 'по четвертям'],
    ['2 раза в год', '2 раза в год'],
    ['5 раз в год', '5 раз в год'],
    ['постоянно', 'постоянно'],
    ['Весь период 2023/2024', 'постоянно, 2023/24 уч. год'],
    ['с 01.09.2023', 'с 01.09.2023'],
    ['По плану  ИРО.', 'по плану ИРО'],
    ['asdf', 'asdf'],
    ['', '—'],
  ];
  it.each(cases)('%j → %j', (text, expected) => {
    expect(formatDeadlineRu(parseDeadline(text, CTX))).toBe(expected);
  });

  it('renders what it parses back to the same window', () => {
    for (const [text] of cases) {
      const d = parseDeadline(text, CTX);
      if (d.kind !== 'date' && d.kind !== 'period') continue;
      const again = parseDeadline(formatDeadlineRu(d), CTX);
      expect({ from: again.from, to: again.to }, text).toEqual({ from: d.from, to: d.to });
    }
  });
});

describe('occurrences over a 2023-09-01…2025-08-31 programme', () => {
  const occ = (text: string, ctx: DeadlineContext = CTX) => occurrences(parseDeadline(text, ctx), ctx);
  const summary = (text: string, ctx?: DeadlineContext) => occ(text, ctx).map((o) => [o.label, o.from, o.to]);

  it('yearly: one per school year', () => {
    expect(summary('ежегодно')).toEqual([
      ['2023/24 уч. год', '2023-09-01', '2024-08-31'],
      ['2024/25 уч. год', '2024-09-01', '2025-08-31'],
    ]);
  });

  it('yearly in a calendar-year programme: one per calendar year', () => {
    const ctx = { periodStart: '2019-01-01', periodEnd: '2024-12-31' };
    expect(occ('ежегодно', ctx).map((o) => o.label)).toEqual([
      '2019 год',
      '2020 год',
      '2021 год',
      '2022 год',
      '2023 год',
      '2024 год',
    ]);
  });

  it('half-yearly: school half-years', () => {
    expect(summary('по полугодиям')).toEqual([
      ['I полугодие 2023/24', '2023-09-01', '2023-12-29'],
      ['II полугодие 2023/24', '2024-01-09', '2024-05-25'],
      ['I полугодие 2024/25', '2024-09-01', '2024-12-29'],
      ['II полугодие 2024/25', '2025-01-09', '2025-05-25'],
    ]);
  });

  it('quarterly: calendar quarters, the partial ones clipped to the programme', () => {
    expect(summary('ежеквартально')).toEqual([
      ['III квартал 2023', '2023-09-01', '2023-09-30'],
      ['IV квартал 2023', '2023-10-01', '2023-12-31'],
      ['I квартал 2024', '2024-01-01', '2024-03-31'],
      ['II квартал 2024', '2024-04-01', '2024-06-30'],
      ['III квартал 2024', '2024-07-01', '2024-09-30'],
      ['IV квартал 2024', '2024-10-01', '2024-12-31'],
      ['I квартал 2025', '2025-01-01', '2025-03-31'],
      ['II квартал 2025', '2025-04-01', '2025-06-30'],
      ['III квартал 2025', '2025-07-01', '2025-08-31'],
    ]);
  });

  it('monthly: 24 months', () => {
    const o = occ('ежемесячно');
    expect(o).toHaveLength(24);
    expect(o[0]).toEqual({ index: 0, label: 'Сентябрь 2023', from: '2023-09-01', to: '2023-09-30' });
    expect(o[6]).toEqual({ index: 6, label: 'Март 2024', from: '2024-03-01', to: '2024-03-31' });
    expect(o[23]?.to).toBe('2025-08-31');
  });

  it('weekly: Monday–Sunday weeks that tile the programme', () => {
    const o = occ('еженедельно');
    expect(o).toHaveLength(105);
    expect(o[0]).toMatchObject({ from: '2023-09-01', to: '2023-09-03', label: 'Неделя 01.09–03.09.2023' });
    expect(o[1]).toMatchObject({ from: '2023-09-04', to: '2023-09-10' });
    expect(o[o.length - 1]).toMatchObject({ from: '2025-08-25', to: '2025-08-31' });
    for (let k = 1; k < o.length; k++) {
      const prev = new Date(o[k - 1]!.to);
      prev.setUTCDate(prev.getUTCDate() + 1);
      expect(o[k]!.from).toBe(prev.toISOString().slice(0, 10));
    }
  });

  it('per term: four terms per school year', () => {
    const o = summary('по четвертям');
    expect(o).toHaveLength(8);
    expect(o.slice(0, 4)).toEqual([
      ['I четверть 2023/24', '2023-09-01', '2023-10-27'],
      ['II четверть 2023/24', '2023-11-05', '2023-12-29'],
      ['III четверть 2023/24', '2024-01-09', '2024-03-22'],
      ['IV четверть 2023/24', '2024-04-01', '2024-05-25'],
    ]);
    expect(summary('по итогам четверти')).toEqual(o);
  });

  it('N times a year: equal parts of the study period', () => {
    const three = occ('3 раза в год');
    expect(three).toHaveLength(6);
    expect(three[0]).toMatchObject({ from: '2023-09-01', label: '2023/24 уч. год, 1-й раз из 3' });
    expect(three[2]).toMatchObject({ to: '2024-05-25' });
    expect(three[1]!.from > three[0]!.to).toBe(true);
    expect(summary('2 раза в год')).toEqual(summary('по полугодиям'));
    expect(summary('4 раза в год')).toEqual(summary('по четвертям'));
  });

  it('recurring with a window inside the cycle', () => {
    expect(summary('ежегодно до 1 октября')).toEqual([
      ['До 01.10.2023', '2023-09-01', '2023-10-01'],
      ['До 01.10.2024', '2023-10-02', '2024-10-01'],
    ]);
    expect(summary('ежегодно, сентябрь')).toEqual([
      ['Сентябрь 2023', '2023-09-01', '2023-09-30'],
      ['Сентябрь 2024', '2024-09-01', '2024-09-30'],
    ]);
    expect(occ('Ежеквартально сентябрь ноябрь, январь апрель июнь').map((o) => o.label)).toEqual([
      'Сентябрь 2023',
      'Ноябрь 2023',
      'Январь 2024',
      'Апрель 2024',
      'Июнь 2024',
      'Сентябрь 2024',
      'Ноябрь 2024',
      'Январь 2025',
      'Апрель 2025',
      'Июнь 2025',
    ]);
    const monthly = occ('ежемесячно до 5 числа');
    expect(monthly).toHaveLength(24);
    expect(monthly[1]).toMatchObject({ from: '2023-09-06', to: '2023-10-05' });
  });

  it('recurring within a named window', () => {
    expect(occ('ежегодно в течение 2023/2024 учебного года').map((o) => o.label)).toEqual([
      '2023/24 уч. год',
    ]);
  });

  it('continuous: one per school year, clipped to its own window', () => {
    expect(summary('постоянно')).toEqual([
      ['2023/24 уч. год', '2023-09-01', '2024-08-31'],
      ['2024/25 уч. год', '2024-09-01', '2025-08-31'],
    ]);
    expect(summary('Весь период 2023/2024')).toEqual([['2023/24 уч. год', '2023-09-01', '2024-08-31']]);
    expect(summary('с 01.02.2025')).toEqual([['2024/25 уч. год', '2025-02-01', '2025-08-31']]);
  });

  it('date and period: one; a list: one per item', () => {
    expect(summary('До 01.11.2023')).toEqual([['До 01.11.2023', '2023-09-01', '2023-11-01']]);
    expect(summary('22.09.2023')).toEqual([['22.09.2023', '2023-09-22', '2023-09-22']]);
    expect(summary('Март - июнь')).toEqual([['Март–июнь 2024', '2024-03-01', '2024-06-30']]);
    expect(summary('декабрь, май')).toEqual([
      ['Декабрь 2023', '2023-12-01', '2023-12-31'],
      ['Май 2024', '2024-05-01', '2024-05-31'],
    ]);
  });

  it('by plan and unknown: none', () => {
    expect(occ('по отдельному плану')).toEqual([]);
    expect(occ('asdf')).toEqual([]);
  });

  it('numbers occurrences from 0 and never throws on a broken context', () => {
    expect(occ('ежеквартально').map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const bad = { periodStart: '2025-01-01', periodEnd: '2024-01-01' };
    expect(occurrences(parseDeadline('ежегодно', CTX), bad)).toEqual([]);
    expect(occurrences({} as ParsedDeadline, CTX)).toEqual([]);
  });
});

describe('properties', () => {
  const FRAGMENTS = [
    'до',
    'к',
    'с',
    'по',
    'не позднее',
    'в течение',
    'ежегодно',
    'ежеквартально',
    'по четвертям',
    'постоянно',
    'весь период',
    'по плану',
    'в рамках',
    'сентябрь',
    'мая',
    'Март',
    'лето',
    'зима',
    'I',
    'IV',
    '2',
    'квартал',
    'полугодие',
    'четверть',
    'учебный год',
    'г.',
    'гг.',
    '2023',
    '2024',
    '2019-2014',
    '2023/24',
    '01.09.2023',
    '31.02.2023',
    '20 .11',
    '5 числа',
    '-',
    '–',
    ',',
    '(',
    ')',
    '\n',
    '.',
    'раза в год',
    'начало',
    'конца',
  ];
  const roadmapish = fc
    .array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 })
    .chain((xs) => fc.constantFrom(xs.join(' '), xs.join('')));
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    roadmapish,
  );
  const anyCtx = fc.oneof(
    fc.constant(CTX),
    fc.constant({ periodStart: '2019-01-01', periodEnd: '2024-12-31' }),
    fc.record({ periodStart: fc.string(), periodEnd: fc.string() }),
  );

  it('never throws, keeps the original, and keeps from ≤ to', () => {
    fc.assert(
      fc.property(anyText, anyCtx, (text, ctx) => {
        const d = parseDeadline(text, ctx);
        expect(d.original).toBe(text);
        if (d.from !== null && d.to !== null) expect(d.from <= d.to).toBe(true);
        for (const p of d.parts ?? []) if (p.from !== null) expect(p.from <= p.to).toBe(true);
        if (d.kind === 'unknown') expect(d.needsReview).toBe(true);
        expect(typeof formatDeadlineRu(d)).toBe('string');
        for (const o of occurrences(d, ctx)) expect(o.from <= o.to).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  const dateArb = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((dt) => dt.toISOString().slice(0, 10));

  it('a formatted date DD.MM.YYYY always round-trips', () => {
    fc.assert(
      fc.property(dateArb, (isoDate) => {
        const [y, m, d] = isoDate.split('-');
        const text = `${d}.${m}.${y}`;
        const parsed = parseDeadline(text, CTX);
        expect(parsed).toMatchObject({ kind: 'date', from: isoDate, to: isoDate, needsReview: false });
        expect(formatDeadlineRu(parsed)).toBe(text);
        const due = parseDeadline(`до ${text}`, CTX);
        expect(due).toMatchObject({ kind: 'date', from: null, to: isoDate });
        expect(formatDeadlineRu(due)).toBe(`до ${text}`);
      }),
    );
  });

  it('a month range round-trips through its rendering', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 20 }),
        (y, m, len) => {
          const f = `${y}-${String(m).padStart(2, '0')}-01`;
          const endMonthIndex = m - 1 + len;
          const ey = y + Math.floor(endMonthIndex / 12);
          const em = (endMonthIndex % 12) + 1;
          const last = new Date(Date.UTC(ey, em, 0)).getUTCDate();
          const t = `${ey}-${String(em).padStart(2, '0')}-${last}`;
          const d: ParsedDeadline = {
            original: '',
            kind: 'period',
            from: f,
            to: t,
            recurrence: null,
            yearInferred: false,
            note: null,
            needsReview: false,
          };
          const again = parseDeadline(formatDeadlineRu(d), CTX);
          expect({ from: again.from, to: again.to }).toEqual({ from: f, to: t });
        },
      ),
    );
  });
});
