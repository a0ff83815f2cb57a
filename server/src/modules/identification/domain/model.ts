import type { SchoolContext } from './context.js';
import type { IdentificationParams } from './params.js';
import { isRelevant } from './rule.js';
import {
  clampProbability,
  estimatePriorStrength,
  mean,
  quantile,
  shrinkProportion,
  simpleWeightedRegression,
  standardDeviation,
  weightedMean,
} from './stats.js';
import type { ResultAggregate } from './types.js';

/**
 * Expected results given the context ("value added" in reverse):
 *
 * 1. yᵢ = the school's share below the minimum in year Y, pooled over the chosen procedures and
 *    subjects (Σ belowMin / Σ participants); xᵢ = the context index.
 * 2. Weighted least squares yᵢ = a + b·xᵢ with weights nᵢ (participants), over the schools with an
 *    index and at least one participant (at least MIN_SCHOOLS of them). A constant index gives the
 *    intercept-only model (b = 0, `degenerate`).
 * 3. Expected share eᵢ = a + b·xᵢ clipped to [0, 1].
 * 4. Shrinkage (model.shrinkage): the share is shrunk towards eᵢ by the beta-binomial posterior mean
 *    (kᵢ + M·eᵢ)/(nᵢ + M), M estimated by the method of moments (see stats.ts). Without shrinkage,
 *    or when M cannot be estimated, the shrunken share equals the observed one.
 * 5. Residual rᵢ = eᵢ − shrunkenᵢ: POSITIVE = fewer failures than expected = better.
 *    Standardised residual zᵢ = (rᵢ − mean r)/sd r over the schools with ≥ minParticipants
 *    participants (population sd): it says how far a school is from the others, in sd units.
 * 6. below_expected: zᵢ ≤ model.belowExpectedCut (−1.0).
 *    resilient: unfavourable context AND (shrunken share ≤ the 25th percentile of the shrunken
 *    shares, i.e. the best quarter of schools, OR zᵢ ≥ model.resilientCut (+1.0)).
 *
 * The same on mean scores (informational, does not change categories): each row's mean score (ВПР
 * mean mark, computed from the marks when missing; ОГЭ/ЕГЭ mean score) is standardised across the
 * schools of its (procedure, subject code, grade); the school's value is the participant-weighted
 * mean of its z-scores; it is regressed on the index with weights nᵢ; residual = z − expected
 * (positive = better), standardised like above.
 */

export const MIN_SCHOOLS = 3;

export interface ShareModelFit {
  intercept: number;
  slope: number;
  /** Schools in the regression. */
  n: number;
  /** Beta-binomial prior strength M (pseudo-participants); null without shrinkage. */
  priorStrength: number | null;
  rho: number | null;
  /** Mean and sd of the raw residuals used for standardising. */
  residualMean: number | null;
  residualSd: number | null;
  /** Shrunken share at or below which a school is in the best quarter. */
  topQuarterCutoff: number | null;
  /** The index was constant: intercept-only model. */
  degenerate: boolean;
}

export interface MeanScoreFit {
  intercept: number;
  slope: number;
  n: number;
  residualMean: number | null;
  residualSd: number | null;
  degenerate: boolean;
}

export type SchoolModelStatus = 'ok' | 'no_results' | 'no_index' | 'insufficient' | 'model_unavailable';

export interface MeanScoreFigures {
  participants: number;
  /** Participant-weighted mean of the standardised mean scores. */
  z: number;
  expected: number | null;
  residual: number | null;
  residualZ: number | null;
}

export interface SchoolModel {
  schoolId: number;
  status: SchoolModelStatus;
  participants: number;
  belowMin: number;
  /** Observed pooled share, null without participants. */
  share: number | null;
  expected: number | null;
  shrunken: number | null;
  /** expected − shrunken (positive = better than expected). */
  residual: number | null;
  residualZ: number | null;
  belowExpected: boolean;
  topQuarter: boolean;
  resilient: boolean;
  resilientBy: Array<'top_quarter' | 'residual'>;
  meanScore: MeanScoreFigures | null;
}

export interface ModelOutcome {
  year: number;
  share: ShareModelFit | null;
  /** Why the share model was not fitted. */
  shareUnavailable: 'too_few_schools' | null;
  meanScore: MeanScoreFit | null;
  schools: SchoolModel[];
}

export interface ShareModelItem {
  schoolId: number;
  index: number | null;
  participants: number;
  belowMin: number;
  unfavourable: boolean | null;
}

type ModelSettings = Pick<IdentificationParams, 'minParticipants' | 'model'>;

/** Pooled participants and below-minimum counts per school for year Y over the chosen procedures/subjects. */
export function pooledShares(
  results: readonly ResultAggregate[],
  year: number,
  params: IdentificationParams,
): Map<number, { participants: number; belowMin: number }> {
  const m = new Map<number, { participants: number; belowMin: number }>();
  for (const r of results) {
    if (r.year !== year || !isRelevant(r, params) || !(r.participants > 0)) continue;
    const a = m.get(r.schoolId) ?? { participants: 0, belowMin: 0 };
    a.participants += r.participants;
    a.belowMin += r.belowMin;
    m.set(r.schoolId, a);
  }
  return m;
}

