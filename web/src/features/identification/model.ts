import type { Role } from '../../lib/search';

/** The categories shown on the run page, in the order of the summary cards. */
export const DISPLAYS = [
  'low_results',
  'unfavourable',
  'both',
  'resilient',
  'below_expected',
  'insufficient_data',
  'none',
] as const;
export type DisplayKey = (typeof DISPLAYS)[number];

/** Who sees the «Отбор школ» screens (server: identificationPolicies.canRead). */
export const canSeeIdentification = (r: Role) =>
  r === 'regional_coordinator' || r === 'municipal_coordinator' || r === 'observer';
export const canStartRun = (r: Role) => r === 'regional_coordinator';
export const canApprove = (r: Role) => r === 'regional_coordinator';
export const canPropose = (r: Role) => r === 'municipal_coordinator';

/** The colour of a category on the chart and in the badges. */
export const DISPLAY_COLOR: Record<DisplayKey, string> = {
  both: '#b42318',
  low_results: '#e8590c',
  unfavourable: '#7048e8',
  resilient: '#2b8a3e',
  below_expected: '#c08a00',
  insufficient_data: '#868e96',
  none: '#adb5bd',
};

export function displayTone(d: string): 'red' | 'amber' | 'blue' | 'green' | 'teal' | undefined {
  switch (d) {
    case 'both':
    case 'low_results':
      return 'red';
    case 'below_expected':
      return 'amber';
    case 'unfavourable':
      return 'blue';
    case 'resilient':
      return 'green';
    default:
      return undefined;
  }
}

export function listTone(s: string): 'green' | 'blue' | 'amber' | undefined {
  return s === 'approved' ? 'green' : s === 'proposed' ? 'blue' : undefined;
}

/** The first sentence of an explanation (the whole first line if it has no full stop). */
export function firstSentence(lines: readonly string[]): string {
  const first = lines.find((l) => l.trim() !== '')?.trim() ?? '';
  const m = /^(.+?[.!?])(?=\s+[А-ЯЁA-Z«]|$)/u.exec(first);
  return m ? m[1]! : first;
}

/** Years offered for a new run: the current year and the four before it, newest first. */
export function yearOptions(now: Date = new Date(), count = 5): number[] {
  const y = now.getFullYear();
  return Array.from({ length: count }, (_, i) => y - i);
}

/** The chart series: points with both coordinates, grouped by category («none» first, drawn below). */
export function scatterSeries<
  P extends { display: string; contextIndex: number | null; share: number | null },
>(points: readonly P[]): Array<{ display: DisplayKey; points: P[] }> {
  const groups = new Map<DisplayKey, P[]>();
  for (const p of points) {
    if (p.contextIndex === null || p.share === null) continue;
    const d = (DISPLAYS as readonly string[]).includes(p.display) ? (p.display as DisplayKey) : 'none';
    const g = groups.get(d) ?? [];
    g.push(p);
    groups.set(d, g);
  }
  const order: DisplayKey[] = [
    'none',
    'insufficient_data',
    'unfavourable',
    'resilient',
    'below_expected',
    'low_results',
    'both',
  ];
  return order.filter((d) => groups.has(d)).map((d) => ({ display: d, points: groups.get(d)! }));
}

/** A valid order date (YYYY-MM-DD, a real calendar day). */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Parses a percentage typed by a person («30», «27,5») into a share (0.3, 0.275); null if invalid. */
export function parseShare(text: string): number | null {
  const n = Number(text.trim().replace(',', '.'));
  if (!text.trim() || !Number.isFinite(n) || n <= 0 || n > 100) return null;
  return Math.round(n * 100) / 10000;
}

/** The what-if parameters: the run's parameters with the edited fields replaced. */
export function whatIfParams(
  base: Record<string, unknown>,
  edit: { threshold: number; mode: string; subjectMode: string; minParticipants: number },
): Record<string, unknown> {
  return { ...base, ...edit };
}

/** The procedures a parameter set may choose (server: PROCEDURES). */
export const PROCEDURE_CODES = ['VPR', 'OGE', 'EGE', 'REGIONAL', 'MUNICIPAL'] as const;

