import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nameKey, normaliseMunicipality, normaliseSchoolName, similarity } from './names.js';

const LEGAL_FORMS = [
  'МБОУ',
  'МАОУ',
  'МКОУ',
  'МОУ',
  'ГБОУ',
  'Муниципальное бюджетное общеобразовательное учреждение',
  'Муниципальное казённое общеобразовательное учреждение',
  'муниципальное автономное общеобразовательное учреждение',
  'Государственное бюджетное общеобразовательное учреждение',
  'Муниципальная бюджетная общеобразовательная организация',
  '',
];
const QUOTES: Array<[string, string]> = [
  ['"', '"'],
  ['«', '»'],
  ['„', '“'],
  ['“', '”'],
  ['', ''],
];
const TYPES: Array<[string, string[]]> = [
  ['сош', ['СОШ', 'Средняя общеобразовательная школа', 'средняя школа', 'СШ']],
  ['оош', ['ООШ', 'Основная общеобразовательная школа']],
  ['нош', ['НОШ', 'Начальная общеобразовательная школа']],
  ['лицей', ['Лицей', 'лицей']],
];
const NUMBER_SIGNS = ['№ ', '№', 'N ', ''];
const PLACES = ['с. Ивановка', 'с.Ивановка', 'г. Северогорска', 'п.Известковый', ''];

/** A school name in one of the spellings real reports use. */
const variant = fc.record({
  type: fc.constantFrom(...TYPES),
  form: fc.constantFrom(...LEGAL_FORMS),
  quote: fc.constantFrom(...QUOTES),
  sign: fc.constantFrom(...NUMBER_SIGNS),
  place: fc.constantFrom(...PLACES),
  number: fc.integer({ min: 1, max: 150 }),
  spelling: fc.nat(3),
  upper: fc.boolean(),
  spaces: fc.constantFrom(' ', '  ', '\u00a0'),
});

function spell(v: {
  type: [string, string[]];
  form: string;
  quote: [string, string];
  sign: string;
  place: string;
  number: number;
  spelling: number;
  upper: boolean;
  spaces: string;
}) {
  const t = v.type[1][v.spelling % v.type[1].length]!;
  const core = [t, `${v.sign}${v.number}`, v.place].filter(Boolean).join(v.spaces);
  const name = [v.form, `${v.quote[0]}${core}${v.quote[1]}`].filter(Boolean).join(' ');
  return v.upper ? name.toUpperCase() : name;
}

describe('school name normalisation', () => {
  it('examples from real reports', () => {
    expect(normaliseSchoolName('МБОУ «СОШ № 5 г. Северогорска»')).toBe('сош 5 г северогорска');
    expect(
      normaliseSchoolName(
        'Муниципальное бюджетное общеобразовательное учреждение "Средняя общеобразовательная школа №5 г.Северогорска"',
      ),
    ).toBe('сош 5 г северогорска');
    expect(normaliseSchoolName('МКОУ СОШ № 9 п.Известковый"')).toBe('сош 9 п известковый');
    expect(normaliseSchoolName('МОУ "СОШ с углубленным изучением отдельных предметов №3"')).toBe(
      'сош уиоп 3',
    );
    expect(normaliseSchoolName('МКОУ "Центр образования им.В.И. Пеллера"')).toBe('цо им в и пеллера');
    expect(normaliseSchoolName('Ёлкинская ООШ')).toBe('елкинская оош');
    expect(normaliseSchoolName('Школа')).toBe('школа');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(variant, (v) => {
        const once = normaliseSchoolName(spell(v));
        expect(normaliseSchoolName(once)).toBe(once);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const once = normaliseSchoolName(s);
        expect(normaliseSchoolName(once)).toBe(once);
      }),
    );
  });

  it('gives the same form to legal-form, quote, case, spacing and type variants of one name', () => {
    fc.assert(
      fc.property(variant, variant, (a, b) => {
        const same = { ...b, type: a.type, number: a.number, place: a.place };
        expect(normaliseSchoolName(spell(same))).toBe(normaliseSchoolName(spell(a)));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps different schools apart', () => {
    fc.assert(
      fc.property(variant, fc.integer({ min: 1, max: 150 }), (a, other) => {
        fc.pre(other !== a.number);
        expect(normaliseSchoolName(spell({ ...a, number: other }))).not.toBe(normaliseSchoolName(spell(a)));
      }),
    );
  });
});

describe('similarity', () => {
  it('ranks a misspelt name close and a different number far', () => {
    const a = nameKey(normaliseSchoolName('МКОУ "Центр образвоания им. В.И. Пеллера"'));
    const b = nameKey(normaliseSchoolName('Центр образования имени В.И. Пеллера'));
    expect(similarity(a, b)).toBeGreaterThan(0.3);
    expect(similarity(a, b)).toBeGreaterThan(
      similarity(a, nameKey(normaliseSchoolName('ЦО имени А.С. Пушкина'))),
    );
    const c = nameKey(normaliseSchoolName('СОШ № 5 г. Бетинска'));
    const d = nameKey(normaliseSchoolName('СОШ № 15 г. Бетинска'));
    expect(similarity(c, d)).toBeLessThan(0.5);
    expect(similarity(c, c)).toBe(1);
  });
});

describe('municipality names', () => {
  it('reduce to the core name', () => {
    expect(normaliseMunicipality('городской округ Северогорск')).toBe('северогорск');
    expect(normaliseMunicipality('г. Северогорск')).toBe('северогорск');
    expect(normaliseMunicipality('Альфинский муниципальный район')).toBe(
      normaliseMunicipality('Альфинский район'),
    );
  });
});