function standardise(
  values: Array<number | null>,
  use: boolean[],
): { z: Array<number | null>; m: number | null; sd: number | null } {
  const xs = values.filter((v, i): v is number => v !== null && use[i] === true);
  if (xs.length < 2) return { z: values.map(() => null), m: null, sd: null };
  const m = mean(xs);
  const sd = standardDeviation(xs);
  return { z: values.map((v) => (v === null || !(sd > 0) ? null : (v - m) / sd)), m, sd };
}

/** Fit the share model and classify the schools (see the module comment). */
export function fitShareModel(
  items: readonly ShareModelItem[],
  params: ModelSettings,
): { fit: ShareModelFit | null; unavailable: 'too_few_schools' | null; schools: SchoolModel[] } {
  const base = (it: ShareModelItem, status: SchoolModelStatus): SchoolModel => ({
    schoolId: it.schoolId,
    status,
    participants: it.participants,
    belowMin: it.belowMin,
    share: it.participants > 0 ? it.belowMin / it.participants : null,
    expected: null,
    shrunken: null,
    residual: null,
    residualZ: null,
    belowExpected: false,
    topQuarter: false,
    resilient: false,
    resilientBy: [],
    meanScore: null,
  });
  const usable = items.filter((it) => it.index !== null && it.participants > 0);
  if (usable.length < MIN_SCHOOLS) {
    return {
      fit: null,
      unavailable: 'too_few_schools',
      schools: items.map((it) =>
        base(
          it,
          !(it.participants > 0) ? 'no_results' : it.index === null ? 'no_index' : 'model_unavailable',
        ),
      ),
    };
  }
  const x = usable.map((it) => it.index!);
  const y = usable.map((it) => it.belowMin / it.participants);
  const w = usable.map((it) => it.participants);
  const reg = simpleWeightedRegression(x, y, w);
  const intercept = reg ? reg.intercept : weightedMean(y, w);
  const slope = reg ? reg.slope : 0;
  const expectedOf = (index: number) => Math.min(1, Math.max(0, intercept + slope * index));

  const prior = params.model.shrinkage
    ? estimatePriorStrength(
        usable.map((it) => ({ k: it.belowMin, n: it.participants, prior: expectedOf(it.index!) })),
      )
    : null;

  const schools = items.map((it): SchoolModel => {
    if (!(it.participants > 0)) return base(it, 'no_results');
    if (it.index === null) return base(it, 'no_index');
    const expected = expectedOf(it.index);
    const shrunken = prior
      ? shrinkProportion(it.belowMin, it.participants, clampProbability(expected), prior.strength)
      : it.belowMin / it.participants;
    return {
      ...base(it, it.participants >= params.minParticipants ? 'ok' : 'insufficient'),
      expected,
      shrunken,
      residual: expected - shrunken,
    };
  });

  const ok = schools.map((s) => s.status === 'ok');
  const st = standardise(
    schools.map((s) => s.residual),
    ok,
  );
  const okShrunken = schools.filter((s) => s.status === 'ok').map((s) => s.shrunken!);
  const topCut = okShrunken.length ? quantile(okShrunken, params.model.resilientTopShare) : null;
  schools.forEach((s, i) => {
    if (s.status !== 'ok') return;
    s.residualZ = st.z[i] ?? null;
    s.belowExpected = s.residualZ !== null && s.residualZ <= params.model.belowExpectedCut + 1e-12;
    s.topQuarter = topCut !== null && s.shrunken! <= topCut + 1e-12;
    const unfavourable = items[i]!.unfavourable === true;
    if (unfavourable && s.topQuarter) s.resilientBy.push('top_quarter');
    if (unfavourable && s.residualZ !== null && s.residualZ >= params.model.resilientCut - 1e-12)
      s.resilientBy.push('residual');
    s.resilient = s.resilientBy.length > 0;
  });

  return {
    fit: {
      intercept,
      slope,
      n: usable.length,
      priorStrength: prior?.strength ?? null,
      rho: prior?.rho ?? null,
      residualMean: st.m,
      residualSd: st.sd,
      topQuarterCutoff: topCut,
      degenerate: reg === null,
    },
    unavailable: null,
    schools,
  };
}

/** Mean of a row: its meanScore, or the mean mark from the distribution of marks (ВПР). */
export function rowMean(r: ResultAggregate): number | null {
  if (r.meanScore !== null && Number.isFinite(r.meanScore)) return r.meanScore;
  if (r.marks) {
    const n = r.marks[2] + r.marks[3] + r.marks[4] + r.marks[5];
    if (n > 0) return (2 * r.marks[2] + 3 * r.marks[3] + 4 * r.marks[4] + 5 * r.marks[5]) / n;
  }
  return null;
}

/**
 * Standardised mean scores per school for year Y: z within (procedure, subject code, grade) across
 * schools, then the participant-weighted mean per school.
 */
