import { describe, expect, it } from 'vitest';
import { indicators } from '../../../../../common/src/i18n/indicators.js';
import { BUILTIN_DEFINITIONS, builtinDefinitions } from './catalogue.js';
import { CALCULATIONS, getCalculation } from './calculations.js';
import { FIELD_CATALOGUE } from './calc-fields.js';

describe('built-in catalogue', () => {
  it('has unique valid codes, Russian texts and sort orders', () => {
    const codes = BUILTIN_DEFINITIONS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(16);
    for (const d of BUILTIN_DEFINITIONS) {
      expect(d.code).toMatch(/^[a-z][a-z0-9_]{0,60}$/);
      expect(d.name, d.code).toMatch(/[А-Яа-яЁё]/);
      expect(d.description, d.code).not.toBe('');
      expect(d.numeratorLabel, d.code).not.toBeNull();
      expect(d.denominatorLabel, d.code).not.toBeNull();
    }
    expect(new Set(BUILTIN_DEFINITIONS.map((d) => d.sortOrder)).size).toBe(codes.length);
  });
  it('every computed entry names a calculation whose schema accepts its params and unit', () => {
    const computed = BUILTIN_DEFINITIONS.filter((d) => d.method === 'computed');
    expect(computed.length).toBeGreaterThanOrEqual(11);
    for (const d of computed) {
      const calc = getCalculation(d.calculation!);
      expect(calc, d.code).not.toBeNull();
      expect(() => calc!.parseParams(d.params), d.code).not.toThrow();
      expect(calc!.units, d.code).toContain(d.unit);
      expect(d.dataNote, d.code).toBeNull();
    }
  });
  it('every manual entry says which data Rost lacks', () => {
    const manual = BUILTIN_DEFINITIONS.filter((d) => d.method === 'manual');
    expect(manual.map((d) => d.code)).toEqual(
      expect.arrayContaining([
        'teachers_qualification',
        'students_iom',
        'additional_education',
        'network_partner',
        'young_teachers',
        'distance_learning',
        'network_programmes',
      ]),
    );
    for (const d of manual) {
      expect(d.calculation).toBeNull();
      expect(d.dataNote, d.code).toMatch(/вручную/);
    }
  });
  it('has English texts too', () => {
    expect(builtinDefinitions('en')[0]!.name).toMatch(/^Share of programme schools/);
  });
});

describe('the indicators message catalogue', () => {
  const ru = indicators.ru as Record<string, string>;
  const en = indicators.en as Record<string, string>;
  it('has the same keys in both languages, all prefixed, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
    for (const [k, v] of [...Object.entries(ru), ...Object.entries(en)]) {
      expect(k).toMatch(/^indicators\./);
      expect(v.trim(), k).not.toBe('');
    }
  });
  it('has the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(ru)) expect(names(en[k]!), k).toEqual(names(ru[k]!));
  });
  it('contains every key the domain uses', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const missing: string[] = [];
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of text.matchAll(/'(indicators\.[\w.]+)'/g))
        if (!(m[1]! in ru) && !m[1]!.endsWith('.')) missing.push(`${m[1]} (${f})`);
    }
    for (const c of Object.keys(CALCULATIONS))
      if (!(`indicators.calc.${c}` in ru)) missing.push(`indicators.calc.${c}`);
    for (const f of FIELD_CATALOGUE) if (!(f.titleKey in ru)) missing.push(f.titleKey);
    for (const a of ['achieved', 'close', 'not_achieved', 'no_data'])
      if (!(`indicators.achievement.${a}` in ru)) missing.push(a);
    expect(missing).toEqual([]);
  });
});
