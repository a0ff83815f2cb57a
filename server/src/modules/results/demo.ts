/**
 * Plausible assessment results for the demo region, derived from the generator's hidden truth:
 * a school's ability is `truth.latentQuality + truth.contextEffect` (centred over the region)
 * plus a small drift over the years and noise per assessment; the figures are drawn binomially
 * for the school's number of participants, so small schools are noisy. Aggregates only (no
 * student rows), so that 45,000 schools stay feasible. Deterministic for a seed.
 *
 * Four years (the generator's school years, as spring assessment years): ВПР grades 4–8 Russian
 * and mathematics, ОГЭ Russian and mathematics, ЕГЭ Russian, profile and base mathematics, and a
 * regional reading-literacy diagnostic in grades 4 and 6.
 */
import type { Db } from '../../platform/db/index.js';
import type { DemoRegion } from '../org/demo/generator.js';
import { Random, deriveSeed } from '../org/demo/rng.js';
import { figuresDigest } from './domain/aggregate.js';
import type { Figures, GroupKey } from './domain/types.js';
import { resultsRepository } from './repository.js';

export interface DemoAggregate extends GroupKey {
  schoolCode: string;
  figures: Figures;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, enough for simulated data). */
function phi(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

function binomial(r: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (r.next() < p) k++;
    return k;
  }
  const k = Math.round(r.normal(n * p, Math.sqrt(n * p * (1 - p))));
  return Math.max(0, Math.min(n, k));
}

/** Marks 2–5 from an ordered logit on the ability (cut points for «≤2», «≤3», «≤4»). */
function marks(r: Random, n: number, theta: number, cuts: [number, number, number]) {
  const p2 = sigmoid(cuts[0] - theta);
  const p23 = sigmoid(cuts[1] - theta);
  const p234 = sigmoid(cuts[2] - theta);
  const m2 = binomial(r, n, p2);
  const m3 = binomial(r, n - m2, (p23 - p2) / Math.max(1e-9, 1 - p2));
  const m4 = binomial(r, n - m2 - m3, (p234 - p23) / Math.max(1e-9, 1 - p23));
  const m5 = n - m2 - m3 - m4;
  const mean = Math.round(((2 * m2 + 3 * m3 + 4 * m4 + 5 * m5) / n) * 1000) / 1000;
  return { m2, m3, m4, m5, mean };
}

function markFigures(r: Random, n: number, theta: number, cuts: [number, number, number]): Figures {
  const m = marks(r, n, theta, cuts);
  return {
    participants: n,
    belowMin: m.m2,
    mark2: m.m2,
    mark3: m.m3,
    mark4: m.m4,
    mark5: m.m5,
    meanScore: m.mean,
    high80: null,
    high100: null,
  };
}

/** Test scores ~ N(mu, sd) per participant, summarised. */
function scoreFigures(r: Random, n: number, mu: number, sd: number, min: number, high: boolean): Figures {
  const pBelow = phi((min - mu) / sd);
  const below = binomial(r, n, pBelow);
  const p80 = Math.max(0, phi((100 - mu) / sd) - phi((80 - mu) / sd));
  const p100 = (1 - phi((99.5 - mu) / sd)) * 0.3;
  const rest = n - below;
  const h80 = high ? binomial(r, rest, p80 / Math.max(1e-9, 1 - pBelow)) : 0;
  const h100 = high ? binomial(r, rest - h80, p100) : 0;
  const mean = Math.max(0, Math.min(100, r.normal(mu, sd / Math.sqrt(n))));
  return {
    participants: n,
    belowMin: below,
    mark2: null,
    mark3: null,
    mark4: null,
    mark5: null,
    meanScore: Math.round(mean * 100) / 100,
    high80: high ? h80 : null,
    high100: high ? h100 : null,
  };
}

export interface DemoResultsOptions {
  seed?: number;
  /** Assessment years; by default the spring years of the generator's school years (2023…2026 → 2022…2025 kept as given). */
  years?: number[];
}