/** The rule's main parameters as a form edits them (numbers as typed, in percent where shown so). */
export interface ParamsForm {
  threshold: string;
  mode: 'plain' | 'wilson';
  subjectMode: 'any' | 'all';
  minParticipants: string;
  procedures: string[];
  grades: 'pooled' | 'per_grade';
  clauseA: boolean;
  clauseAMinProcedures: string;
  clauseB: boolean;
  unfavourableRule: 'quartile' | 'threshold';
  unfavourableValue: string;
  belowExpectedCut: string;
  resilientCut: string;
  shrinkage: boolean;
}
export type ParamsField = keyof ParamsForm;

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const numText = (v: unknown, fallback: string, fmt: (n: number) => string = String) =>
  typeof v === 'number' && Number.isFinite(v) ? fmt(v) : fallback;
/** A number typed by a person («1,5», «−1»); null if it is not one. */
export function parseNumber(text: string): number | null {
  const s = text.trim().replace(',', '.').replace('−', '-');
  if (!s) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
const decimal = (n: number) => String(Math.round(n * 1e6) / 1e6).replace('.', ',');

/** The form of a parameter object (the defaults where a value is missing). */
export function paramsToForm(raw: unknown): ParamsForm {
  const p = obj(raw);
  const context = obj(p.context);
  const unf = obj(context.unfavourable);
  const model = obj(p.model);
  return {
    threshold: numText(p.threshold, '30', (n) => decimal(n * 100)),
    mode: p.mode === 'wilson' ? 'wilson' : 'plain',
    subjectMode: p.subjectMode === 'all' ? 'all' : 'any',
    minParticipants: numText(p.minParticipants, '10'),
    procedures: Array.isArray(p.procedures)
      ? p.procedures.filter((x): x is string => typeof x === 'string')
      : ['VPR', 'OGE', 'EGE', 'REGIONAL'],
    grades: p.grades === 'per_grade' ? 'per_grade' : 'pooled',
    clauseA: p.clauseA !== false,
    clauseAMinProcedures: numText(p.clauseAMinProcedures, '2'),
    clauseB: p.clauseB !== false,
    unfavourableRule: unf.rule === 'threshold' ? 'threshold' : 'quartile',
    unfavourableValue: numText(unf.value, '', decimal),
    belowExpectedCut: numText(model.belowExpectedCut, '−1', decimal),
    resilientCut: numText(model.resilientCut, '1', decimal),
    shrinkage: model.shrinkage !== false,
  };
}

/**
 * The parameters of a form over a base parameter object (fields the form does not show are kept),
 * or the form's errors as catalogue keys per field (the server checks everything again).
 */
export function formToParams(
  base: unknown,
  f: ParamsForm,
): { params: Record<string, unknown>; errors: Partial<Record<ParamsField, string>> } {
  const errors: Partial<Record<ParamsField, string>> = {};
  const threshold = parseShare(f.threshold);
  if (threshold === null) errors.threshold = 'web.ident.whatif.thresholdInvalid';
  const min = Number(f.minParticipants);
  if (!/^\d+$/.test(f.minParticipants.trim()) || min < 1)
    errors.minParticipants = 'web.ident.whatif.minInvalid';
  if (f.procedures.length === 0) errors.procedures = 'web.ident.form.proceduresRequired';
  const minProc = Number(f.clauseAMinProcedures);
  if (!/^\d+$/.test(f.clauseAMinProcedures.trim()) || minProc < 2 || minProc > PROCEDURE_CODES.length)
    errors.clauseAMinProcedures = 'web.ident.form.minProceduresInvalid';
  const unfValue = parseNumber(f.unfavourableValue);
  if (f.unfavourableRule === 'threshold' && unfValue === null)
    errors.unfavourableValue = 'web.ident.form.numberRequired';
  const below = parseNumber(f.belowExpectedCut);
  if (below === null || below > 0) errors.belowExpectedCut = 'web.ident.form.notPositive';
  const resil = parseNumber(f.resilientCut);
  if (resil === null || resil < 0) errors.resilientCut = 'web.ident.form.notNegative';
  const b = obj(base);
  const context = obj(b.context);
  const model = obj(b.model);
  return {
    errors,
    params: {
      ...b,
      threshold: threshold ?? 0.3,
      mode: f.mode,
      subjectMode: f.subjectMode,
      minParticipants: min,
      procedures: PROCEDURE_CODES.filter((c) => f.procedures.includes(c)),
      grades: f.grades,
      clauseA: f.clauseA,
      clauseAMinProcedures: minProc,
      clauseB: f.clauseB,
      context: {
        ...context,
        unfavourable:
          f.unfavourableRule === 'threshold'
            ? { rule: 'threshold', value: unfValue ?? 0 }
            : { rule: 'quartile' },
      },
      model: { ...model, belowExpectedCut: below ?? -1, resilientCut: resil ?? 1, shrinkage: f.shrinkage },
    },
  };
}
