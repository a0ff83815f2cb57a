/** URL search of the programme screens: parsed in the router, so kept out of the lazy pages. */
const LEVELS = ['region', 'municipality', 'school'] as const;
const STATUSES = ['draft', 'approved', 'in_progress', 'completed'] as const;

export interface ProgrammeSearch {
  level?: (typeof LEVELS)[number];
  status?: (typeof STATUSES)[number];
  municipalityId?: number;
}

export function parseProgrammeSearch(raw: Record<string, unknown>): ProgrammeSearch {
  const out: ProgrammeSearch = {};
  if (LEVELS.includes(raw.level as ProgrammeSearch['level'] & string))
    out.level = raw.level as ProgrammeSearch['level'];
  if (STATUSES.includes(raw.status as ProgrammeSearch['status'] & string))
    out.status = raw.status as ProgrammeSearch['status'];
  const m = Number(raw.municipalityId);
  if (Number.isInteger(m) && m > 0) out.municipalityId = m;
  return out;
}

export type ProgrammeTab = 'passport' | 'roadmap' | 'indicators';
export interface ProgrammePageSearch {
  tab?: ProgrammeTab;
  view?: 'table' | 'gantt';
  activity?: number;
}

export function parseProgrammePageSearch(raw: Record<string, unknown>): ProgrammePageSearch {
  const out: ProgrammePageSearch = {};
  if (raw.tab === 'passport' || raw.tab === 'roadmap' || raw.tab === 'indicators') out.tab = raw.tab;
  if (raw.view === 'table' || raw.view === 'gantt') out.view = raw.view;
  const a = Number(raw.activity);
  if (Number.isInteger(a) && a > 0) out.activity = a;
  return out;
}
