import type { SchoolContext } from './context.js';
import type { IdentificationParams } from './params.js';
import { NO_GRADE, isColumns, relevantGroups, rowMean, toColumns, type ResultColumns } from './columns.js';
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
  results: readonly ResultAggregate[] | ResultColumns,
  year: number,
  params: IdentificationParams,
): Map<number, { participants: number; belowMin: number }> {
  const c = isColumns(results) ? results : toColumns(results);
  const groups = relevantGroups(c, params);
  const S = c.subjects.length;
  const m = new Map<number, { participants: number; belowMin: number }>();
  for (let i = 0; i < c.length; i++) {
    const n = c.participants[i]!;
    if (c.year[i] !== year || groups[c.procedure[i]! * S + c.subject[i]!]! < 0 || !(n > 0)) continue;
    const id = c.school[i]!;
    const a = m.get(id) ?? { participants: 0, belowMin: 0 };
    a.participants += n;
    a.belowMin += c.belowMin[i]!;
    m.set(id, a);
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
  return { z: values.map((v) => zOf(v, m, sd)), m, sd };
}

/** (v − m)/sd; null without a value, a mean or a positive sd. */
const zOf = (v: number | null, m: number | null, sd: number | null) =>
  v === null || m === null || sd === null || !(sd > 0) ? null : (v - m) / sd;

/** The expected share at a context index: the regression line clipped to [0, 1]. */
const expectedShare = (fit: Pick<ShareModelFit, 'intercept' | 'slope'>, index: number) =>
  Math.min(1, Math.max(0, fit.intercept + fit.slope * index));

/** The expected mean-score z at a context index (null without an index). */
const expectedMeanScore = (fit: Pick<MeanScoreFit, 'intercept' | 'slope'>, index: number | null) =>
  index === null ? null : fit.intercept + fit.slope * index;

/** What of a school's model `modelFromFits` recomputes. */
type DerivedModelFigures = 'share' | 'expected' | 'residual' | 'residualZ' | 'meanScore';

/**
 * A school's model from what cannot be recomputed (its status, counts, shrunken share, flags and
 * mean-score z) and its context index, with the run's fits and parameters: the observed share,
 * the expected share, the residual and its z, and the same of the mean score, with the arithmetic
 * of the fit, so to the last bit what it gave (stored figures leave them out since version 4).
 */
export function modelFromFits(
  school: Omit<SchoolModel, DerivedModelFigures> & { meanScore: { participants: number; z: number } | null },
  index: number | null,
  fits: { share: ShareModelFit | null; meanScore: MeanScoreFit | null },
  params: ModelSettings,
): SchoolModel {
  const { status, participants, belowMin, shrunken } = school;
  const fit = fits.share;
  // a fitted model gives the expected share exactly to the schools with results and an index
  const expected =
    fit && index !== null && (status === 'ok' || status === 'insufficient')
      ? expectedShare(fit, index)
      : null;
  const residual = residualOf(expected, shrunken);
  const ms = school.meanScore;
  const msFit = fits.meanScore;
  let meanScore: MeanScoreFigures | null = null;
  if (ms && msFit) {
    const e = expectedMeanScore(msFit, index);
    const r = e === null ? null : ms.z - e;
    meanScore = {
      participants: ms.participants,
      z: ms.z,
      expected: e,
      residual: r,
      residualZ:
        ms.participants >= params.minParticipants && r !== null
          ? zOf(r, msFit.residualMean, msFit.residualSd)
          : null,
    };
  }
  return {
    ...school,
    share: shareOf(participants, belowMin),
    expected,
    residual,
    residualZ: status === 'ok' && fit ? zOf(residual, fit.residualMean, fit.residualSd) : null,
    meanScore,
  };
}

const shareOf = (participants: number, belowMin: number) =>
  participants > 0 ? belowMin / participants : null;
const residualOf = (expected: number | null, shrunken: number | null) =>
  expected !== null && shrunken !== null ? expected - shrunken : null;

/** The four values of `resilientBy`, shared (frozen) by all schools of a run. */
const RESILIENT_BY = {
  none: Object.freeze([]) as unknown as SchoolModel['resilientBy'],
  top: Object.freeze(['top_quarter']) as unknown as SchoolModel['resilientBy'],
  residual: Object.freeze(['residual']) as unknown as SchoolModel['resilientBy'],
  both: Object.freeze(['top_quarter', 'residual']) as unknown as SchoolModel['resilientBy'],
};

/** Fit the share model and classify the schools (see the module comment). */
export function fitShareModel(
  items: readonly ShareModelItem[],
  params: ModelSettings,
): { fit: ShareModelFit | null; unavailable: 'too_few_schools' | null; schools: SchoolModel[] } {
  const base = (
    it: ShareModelItem,
    status: SchoolModelStatus,
    expected: number | null = null,
    shrunken: number | null = null,
  ): SchoolModel => ({
    schoolId: it.schoolId,
    status,
    participants: it.participants,
    belowMin: it.belowMin,
    share: shareOf(it.participants, it.belowMin),
    expected,
    shrunken,
    residual: residualOf(expected, shrunken),
    residualZ: null,
    belowExpected: false,
    topQuarter: false,
    resilient: false,
    resilientBy: RESILIENT_BY.none,
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
  const expectedOf = (index: number) => expectedShare({ intercept, slope }, index);

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
    return base(it, it.participants >= params.minParticipants ? 'ok' : 'insufficient', expected, shrunken);
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
    const byTop = unfavourable && s.topQuarter;
    const byResidual =
      unfavourable && s.residualZ !== null && s.residualZ >= params.model.resilientCut - 1e-12;
    s.resilientBy = byTop
      ? byResidual
        ? RESILIENT_BY.both
        : RESILIENT_BY.top
      : byResidual
        ? RESILIENT_BY.residual
        : RESILIENT_BY.none;
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

export { rowMean };

/**
 * Standardised mean scores per school for year Y: z within (procedure, subject code, grade) across
 * schools, then the participant-weighted mean per school.
 */
export function schoolMeanScoreZ(
  results: readonly ResultAggregate[] | ResultColumns,
  year: number,
  params: IdentificationParams,
): Map<number, { z: number; participants: number }> {
  const c = isColumns(results) ? results : toColumns(results);
  const groups = relevantGroups(c, params);
  const S = c.subjects.length;
  // Groups (procedure, subject code, grade) in the order of their first row; each group's rows in
  // their order (a counting sort), so that every sum below adds in the same order as a loop over
  // the group's rows. No object per row: a national run has 600,000 rows here.
  // A group is found in a table by (procedure, subject, grade up to 253), else in a map.
  const groupOf = new Int32Array(c.length).fill(-1);
  const byGrade = new Int32Array(groups.length * 256).fill(-1);
  const byKey = new Map<number, number>();
  const sizes: number[] = [];
  for (let i = 0; i < c.length; i++) {
    const ps = c.procedure[i]! * S + c.subject[i]!;
    if (c.year[i] !== year || groups[ps]! < 0 || !(c.participants[i]! > 0) || Number.isNaN(c.mean[i]!))
      continue;
    const grade = c.grade[i]!;
    const at = grade === NO_GRADE ? ps * 256 : grade >= 0 && grade < 254 ? ps * 256 + grade + 1 : -1;
    const key = ps * 4294967296 + (grade - NO_GRADE);
    let g = at >= 0 ? byGrade[at]! : (byKey.get(key) ?? -1);
    if (g < 0) {
      g = sizes.length;
      if (at >= 0) byGrade[at] = g;
      else byKey.set(key, g);
      sizes.push(0);
    }
    groupOf[i] = g;
    sizes[g]!++;
  }
  const G = sizes.length;
  const start = new Int32Array(G + 1);
  for (let g = 0; g < G; g++) start[g + 1] = start[g]! + sizes[g]!;
  const fill = start.slice(0, G);
  const rows = new Int32Array(start[G]!);
  for (let i = 0; i < c.length; i++) if (groupOf[i]! >= 0) rows[fill[groupOf[i]!]!++] = i;
  // Per school (in the order of its first contribution), Σ z·n and Σ n; a school's position is
  // found in a table of ids when they are compact, else in a map.
  let maxId = -1;
  let compact = true;
  for (let j = 0; j < rows.length; j++) {
    const id = c.school[rows[j]!]!;
    if (id < 0) compact = false;
    else if (id > maxId) maxId = id;
  }
  const table = compact && maxId <= 4 * rows.length + 1_000_000 ? new Int32Array(maxId + 1).fill(-1) : null;
  const seen: number[] = [];
  const slotOf = new Map<number, number>();
  const sz: number[] = [];
  const sn: number[] = [];
  for (let g = 0; g < G; g++) {
    const from = start[g]!;
    const to = start[g + 1]!;
    const len = to - from;
    if (len < 2) continue;
    // mean and population sd as stats.ts computes them (the same additions in the same order)
    let sum = 0;
    for (let j = from; j < to; j++) sum += c.mean[rows[j]!]!;
    const mu = sum / len;
    let sq = 0;
    for (let j = from; j < to; j++) {
      const v = c.mean[rows[j]!]!;
      sq = sq + (v - mu) * (v - mu);
    }
    const sd = Math.sqrt(sq / len);
    if (!(sd > 0)) continue;
    for (let j = from; j < to; j++) {
      const i = rows[j]!;
      const id = c.school[i]!;
      let k = table ? table[id]! : (slotOf.get(id) ?? -1);
      if (k < 0) {
        k = seen.push(id) - 1;
        if (table) table[id] = k;
        else slotOf.set(id, k);
        sz.push(0);
        sn.push(0);
      }
      const n = c.participants[i]!;
      sz[k]! += ((c.mean[i]! - mu) / sd) * n;
      sn[k]! += n;
    }
  }
  const out = new Map<number, { z: number; participants: number }>();
  seen.forEach((id, k) => out.set(id, { z: sz[k]! / sn[k]!, participants: sn[k]! }));
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
    const expected = expectedMeanScore({ intercept, slope }, it.index);
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
  results: readonly ResultAggregate[] | ResultColumns,
  contexts: readonly SchoolContext[],
): ModelOutcome {
  const ctx = new Map(contexts.map((c) => [c.schoolId, c]));
  const cols = isColumns(results) ? results : toColumns(results);
  const pooled = pooledShares(cols, year, params);
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
  const zs = schoolMeanScoreZ(cols, year, params);
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
