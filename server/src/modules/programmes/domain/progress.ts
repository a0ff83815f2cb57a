/**
 * Progress arithmetic over work items: an activity with one deadline is one item; a recurring
 * activity contributes one item per period (occurrence). Pure: today comes in as an ISO date.
 */
export type ItemStatus = 'planned' | 'in_progress' | 'done' | 'overdue' | 'cancelled';

export interface WorkItem {
  status: ItemStatus;
  /** ISO due date; null when the deadline is «by plan» or unknown (never overdue). */
  dueTo: string | null;
  /** ISO date the item was marked done. */
  completedOn: string | null;
}

export interface Counts {
  total: number;
  done: number;
  doneOnTime: number;
  overdue: number;
  cancelled: number;
  dueByNow: number;
  dueSoon: number;
}

export interface Progress extends Counts {
  shareDone: number | null;
  shareDoneOnTime: number | null;
  shareOverdue: number | null;
}

const DAY = 86_400_000;
const days = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;

export function addDays(iso: string, n: number): string {
  return new Date((days(iso) + n) * DAY).toISOString().slice(0, 10);
}

/** Open (not done, not cancelled) and past its due date. */
export function isOverdue(item: Pick<WorkItem, 'status' | 'dueTo'>, today: string): boolean {
  return item.status !== 'done' && item.status !== 'cancelled' && item.dueTo !== null && item.dueTo < today;
}

/** Whole days between the due date and today (0 when not overdue). */
export function daysOverdue(item: Pick<WorkItem, 'status' | 'dueTo'>, today: string): number {
  return isOverdue(item, today) ? days(today) - days(item.dueTo!) : 0;
}

/** The status to show: a stored open status becomes 'overdue' once the due date has passed, and back. */
export function effectiveStatus(item: Pick<WorkItem, 'status' | 'dueTo'>, today: string): ItemStatus {
  if (isOverdue(item, today)) return 'overdue';
  if (item.status === 'overdue') return 'planned';
  return item.status;
}

/** Count items as the progress figures need them; `soonDays` is the due-soon window. */
export function countItems(items: WorkItem[], today: string, soonDays = 14): Counts {
  const soon = addDays(today, soonDays);
  const c: Counts = { total: 0, done: 0, doneOnTime: 0, overdue: 0, cancelled: 0, dueByNow: 0, dueSoon: 0 };
  for (const i of items) {
    if (i.status === 'cancelled') {
      c.cancelled++;
      continue;
    }
    c.total++;
    if (i.status === 'done') {
      c.done++;
      c.dueByNow++;
      if (i.dueTo === null || (i.completedOn !== null && i.completedOn <= i.dueTo)) c.doneOnTime++;
      continue;
    }
    if (i.dueTo !== null && i.dueTo < today) {
      c.overdue++;
      c.dueByNow++;
    } else if (i.dueTo !== null && i.dueTo <= soon) c.dueSoon++;
  }
  return c;
}

const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

/** Shares from counts: done of all, done on time and overdue of what was due by now. */
export function progressOf(c: Counts): Progress {
  return {
    ...c,
    shareDone: share(c.done, c.total),
    shareDoneOnTime: share(c.doneOnTime, c.dueByNow),
    shareOverdue: share(c.overdue, c.dueByNow),
  };
}

/** Sum the counts of several groups (a municipality from its schools). */
export function addCounts(a: Counts, b: Counts): Counts {
  return {
    total: a.total + b.total,
    done: a.done + b.done,
    doneOnTime: a.doneOnTime + b.doneOnTime,
    overdue: a.overdue + b.overdue,
    cancelled: a.cancelled + b.cancelled,
    dueByNow: a.dueByNow + b.dueByNow,
    dueSoon: a.dueSoon + b.dueSoon,
  };
}

export const ZERO: Counts = {
  total: 0,
  done: 0,
  doneOnTime: 0,
  overdue: 0,
  cancelled: 0,
  dueByNow: 0,
  dueSoon: 0,
};

/** A share as Russians write it: 0.4567 → «45,7 %». */
export function percentRu(v: number | null): string {
  if (v === null) return '—';
  return `${(Math.round(v * 1000) / 10).toString().replace('.', ',')} %`;
}
