/** Pure helpers of the programme screens (no React, unit-tested). */

/** Overdue and due-soon lists, progress by municipality and school (policies.canCoordinate). */
export const canCoordinate = (role: string) =>
  role === 'regional_coordinator' || role === 'municipal_coordinator' || role === 'curator';

export type Tone = 'blue' | 'teal' | 'green' | 'amber' | 'red' | undefined;

export const programmeStatusTone = (s: string): Tone =>
  s === 'draft' ? undefined : s === 'approved' ? 'blue' : s === 'in_progress' ? 'teal' : 'green';

export const activityStatusTone = (s: string, overdue = false): Tone =>
  overdue || s === 'overdue'
    ? 'red'
    : s === 'done'
      ? 'green'
      : s === 'in_progress'
        ? 'blue'
        : s === 'cancelled'
          ? undefined
          : 'amber';

export const reviewTone = (s: string): Tone =>
  s === 'accepted' ? 'green' : s === 'returned' ? 'red' : 'amber';

/** The next status of a programme's life cycle (draft → approved → in progress → completed), or null. */
export function nextProgrammeStatus(s: string): 'approved' | 'in_progress' | 'completed' | null {
  return s === 'draft'
    ? 'approved'
    : s === 'approved'
      ? 'in_progress'
      : s === 'in_progress'
        ? 'completed'
        : null;
}

/** `2026-09-01` → `01.09.2026`; anything else unchanged, null/empty → `—`. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** `01.09.2026 – 31.08.2027`, one side may be missing. */
export function formatPeriod(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return '—';
  return `${formatIsoDate(from)} – ${formatIsoDate(to)}`;
}

interface SectionLike {
  id: number;
  parentId: number | null;
  number: string | null;
  title: string;
  sortOrder: number;
}
interface ActivityLike {
  id: number;
  sectionId: number | null;
  sortOrder: number;
  number: string | null;
}

export interface RoadmapGroup<S, A> {
  section: S | null;
  depth: number;
  activities: A[];
}

/** Compare «1.2» and «1.10» as numbers, part by part; missing numbers last. */
export function compareNumbers(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const pa = a.split(/[.\s]+/).filter(Boolean);
  const pb = b.split(/[.\s]+/).filter(Boolean);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y, 'ru');
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * The roadmap in reading order: each section (depth-first, nested sections after their parent)
 * followed by its activities; activities without a section first. Empty sections are kept only
 * when `keepEmpty` (an unfiltered roadmap shows them; a filtered one hides them).
 */
export function groupRoadmap<S extends SectionLike, A extends ActivityLike>(
  sections: S[],
  activities: A[],
  keepEmpty = true,
): RoadmapGroup<S, A>[] {
  const bySection = new Map<number | null, A[]>();
  const known = new Set(sections.map((s) => s.id));
  for (const a of activities) {
    const key = a.sectionId !== null && known.has(a.sectionId) ? a.sectionId : null;
    const list = bySection.get(key) ?? [];
    list.push(a);
    bySection.set(key, list);
  }
  for (const list of bySection.values())
    list.sort((x, y) => x.sortOrder - y.sortOrder || compareNumbers(x.number, y.number));
  const children = new Map<number | null, S[]>();
  for (const s of sections) {
    const key = s.parentId !== null && known.has(s.parentId) ? s.parentId : null;
    const list = children.get(key) ?? [];
    list.push(s);
    children.set(key, list);
  }
  for (const list of children.values())
    list.sort((x, y) => x.sortOrder - y.sortOrder || compareNumbers(x.number, y.number));
  const out: RoadmapGroup<S, A>[] = [];
  const loose = bySection.get(null);
  if (loose?.length) out.push({ section: null, depth: 0, activities: loose });
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const s of children.get(parent) ?? []) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      const acts = bySection.get(s.id) ?? [];
      const at = out.length;
      out.push({ section: s, depth, activities: acts });
      walk(s.id, depth + 1);
      // A filtered roadmap drops sections with nothing in them or under them.
      if (!keepEmpty && acts.length === 0 && out.length === at + 1) out.pop();
    }
  };
  walk(null, 0);
  return out;
}