export function schoolMeanScoreZ(
  results: readonly ResultAggregate[],
  year: number,
  params: IdentificationParams,
): Map<number, { z: number; participants: number }> {
  // Groups in the order of their first row, each as parallel arrays (no object per row: a
  // national run has 600,000 rows here). Keyed by nested maps instead of a string per row.
  type Group = { ids: number[]; n: number[]; m: number[] };
  const order: Group[] = [];
  const byKey = new Map<string, Map<string, Map<number | null, Group>>>();
  for (const r of results) {
    if (r.year !== year || !isRelevant(r, params) || !(r.participants > 0)) continue;
    const m = rowMean(r);
    if (m === null) continue;
    let bySubject = byKey.get(r.procedure);
    if (!bySubject) byKey.set(r.procedure, (bySubject = new Map()));
    let byGrade = bySubject.get(r.subject);
    if (!byGrade) bySubject.set(r.subject, (byGrade = new Map()));
    let g = byGrade.get(r.grade);
    if (!g) {
      byGrade.set(r.grade, (g = { ids: [], n: [], m: [] }));
      order.push(g);
    }
    g.ids.push(r.schoolId);
    g.n.push(r.participants);
    g.m.push(m);
  }
  const acc = new Map<number, { sz: number; n: number }>();
  for (const g of order) {
    if (g.m.length < 2) continue;
    const mu = mean(g.m);
    const sd = standardDeviation(g.m);
    if (!(sd > 0)) continue;
    for (let i = 0; i < g.ids.length; i++) {
      const id = g.ids[i]!;
      let a = acc.get(id);
      if (!a) acc.set(id, (a = { sz: 0, n: 0 }));
      a.sz += ((g.m[i]! - mu) / sd) * g.n[i]!;
      a.n += g.n[i]!;
    }
  }
  const out = new Map<number, { z: number; participants: number }>();
  for (const [id, a] of acc) out.set(id, { z: a.sz / a.n, participants: a.n });
  return out;
}

/** Fit the mean-score model; returns null when fewer than MIN_SCHOOLS schools have both figures. */
export function fitMeanScoreModel(
  items: ReadonlyArray<{ schoolId: number; index: number | null; z: number; participants: number }>,
  params: ModelSettings,
): { fit: MeanScoreFit; schools: Map<number, MeanScoreFigures> } | null {
  const usable = items.filter((it) => it.index !== null && it.participants > 0);
  if (usable.length < MIN_SCHOOLS) return null;
  const reg = simpleWeightedRegression(
    usable.map((it) => it.index!),
    usable.map((it) => it.z),
    usable.map((it) => it.participants),
  );
  const intercept = reg
    ? reg.intercept
    : weightedMean(
        usable.map((it) => it.z),
        usable.map((it) => it.participants),
      );
  const slope = reg ? reg.slope : 0;
  const figures = items.map((it): MeanScoreFigures => {
    const expected = it.index === null ? null : intercept + slope * it.index;
    return {
      participants: it.participants,
      z: it.z,
      expected,
      residual: expected === null ? null : it.z - expected,
      residualZ: null,
    };
  });
  const ok = items.map((it, i) => it.participants >= params.minParticipants && figures[i]!.residual !== null);
  const st = standardise(
    figures.map((f) => f.residual),
    ok,
  );
  figures.forEach((f, i) => {
    if (ok[i]) f.residualZ = st.z[i] ?? null;
  });
  return {
    fit: {
      intercept,
      slope,
      n: usable.length,
      residualMean: st.m,
      residualSd: st.sd,
      degenerate: reg === null,
    },
    schools: new Map(items.map((it, i) => [it.schoolId, figures[i]!])),
  };
}

/** Both models for the schools, from the raw results and the computed context. */
export function buildModel(
  year: number,
  params: IdentificationParams,
  schoolIds: readonly number[],
  results: readonly ResultAggregate[],
  contexts: readonly SchoolContext[],
): ModelOutcome {
  const ctx = new Map(contexts.map((c) => [c.schoolId, c]));
  const pooled = pooledShares(results, year, params);
  const share = fitShareModel(
    schoolIds.map((id) => ({
      schoolId: id,
      index: ctx.get(id)?.index ?? null,
      participants: pooled.get(id)?.participants ?? 0,
      belowMin: pooled.get(id)?.belowMin ?? 0,
      unfavourable: ctx.get(id)?.unfavourable ?? null,
    })),
    params,
  );
  const zs = schoolMeanScoreZ(results, year, params);
  const ms = fitMeanScoreModel(
    schoolIds
      .filter((id) => zs.has(id))
      .map((id) => ({ schoolId: id, index: ctx.get(id)?.index ?? null, ...zs.get(id)! })),
    params,
  );
  for (const s of share.schools) {
    s.meanScore = ms?.schools.get(s.schoolId) ?? null;
  }
  return {
    year,
    share: share.fit,
    shareUnavailable: share.unavailable,
    meanScore: ms?.fit ?? null,
    schools: share.schools,
  };
}