/** Generate the aggregates (pure). */
export function generateDemoResults(demo: DemoRegion, opts: DemoResultsOptions = {}): DemoAggregate[] {
  const seed = opts.seed ?? 42;
  const years = opts.years ?? [2022, 2023, 2024, 2025];
  const meanContext =
    demo.schools.reduce((s, x) => s + x.truth.contextEffect, 0) / Math.max(1, demo.schools.length);
  const out: DemoAggregate[] = [];
  for (const s of demo.schools) {
    const r = new Random(deriveSeed(seed, `results:${s.code}`));
    const ability = s.truth.latentQuality + (s.truth.contextEffect - meanContext);
    const drift = r.normal(0, 0.08);
    const subjectShift = { ru: r.normal(0, 0.2), math: r.normal(0, 0.25) };
    const perGrade = (students: number, grades: number) => Math.max(0, students / grades);
    for (const year of years) {
      const yearTheta = ability + drift * (year - years[0]!) + r.normal(0, 0.15);
      const add = (key: Omit<GroupKey, 'year'>, figures: Figures | null) => {
        if (figures && figures.participants > 0) out.push({ ...key, year, schoolCode: s.code, figures });
      };
      const size = (base: number, share: number) => binomial(r, Math.round(base), share);
      // ВПР: grades 4–8, Russian and mathematics.
      for (const grade of [4, 5, 6, 7, 8]) {
        const base = grade === 4 ? perGrade(s.studentsNoo, 4) : perGrade(s.studentsOoo, 5);
        for (const subject of ['ru', 'math'] as const) {
          const n = size(base, 0.92);
          if (!n) continue;
          const theta = yearTheta + subjectShift[subject] + r.normal(0, 0.2);
          add(
            { procedure: 'VPR', subject, grade },
            markFigures(r, n, theta, subject === 'ru' ? [-2.1, 0.3, 2.0] : [-1.9, 0.2, 2.2]),
          );
        }
      }
      // ОГЭ (grade 9).
      for (const subject of ['ru', 'math'] as const) {
        const n = size(perGrade(s.studentsOoo, 5), 0.96);
        if (!n) continue;
        const theta = yearTheta + subjectShift[subject] + r.normal(0, 0.15);
        add(
          { procedure: 'OGE', subject, grade: 9 },
          markFigures(r, n, theta, subject === 'ru' ? [-2.8, -0.2, 1.5] : [-2.4, 0.4, 2.4]),
        );
      }
      // ЕГЭ (grade 11): everybody writes Russian; mathematics either profile or base.
      const grads = size(perGrade(s.studentsSoo, 2), 0.97);
      if (grads > 0) {
        const theta = yearTheta + r.normal(0, 0.15);
        add(
          { procedure: 'EGE', subject: 'ru', grade: 11 },
          scoreFigures(r, grads, 66 + 8 * (theta + subjectShift.ru), 14, 24, true),
        );
        const profile = binomial(r, grads, Math.min(0.8, Math.max(0.15, sigmoid(-0.2 + 0.8 * theta))));
        if (profile) {
          add(
            { procedure: 'EGE', subject: 'math_profile', grade: 11 },
            scoreFigures(r, profile, 49 + 11 * (theta + subjectShift.math), 17, 27, true),
          );
        }
        if (grads - profile) {
          add(
            { procedure: 'EGE', subject: 'math_base', grade: 11 },
            markFigures(r, grads - profile, theta + subjectShift.math, [-3.2, -0.8, 0.9]),
          );
        }
      }
      // Regional reading-literacy diagnostic, grades 4 and 6 (share of the maximum, %).
      for (const grade of [4, 6]) {
        const base = grade === 4 ? perGrade(s.studentsNoo, 4) : perGrade(s.studentsOoo, 5);
        const n = size(base, 0.9);
        if (!n) continue;
        const theta = yearTheta + subjectShift.ru + r.normal(0, 0.2);
        add(
          { procedure: 'REGIONAL', subject: 'reading_literacy', grade },
          scoreFigures(r, n, 56 + 11 * theta, 18, 30, false),
        );
      }
    }
  }
  return out;
}

/**
 * Write the demo results in the caller's transaction (the demo seed's), as one committed import
 * named after the generator, so that every figure traces back to its source.
 */
export async function seedDemoResults(
  tx: Db,
  demo: DemoRegion,
  schoolIds: Map<string, number>,
  opts: DemoResultsOptions = {},
): Promise<{ aggregates: number }> {
  const rows = generateDemoResults(demo, opts);
  const repo = resultsRepository(tx);
  const imp = await repo.insertImport(tx, {
    file_name: `Демо-данные (генератор, seed ${opts.seed ?? 42})`,
    file_size: 0,
    fingerprint: `demo:${opts.seed ?? 42}`,
    kind: 'demo',
    status: 'committed',
    committed_at: new Date(),
    summary: JSON.stringify({ groups: rows.length, schools: demo.schools.length }),
  });
  await repo.insertAggregates(
    tx,
    imp.id,
    rows.map((a) => ({ ...a, schoolId: schoolIds.get(a.schoolCode)!, digest: figuresDigest(a, a.figures) })),
  );
  return { aggregates: rows.length };
}