export type Bucket = 'overdue' | 'week' | 'later' | 'undated';

/** Where a task goes on «Мои задачи»: overdue, due within 7 days of `today`, later, or without a date. */
export function taskBucket(t: { overdue: boolean; dueTo: string | null }, today: string): Bucket {
  if (t.overdue) return 'overdue';
  if (!t.dueTo) return 'undated';
  if (t.dueTo < today) return 'overdue';
  return daysBetween(today, t.dueTo) <= 7 ? 'week' : 'later';
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export function isoToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Group tasks by bucket, each bucket by due date (undated last). */
export function bucketTasks<T extends { overdue: boolean; dueTo: string | null }>(
  items: T[],
  today: string,
): Record<Bucket, T[]> {
  const out: Record<Bucket, T[]> = { overdue: [], week: [], later: [], undated: [] };
  for (const t of items) out[taskBucket(t, today)].push(t);
  for (const list of Object.values(out))
    list.sort((a, b) => (a.dueTo ?? '9999').localeCompare(b.dueTo ?? '9999'));
  return out;
}

/** Sort rows by a key, numbers numerically and nulls last whatever the order. */
export function sortRows<T>(rows: T[], key: keyof T, order: 'asc' | 'desc'): T[] {
  const dir = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key] as unknown;
    const y = b[key] as unknown;
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
    return String(x).localeCompare(String(y), 'ru') * dir;
  });
}

export interface GanttBar {
  id: string;
  name: string;
  start: string;
  end: string;
  progress: number;
  custom_class: string;
  activityId: number;
}

interface GanttActivity {
  id: number;
  number: string | null;
  text: string;
  dueFrom: string | null;
  dueTo: string | null;
  status: string;
  overdue: boolean;
  recurring: boolean;
}
interface GanttOccurrence {
  id: number;
  label: string;
  dueFrom: string;
  dueTo: string;
  status: string;
  overdue: boolean;
}

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const barClass = (status: string, overdue: boolean) =>
  `bar-${overdue || status === 'overdue' ? 'overdue' : status}`;

const shorten = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Bars of the timeline: an activity spans dueFrom..dueTo (a single date is a one-week bar ending
 * on it); a recurring activity gives one bar per occurrence when its occurrences are known.
 * Activities without any date are left out (the caller tells how many).
 */
export function ganttBars(
  activities: GanttActivity[],
  occurrences: Map<number, GanttOccurrence[]> = new Map(),
): { bars: GanttBar[]; undated: number } {
  const bars: GanttBar[] = [];
  let undated = 0;
  for (const a of activities) {
    const label = shorten(`${a.number ? `${a.number} ` : ''}${a.text}`);
    const occ = a.recurring ? occurrences.get(a.id) : undefined;
    if (occ?.length) {
      for (const o of occ)
        bars.push({
          id: `o${o.id}`,
          name: `${label} · ${o.label}`,
          start: o.dueFrom,
          end: o.dueTo,
          progress: o.status === 'done' ? 100 : 0,
          custom_class: barClass(o.status, o.overdue),
          activityId: a.id,
        });
      continue;
    }
    if (!a.dueTo) {
      undated++;
      continue;
    }
    const start = a.dueFrom && a.dueFrom <= a.dueTo ? a.dueFrom : addDays(a.dueTo, -6);
    bars.push({
      id: `a${a.id}`,
      name: label,
      start,
      end: a.dueTo,
      progress: a.status === 'done' ? 100 : a.status === 'in_progress' ? 50 : 0,
      custom_class: barClass(a.status, a.overdue),
      activityId: a.id,
    });
  }
  return { bars, undated };
}

/** Share 0..1 as a whole per cent for bar widths. */
export const pct = (share: number | null | undefined) =>
  share === null || share === undefined || !Number.isFinite(share)
    ? 0
    : Math.max(0, Math.min(100, Math.round(share * 100)));

/** File size as «1,2 МБ» / «340 КБ». */
export function formatSize(bytes: number, locale: 'ru' | 'en' = 'ru'): string {
  const units = locale === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ'] : ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const n = i === 0 ? String(v) : v.toFixed(v < 10 ? 1 : 0);
  return `${locale === 'ru' ? n.replace('.', ',') : n}\u00a0${units[i]}`;
}

