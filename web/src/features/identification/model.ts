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
