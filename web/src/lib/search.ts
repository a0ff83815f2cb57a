/**
 * URL state of the list pages. The router keeps search params as plain strings
 * (`?q=гимназия&page=2`), and each page validates its own params here, so that a
 * hand-edited or stale URL never breaks the page: unknown values are dropped.
 */

export const SCHOOL_TYPES = [
  'СОШ',
  'ООШ',
  'НОШ',
  'лицей',
  'гимназия',
  'центр образования',
  'вечерняя школа',
  'школа-интернат',
  'СОШ с УИОП',
] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const SCHOOL_SORTS = ['name', 'code', 'municipality', 'students', 'type'] as const;
export type SchoolSort = (typeof SCHOOL_SORTS)[number];
export type Order = 'asc' | 'desc';
export const PAGE_SIZES = [25, 50, 100] as const;

export const ROLES = [
  'regional_coordinator',
  'municipal_coordinator',
  'school_team',
  'curator',
  'expert',
  'teacher',
  'observer',
] as const;
export type Role = (typeof ROLES)[number];

type Raw = Record<string, unknown>;

function str(v: unknown, max = 200): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  return s === '' ? undefined : s.slice(0, max);
}
function int(v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const s = str(v);
  if (s === undefined || !/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}
function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  const s = str(v);
  return s !== undefined && (allowed as readonly string[]).includes(s) ? (s as T) : undefined;
}
function isoDate(v: unknown): string | undefined {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? s : undefined;
}

/** Drop undefined keys so that URLs stay short and equal states compare equal. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

export interface SchoolSearch {
  q?: string;
  municipalityId?: number;
  type?: SchoolType;
  locality?: 'urban' | 'rural';
  isSmall?: 'true' | 'false';
  sort?: SchoolSort;
  order?: Order;
  page?: number;
  pageSize?: number;
}

export function parseSchoolSearch(raw: Raw): SchoolSearch {
  const pageSize = int(raw.pageSize, 1, 200);
  return compact({
    q: str(raw.q),
    municipalityId: int(raw.municipalityId, 1),
    type: oneOf(raw.type, SCHOOL_TYPES),
    locality: oneOf(raw.locality, ['urban', 'rural'] as const),
    isSmall: oneOf(raw.isSmall, ['true', 'false'] as const),
    sort: oneOf(raw.sort, SCHOOL_SORTS),
    order: oneOf(raw.order, ['asc', 'desc'] as const),
    page: int(raw.page, 1),
    pageSize: pageSize && (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : undefined,
  });
}

/** Whether any filter narrows the list (the search text included). */
export function hasSchoolFilters(s: SchoolSearch): boolean {
  return !!(s.q || s.municipalityId || s.type || s.locality || s.isSmall);
}

/**
 * Clicking a column header: the same column flips the order, another column starts
 * ascending (students: descending, the bigger schools first). The page goes back to 1.
 */
export function nextSort(s: SchoolSearch, column: SchoolSort): SchoolSearch {
  const current = s.sort ?? 'name';
  const order: Order =
    current === column
      ? (s.order ?? 'asc') === 'asc'
        ? 'desc'
        : 'asc'
      : column === 'students'
        ? 'desc'
        : 'asc';
  return compact({ ...s, sort: column, order, page: undefined });
}

export interface UserSearch {
  q?: string;
  role?: Role;
  municipalityId?: number;
}
export function parseUserSearch(raw: Raw): UserSearch {
  return compact({
    q: str(raw.q, 100),
    role: oneOf(raw.role, ROLES),
    municipalityId: int(raw.municipalityId, 1),
  });
}

export interface AuditSearch {
  entity?: string;
  entityId?: string;
  userLogin?: string;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
}
export function parseAuditSearch(raw: Raw): AuditSearch {
  return compact({
    entity: str(raw.entity, 64),
    entityId: str(raw.entityId, 64),
    userLogin: str(raw.userLogin, 64),
    action: str(raw.action, 64),
    from: isoDate(raw.from),
    to: isoDate(raw.to),
    page: int(raw.page, 1),
  });
}

/** Plain query-string (de)serialisation for the router: every value is a string. */
export function parseQueryString(search: string): Raw {
  const out: Raw = {};
  new URLSearchParams(search.startsWith('?') ? search.slice(1) : search).forEach((v, k) => {
    out[k] = v;
  });
  return out;
}
export function stringifyQueryString(o: Raw): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Page numbers to show in a pager: 1 … 4 5 [6] 7 8 … 20. `null` is a gap. */
export function pageWindow(page: number, pages: number, radius = 1): Array<number | null> {
  if (pages <= 1) return [1];
  const out: Array<number | null> = [];
  const from = Math.max(2, page - radius);
  const to = Math.min(pages - 1, page + radius);
  out.push(1);
  if (from > 2) out.push(from === 3 ? 2 : null);
  for (let i = from; i <= to; i++) out.push(i);
  if (to < pages - 1) out.push(to === pages - 2 ? pages - 1 : null);
  out.push(pages);
  return out;
}