/**
 * The normalised form of a deadline next to the text as written: the parser's label when it says
 * more than the text, with the dates it stands for («до 01.09.2026» → «01.09.2026»,
 * «Сентябрь 2026» → «01.09.2026 – 30.09.2026»).
 */
export function normalisedDeadline(a: {
  deadlineText: string;
  deadlineLabel: string;
  dueFrom: string | null;
  dueTo: string | null;
}): string {
  const dates = a.dueTo
    ? a.dueFrom && a.dueFrom !== a.dueTo
      ? formatPeriod(a.dueFrom, a.dueTo)
      : formatIsoDate(a.dueTo)
    : '';
  const label = a.deadlineLabel.trim();
  const sameAsText =
    label.toLowerCase().replace(/\s+/g, ' ') === a.deadlineText.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!dates) return label || '—';
  return sameAsText || !label ? dates : `${label} (${dates})`;
}

export interface SectionOption {
  id: number;
  /** «1.2. Title», indented by depth (for a <select>) */
  label: string;
  depth: number;
  /** ids from the top section down to this one */
  path: number[];
}

/** Sections in reading order (nested after their parent) for a <select>, with their ancestry. */
export function sectionOptions<S extends SectionLike>(sections: S[]): SectionOption[] {
  const groups = groupRoadmap(sections, [] as ActivityLike[], true);
  const byId = new Map(sections.map((s) => [s.id, s]));
  return groups.flatMap((g) => {
    const s = g.section;
    if (!s) return [];
    const path: number[] = [];
    for (
      let c: S | undefined = s;
      c && !path.includes(c.id);
      c = c.parentId ? byId.get(c.parentId) : undefined
    )
      path.unshift(c.id);
    const label = `${'\u00a0\u00a0\u00a0'.repeat(g.depth)}${s.number ? `${s.number}. ` : ''}${s.title}`;
    return [{ id: s.id, label, depth: g.depth, path }];
  });
}

/** The next free number among the children of `parentId`: «3» after «1», «2»; «1.3» under «1.» with «1.1», «1.2». */
export function suggestSectionNumber<S extends SectionLike>(sections: S[], parentId: number | null): string {
  const parent = parentId === null ? undefined : sections.find((s) => s.id === parentId);
  const prefix = parent?.number ? `${parent.number.replace(/\.+$/, '')}.` : '';
  if (parentId !== null && !prefix) return '';
  const last = sections
    .filter((s) => s.parentId === parentId && s.number)
    .map((s) => {
      const rest = (s.number ?? '').replace(/\.+$/, '');
      const tail = prefix && rest.startsWith(prefix) ? rest.slice(prefix.length) : rest;
      return /^\d+$/.test(tail) ? Number(tail) : 0;
    })
    .reduce((a, b) => Math.max(a, b), 0);
  return `${prefix}${last + 1}`;
}

/** The calendar years a programme's period covers (at most 10), for the target columns of a new table. */
export function periodYears(from: string | null | undefined, to: string | null | undefined): number[] {
  const a = from ? Number(from.slice(0, 4)) : NaN;
  const b = to ? Number(to.slice(0, 4)) : NaN;
  if (!Number.isInteger(a) && !Number.isInteger(b)) return [];
  const lo = Number.isInteger(a) ? a : b;
  const hi = Number.isInteger(b) ? Math.max(b, lo) : lo;
  const out: number[] = [];
  for (let y = lo; y <= Math.min(hi, lo + 9); y++) out.push(y);
  return out;
}

/**
 * A section's number change that the server carries down to what is numbered under it: «2» → «3»
 * turns «2.1» and «2.1.3» into «3.1» and «3.1.3». Null when nothing would be renumbered.
 */
export function renumbering(
  oldNumber: string | null | undefined,
  newNumber: string | null | undefined,
): { from: string; to: string } | null {
  const from = (oldNumber ?? '').trim().replace(/\.+$/, '');
  const to = (newNumber ?? '').trim().replace(/\.+$/, '');
  return from && to && from !== to ? { from: `${from}.`, to: `${to}.` } : null;
}
