import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../../../common/src/i18n/index.js';
import { identification } from '../../../../../common/src/i18n/identification.js';
import { DEFAULT_PARAMS, IdentificationParamsSchema, type IdentificationParamsInput } from './params.js';
import {
  beginIdentification,
  canonicalJson,
  displayCategory,
  explainOutcomeSchool,
  fingerprint,
  fingerprintContext,
  identify,
  IdentificationInputError,
  type IdentificationInput,
} from './run.js';
import {
  PROCEDURES,
  type ContextRow,
  type Procedure,
  type ResultAggregate,
  type SchoolInfo,
} from './types.js';

const Y = 2024;
const params = (p: IdentificationParamsInput = {}) => IdentificationParamsSchema.parse(p);
const school = (id: number): SchoolInfo => ({
  id,
  municipalityId: 10 + (id % 2),
  isSmall: false,
  locality: 'urban',
});
function row(
  schoolId: number,
  procedure: Procedure,
  subject: string,
  year: number,
  participants: number,
  belowMin: number,
  grade: number | null = null,
): ResultAggregate {
  return { schoolId, procedure, subject, grade, year, participants, belowMin, meanScore: null };
}

/** Eight schools: 1 clause А, 2 clause Б, 3 no data, 4 small, 5–8 ordinary; context rising with id. */
function region(): IdentificationInput {
  const schools = [1, 2, 3, 4, 5, 6, 7, 8].map(school);
  const results: ResultAggregate[] = [
    row(1, 'VPR', 'ru', Y, 34, 14, 5),
    row(1, 'OGE', 'math', Y, 20, 7, 9),
    row(1, 'EGE', 'math_profile', Y, 6, 3, 11),
    row(2, 'OGE', 'math', Y - 1, 30, 10, 9),
    row(2, 'OGE', 'math', Y, 20, 7, 9),
    row(4, 'VPR', 'ru', Y, 8, 3, 4),
    row(5, 'VPR', 'ru', Y, 50, 5, 5),
    row(6, 'VPR', 'math', Y, 60, 9, 6),
    row(7, 'OGE', 'ru', Y, 40, 6, 9),
    row(8, 'VPR', 'ru', Y, 45, 4, 5),
  ];
  const context: ContextRow[] = schools.map((s) => ({
    schoolId: s.id,
    year: Y,
    values: {
      low_income: [30, 5, 10, 12, 8, 15, 20, 25][s.id - 1]!,
      single_parent: 10,
      parents_higher_ed: 30,
      ovz: 2,
      disabled: 1,
      registered: 1,
      non_russian: 0,
    },
  }));
  return { year: Y, params: DEFAULT_PARAMS, schools, results, context };
}

