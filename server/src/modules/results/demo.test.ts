import { describe, expect, it } from 'vitest';
import { generateDemoRegion } from '../org/demo/generator.js';
import { generateDemoResults } from './demo.js';

const region = generateDemoRegion({ seed: 7, schools: 400 });

describe('demo results', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    const a = generateDemoResults(region, { seed: 7 });
    expect(generateDemoResults(region, { seed: 7 })).toEqual(a);
    expect(generateDemoResults(region, { seed: 8 })).not.toEqual(a);
  });

  it('cover four years of ВПР 4–8, ОГЭ, ЕГЭ and the reading diagnostic with consistent figures', () => {
    const rows = generateDemoResults(region, { seed: 7 });
    const kinds = new Set(rows.map((r) => `${r.procedure}:${r.subject}:${r.grade}`));
    for (const k of [
      'VPR:ru:4',
      'VPR:math:8',
      'OGE:ru:9',
      'OGE:math:9',
      'EGE:ru:11',
      'EGE:math_profile:11',
      'EGE:math_base:11',
      'REGIONAL:reading_literacy:6',
    ]) {
      expect(kinds).toContain(k);
    }
    expect(new Set(rows.map((r) => r.year))).toEqual(new Set([2022, 2023, 2024, 2025]));
    for (const r of rows) {
      const f = r.figures;
      expect(f.participants).toBeGreaterThan(0);
      expect(f.belowMin!).toBeLessThanOrEqual(f.participants);
      if (f.mark2 !== null) expect(f.mark2 + f.mark3! + f.mark4! + f.mark5!).toBe(f.participants);
      if (f.high80 !== null) expect(f.high80 + f.high100! + f.belowMin!).toBeLessThanOrEqual(f.participants);
    }
  });

  it('follow the hidden truth: better schools have fewer results below the minimum', () => {
    const rows = generateDemoResults(region, { seed: 7 }).filter((r) => r.procedure === 'VPR');
    const ability = new Map(
      region.schools.map((s) => [s.code, s.truth.latentQuality + s.truth.contextEffect]),
    );
    const bySchool = new Map<string, { below: number; n: number }>();
    for (const r of rows) {
      const t = bySchool.get(r.schoolCode) ?? { below: 0, n: 0 };
      t.below += r.figures.belowMin!;
      t.n += r.figures.participants;
      bySchool.set(r.schoolCode, t);
    }
    const pairs = [...bySchool].map(([code, t]) => [ability.get(code)!, t.below / t.n] as const);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const mx = mean(pairs.map((p) => p[0]));
    const my = mean(pairs.map((p) => p[1]));
    const cov = mean(pairs.map(([x, y]) => (x - mx) * (y - my)));
    const sx = Math.sqrt(mean(pairs.map(([x]) => (x - mx) ** 2)));
    const sy = Math.sqrt(mean(pairs.map(([, y]) => (y - my) ** 2)));
    expect(cov / (sx * sy)).toBeLessThan(-0.6);
  });
});
