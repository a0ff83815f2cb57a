import { describe, expect, it } from 'vitest';
import { mappingLines, parseSynonyms, validateSubject, validateThreshold } from './reference';

const form = { procedure: 'EGE', subject: 'ru', year: '', kind: 'score' as const, minValue: '24', note: '' };

describe('reference data forms', () => {
  it('validates a threshold with keys that name the field', () => {
    expect(validateThreshold(form).body).toEqual({
      procedure: 'EGE',
      subject: 'ru',
      year: 0,
      kind: 'score',
      minValue: 24,
      note: null,
    });
    expect(validateThreshold({ ...form, year: '1999', minValue: '-1', procedure: '' }).errors).toEqual({
      procedure: 'web.res.ref.err.procedure',
      year: 'web.res.ref.err.year',
      minValue: 'web.res.ref.err.minScore',
    });
    expect(validateThreshold({ ...form, kind: 'mark', minValue: '3,5' }).errors.minValue).toBe(
      'web.res.ref.err.minMark',
    );
    expect(validateThreshold({ ...form, minValue: '36,5', year: '2025' }).body).toMatchObject({
      minValue: 36.5,
      year: 2025,
    });
  });

  it('validates a subject and reads synonyms one per line', () => {
    expect(parseSynonyms(' астрономия\n\nастр;астрономия ')).toEqual(['астрономия', 'астр']);
    expect(validateSubject({ code: 'Astro', name: 'А', synonyms: '' }, new Set()).errors).toEqual({
      code: 'web.res.ref.err.code',
      name: 'web.res.ref.err.name',
    });
    expect(validateSubject({ code: 'ru', name: 'Русский', synonyms: '' }, new Set(['ru'])).errors.code).toBe(
      'web.res.ref.err.codeTaken',
    );
    expect(validateSubject({ code: 'ignored', name: 'Русский', synonyms: '' }, null).errors).toEqual({});
  });

  it('says what a template maps', () => {
    const t = (k: string, p?: Record<string, string | number>) => `${k}${p ? JSON.stringify(p) : ''}`;
    const names = { procedure: (c: string) => `P:${c}`, subject: (c: string) => `S:${c}` };
    expect(
      mappingLines(
        {
          procedure: 'VPR',
          grade: 4,
          subjects: { 'окружающий мир': 'world', лишнее: null },
          columns: { D: { field: 'participants', subject: 'ru' } },
        },
        t,
        names,
      ),
    ).toEqual([
      'web.res.ref.map.procedure{"value":"P:VPR"}',
      'web.res.ref.map.grade{"value":4}',
      'web.res.ref.map.header{"header":"окружающий мир","value":"S:world"}',
      'web.res.ref.map.header{"header":"лишнее","value":"web.res.ref.map.skip"}',
      'web.res.ref.map.column{"column":"D","value":"web.res.field.participants, S:ru"}',
    ]);
  });
});