describe('identify', () => {
  const out = identify(region());
  const by = (id: number) => out.schools.find((s) => s.schoolId === id)!;

  it('explains clause А with the figures, in Russian with a decimal comma', () => {
    expect(by(1).explanation[0]).toBe(
      'В 2024 г. доля участников, не достигших минимального порога, составила 41,2 % (14 из 34) по ВПР, русский язык, и 35,0 % (7 из 20) по ОГЭ, математика — не менее 30 % в двух разных процедурах (правило А).',
    );
    expect(by(1).explanation[1]).toBe('Недостаточно данных: ЕГЭ, математика — 6 участников при минимуме 10.');
  });

  it('explains clause Б', () => {
    expect(by(2).explanation[0]).toBe(
      'По ОГЭ доля участников, не достигших минимального порога, составила 33,3 % (10 из 30, математика) в 2023 г. и 35,0 % (7 из 20, математика) в 2024 г. — не менее 30 % в одной процедуре два года подряд (правило Б).',
    );
  });

  it('derives categories and the display category', () => {
    expect(by(1).categories).toEqual(expect.arrayContaining(['low_results', 'unfavourable']));
    expect(by(1).display).toBe('both');
    expect(by(2).categories).toContain('low_results');
    expect(by(2).display).toBe('low_results');
    expect(by(3).rule.status).toBe('no_data');
    expect(by(3).categories).toContain('insufficient_data');
    expect(by(3).explanation[0]).toMatch(/^Нет результатов за 2023–2024 гг\./);
    expect(by(4).rule.status).toBe('insufficient');
    expect(by(4).explanation).toContain(
      'Недостаточно данных: ВПР, русский язык — 8 участников при минимуме 10.',
    );
    expect(by(5).display).toBe('none');
    expect(out.summary.total).toBe(8);
    expect(out.summary.byDisplay.both).toBe(1);
    expect(Object.values(out.summary.byDisplay).reduce((a, b) => a + b, 0)).toBe(8);
  });

  it('carries the figures: triggers, index, expected share, residual, shrunken share', () => {
    const s = by(1);
    expect(s.rule.triggers.length).toBe(3);
    expect(s.context.index).not.toBeNull();
    expect(s.model.expected).not.toBeNull();
    expect(s.model.shrunken).not.toBeNull();
    expect(s.model.residualZ).not.toBeNull();
    expect(out.model.share!.n).toBe(7);
  });

  it('produces plain JSON', () => {
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('renders the explanation in English on demand', () => {
    const en = explainOutcomeSchool(out, by(1), 'en');
    expect(en[0]).toBe(
      'In 2024, the share of participants below the minimum threshold was 41.2 % (14 of 34) in VPR, Russian, and 35.0 % (7 of 20) in OGE, mathematics: at least 30 % in two different procedures (rule A).',
    );
    expect(explainOutcomeSchool(out, by(1), 'ru')).toEqual(by(1).explanation);
  });

  it('explains the Wilson mode', () => {
    const input = { ...region(), params: params({ mode: 'wilson', minParticipants: 1 }) };
    input.results = [row(1, 'VPR', 'ru', Y, 100, 40), row(1, 'OGE', 'math', Y, 100, 45)];
    const s = identify(input).schools[0]!;
    expect(s.rule.status).toBe('flagged');
    expect(s.explanation[0]).toContain(
      '40,0 % (40 из 100; нижняя граница 95 % интервала — 30,9 %) по ВПР, русский язык',
    );
    expect(s.explanation[0]).toContain('доверительного интервала Уилсона');
  });

  it('says which threshold results were reached when they do not suffice', () => {
    const input = {
      ...region(),
      results: [row(1, 'VPR', 'ru', Y, 20, 8), row(1, 'OGE', 'math', Y - 2, 20, 8)],
    };
    const s = identify(input).schools[0]!;
    expect(s.rule.status).toBe('not_flagged');
    expect(s.explanation[0]).toBe(
      'Критерий низких результатов не выполнен: доля не достигших минимального порога не менее 30 % не отмечена ни в двух разных процедурах в 2024 г., ни в одной процедуре в 2023 и 2024 гг. подряд.',
    );
    expect(s.explanation[1]).toBe(
      'Порог 30 % достигнут, но этого недостаточно для отнесения к ШНОР: 40,0 % (8 из 20) по ВПР, русский язык (2024 г.).',
    );
  });

  it('rejects inconsistent input with Russian messages', () => {
    const input = region();
    input.results.push(row(1, 'VPR', 'math', Y, 10, 11));
    input.schools.push(school(1));
    expect(() => identify(input)).toThrow(IdentificationInputError);
    try {
      identify(input);
    } catch (e) {
      expect((e as IdentificationInputError).issues).toEqual([
        'Школа 1 указана в списке школ несколько раз.',
        'Результат школы 1 (VPR, math, 2024 г.): число участников (10) и не достигших минимума (11) должны быть целыми, 0 ≤ не достигших ≤ участников.',
      ]);
    }
  });
});

describe('displayCategory', () => {
  it.each([
    [['low_results', 'unfavourable'], 'both'],
    [['low_results', 'unfavourable', 'below_expected'], 'both'],
    [['low_results'], 'low_results'],
    [['unfavourable', 'resilient'], 'resilient'],
    [['unfavourable'], 'unfavourable'],
    [['below_expected', 'insufficient_data'], 'below_expected'],
    [['insufficient_data'], 'insufficient_data'],
    [[], 'none'],
  ] as const)('%j → %s', (cats, d) => {
    expect(displayCategory(cats)).toBe(d);
  });
});

describe('identification in steps', () => {
  it('gives in chunks of schools what identify gives at once', () => {
    const whole = identify(region());
    for (const size of [1, 3, 8]) {
      const steps = beginIdentification(region());
      const schools = [];
      for (let i = 0; i < steps.count; i += size)
        schools.push(...steps.schools(i, Math.min(i + size, steps.count)));
      expect({ ...steps.finish(), schools }).toEqual(whole);
    }
  });
});

describe('fingerprint', () => {
  it('hashes the context as lines of its values, as String writes them', () => {
    const rows: ContextRow[] = [
      { schoolId: 2, year: Y, values: { b: 27.2, a: null, ä: 1 / 3, c: NaN, d: -0.05, e: 1e21 } },
      { schoolId: 1, year: Y, values: { low_income: 40, x: 'n/a' as unknown as number } },
      { schoolId: 2, year: Y - 1, values: {} },
    ];
    expect(fingerprintContext(rows).toString('utf8')).toBe(
      `1|${Y}|low_income=40|x=n/a\n2|${Y - 1}\n2|${Y}|a=|b=27.2|c=NaN|d=-0.05|e=1e+21|ä=${String(1 / 3)}\n`,
    );
  });

  it('takes the context as fingerprintContext makes it', () => {
    const a = region();
    const b = region();
    b.context.reverse();
    expect(fingerprint(a, undefined, fingerprintContext(b.context))).toBe(fingerprint(a));
    const steps = beginIdentification(a, { contextText: fingerprintContext(a.context) });
    steps.schools(0, steps.count);
    expect(steps.finish().fingerprint).toBe(fingerprint(a));
  });

  it('is a SHA-256 hex that ignores the order of rows and keys', () => {
    const a = region();
    const b = region();
    b.results.reverse();
    b.schools.reverse();
    b.context = b.context.map((c) => ({
      values: Object.fromEntries(Object.entries(c.values).reverse()),
      year: c.year,
      schoolId: c.schoolId,
    }));
    b.params = { ...b.params, procedures: [...b.params.procedures].reverse() };
    expect(fingerprint(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint(b)).toBe(fingerprint(a));
    expect(identify(a).fingerprint).toBe(fingerprint(a));
  });
  it('changes with any value', () => {
    const a = region();
    const b = region();
    b.results[0] = { ...b.results[0]!, belowMin: 13 };
    const c = { ...region(), params: params({ threshold: 0.31 }) };
    const d = { ...region(), year: 2025 };
    const all = [a, b, c, d].map((x) => fingerprint(x));
    expect(new Set(all).size).toBe(4);
  });
  it('canonical JSON sorts keys and arrays', () => {
    expect(canonicalJson({ b: [3, 1, 2], a: { d: 1, c: undefined } })).toBe('{"a":{"d":1},"b":[1,2,3]}');
  });
});

describe('i18n catalogue', () => {
  it('has the same keys in Russian and English', () => {
    expect(Object.keys(identification.en).sort()).toEqual(Object.keys(identification.ru).sort());
  });
});

// ----- property: the explanation mentions every triggering procedure -----

const rowArb = fc
  .record({
    schoolId: fc.integer({ min: 1, max: 4 }),
    procedure: fc.constantFrom<Procedure>(...PROCEDURES),
    subject: fc.constantFrom('ru', 'math', 'math_base', 'math_profile'),
    year: fc.integer({ min: Y - 2, max: Y }),
    grade: fc.constantFrom(4, 5, 9, null),
    participants: fc.integer({ min: 0, max: 40 }),
    frac: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((r) =>
    row(
      r.schoolId,
      r.procedure,
      r.subject,
      r.year,
      r.participants,
      Math.round(r.frac * r.participants),
      r.grade,
    ),
  );

describe('properties of the outcome', () => {
  it('the explanation always mentions every triggering procedure', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 20 }),
        fc.record({
          threshold: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
          procedures: fc.subarray([...PROCEDURES], { minLength: 1 }),
          subjectMode: fc.constantFrom('any' as const, 'all' as const),
          grades: fc.constantFrom('pooled' as const, 'per_grade' as const),
          minParticipants: fc.integer({ min: 1, max: 12 }),
          mode: fc.constantFrom('plain' as const, 'wilson' as const),
        }),
        fc.constantFrom('ru' as const, 'en' as const),
        (results, p, locale) => {
          const input: IdentificationInput = {
            year: Y,
            params: params(p),
            schools: [1, 2, 3, 4].map(school),
            results,
            context: [],
          };
          const out = identify(input);
          for (const s of out.schools) {
            const text = explainOutcomeSchool(out, s, locale).join(' ');
            for (const proc of s.rule.triggeringProcedures) {
              expect(text).toContain(translate(locale, `identification.procedureDat.${proc}`));
            }
            if (s.rule.status === 'flagged') expect(s.categories).toContain('low_results');
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
