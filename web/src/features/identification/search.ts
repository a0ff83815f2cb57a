/** URL search of the run page (filters of the schools): parsed in the router, so kept out of the lazy page. */
const CATEGORIES = [
  'both',
  'low_results',
  'unfavourable',
  'resilient',
  'below_expected',
  'insufficient_data',
  'none',
] as const;

export interface RunSearch {
  municipalityId?: number;
  category?: (typeof CATEGORIES)[number];
  q?: string;
  page?: number;
}

export function parseRunSearch(raw: Record<string, unknown>): RunSearch {
  const out: RunSearch = {};
  const m = Number(raw.municipalityId);
  if (Number.isSafeInteger(m) && m > 0) out.municipalityId = m;
  if (CATEGORIES.includes(raw.category as (typeof CATEGORIES)[number]))
    out.category = raw.category as RunSearch['category'];
  if (typeof raw.q === 'string' && raw.q.trim()) out.q = raw.q.slice(0, 200);
  const p = Number(raw.page);
  if (Number.isSafeInteger(p) && p > 1) out.page = p;
  return out;
}
