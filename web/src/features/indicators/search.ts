/**
 * URL state of the indicator panels on the programme page (parsed in the router, so this file stays
 * small and free of React): which indicator's chart or calculation is open, for which year, and
 * where the drill-down stands (municipality, «без данных» filter, page of schools, school).
 */
export interface IndicatorPanelSearch {
  /** the indicator whose panel is open */
  ind?: number;
  /** chart over the years, or the calculation behind one year's value */
  indView?: 'chart' | 'calc';
  indYear?: number;
  /** municipality of the drill-down; 0 = items tied to no school */
  indMuni?: number;
  /** only schools without data */
  indNoData?: '1';
  /** page of the schools list, from 1 */
  indPage?: number;
  /** the school whose basis records are shown */
  indSchool?: number;
}

const posInt = (v: unknown): number | undefined => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

export function parseIndicatorPanelSearch(raw: Record<string, unknown>): IndicatorPanelSearch {
  const out: IndicatorPanelSearch = {};
  const ind = posInt(raw.ind);
  if (ind === undefined) return out;
  out.ind = ind;
  out.indView = raw.indView === 'calc' ? 'calc' : 'chart';
  const year = Number(raw.indYear);
  if (Number.isInteger(year) && year >= 2000 && year <= 2100) out.indYear = year;
  if (out.indView === 'calc') {
    if (out.indYear === undefined) out.indView = 'chart';
    else {
      const m = Number(raw.indMuni);
      if (Number.isSafeInteger(m) && m >= 0) out.indMuni = m;
      if (raw.indNoData === '1' || raw.indNoData === 1 || raw.indNoData === true) out.indNoData = '1';
      const page = posInt(raw.indPage);
      if (page !== undefined && page > 1) out.indPage = page;
      const school = posInt(raw.indSchool);
      if (school !== undefined) out.indSchool = school;
    }
  }
  return out;
}

/** The search without any indicator panel state (to close the panel). */
export const CLOSED_PANEL: Record<keyof IndicatorPanelSearch, undefined> = {
  ind: undefined,
  indView: undefined,
  indYear: undefined,
  indMuni: undefined,
  indNoData: undefined,
  indPage: undefined,
  indSchool: undefined,
};

/** The catalogue page: text filter and method. */
export interface CatalogueSearch {
  q?: string;
  method?: 'manual' | 'computed';
  origin?: 'builtin' | 'region';
}

export function parseCatalogueSearch(raw: Record<string, unknown>): CatalogueSearch {
  const out: CatalogueSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim()) out.q = raw.q.slice(0, 200);
  if (raw.method === 'manual' || raw.method === 'computed') out.method = raw.method;
  if (raw.origin === 'builtin' || raw.origin === 'region') out.origin = raw.origin;
  return out;
}
