import { z } from 'zod';
import { countItems } from '../../programmes/domain/progress.js';
import { contribution, noDataContribution } from './common.js';
import type {
  ActivityItem,
  ApprovedList,
  BasisRecord,
  CalcData,
  Calculation,
  Contribution,
} from './types.js';

/* ------------------------------------------------------------------------------------------------
 * Approved identification lists: no_longer_flagged, flagged_share.
 * ---------------------------------------------------------------------------------------------- */

/** The approved list of a year (the latest run when several are given), as a set. */
function listOf(data: CalcData, year: number): { list: ApprovedList; ids: Set<number> } | null {
  let best: ApprovedList | null = null;
  for (const l of data.approvedLists)
    if (l.year === year && (best === null || l.runId > best.runId)) best = l;
  return best ? { list: best, ids: new Set(best.schoolIds) } : null;
}

function listRecord(list: ApprovedList, inList: boolean, counted?: boolean): BasisRecord {
  return {
    kind: 'list',
    label: list.order
      ? { key: 'indicators.basis.listWithOrder', params: { year: list.year, order: list.order } }
      : { key: 'indicators.basis.list', params: { year: list.year } },
    figures: { inList, runId: list.runId },
    ...(counted === undefined ? {} : { counted }),
  };
}

const EmptyParams = z.strictObject({});
type EmptyParams = z.output<typeof EmptyParams>;

export const noLongerFlagged: Calculation<EmptyParams> = {
  name: 'no_longer_flagged',
  units: ['percent', 'count'],
  needs: ['approvedLists'],
  parseParams: (p) => EmptyParams.parse(p ?? {}),
  compute(_params, data) {
    const prev = listOf(data, data.year - 1);
    const cur = listOf(data, data.year);
    const missingYear = !prev ? data.year - 1 : !cur ? data.year : null;
    if (missingYear !== null || !prev || !cur)
      return data.schools.map((s) =>
        noDataContribution(s, {
          key: 'indicators.noData.noApprovedList',
          params: { year: missingYear ?? data.year },
        }),
      );
    return data.schools.map((school) => {
      const wasIn = prev.ids.has(school.id);
      if (!wasIn)
        return noDataContribution(
          school,
          { key: 'indicators.noData.notInPreviousList', params: { year: data.year - 1 } },
          [listRecord(prev.list, false)],
        );
      const stillIn = cur.ids.has(school.id);
      return contribution(school, stillIn ? 0 : 1, 1, [
        listRecord(prev.list, true),
        listRecord(cur.list, stillIn, !stillIn),
      ]);
    });
  },
};

export const flaggedShare: Calculation<EmptyParams> = {
  name: 'flagged_share',
  units: ['percent', 'count'],
  needs: ['approvedLists'],
  parseParams: (p) => EmptyParams.parse(p ?? {}),
  compute(_params, data) {
    const cur = listOf(data, data.year);
    if (!cur)
      return data.schools.map((s) =>
        noDataContribution(s, { key: 'indicators.noData.noApprovedList', params: { year: data.year } }),
      );
    return data.schools.map((school) => {
      const inList = cur.ids.has(school.id);
      return contribution(school, inList ? 1 : 0, 1, [listRecord(cur.list, inList, inList)]);
    });
  },
};

/* ------------------------------------------------------------------------------------------------
 * activities_on_time: roadmap items due in the calendar year, judged as of `today`.
 * ---------------------------------------------------------------------------------------------- */

/**
 * Items with a due date in `year` are judged with the programmes' progress arithmetic
 * (`countItems`): the denominator is what was due by today (done items, and open ones whose due
 * date has passed; cancelled excluded), the numerator what was done by its due date. Open items
 * not yet due are not judged. Schools of `data.schools` without items have no data; items of
 * schools outside `data.schools` get their own contribution (ordered by school id), and items not
 * tied to a school one contribution with schoolId null, last.
 */
export const activitiesOnTime: Calculation<EmptyParams> = {
  name: 'activities_on_time',
  units: ['percent', 'count'],
  needs: ['activities'],
  parseParams: (p) => EmptyParams.parse(p ?? {}),
  compute(_params, data) {
    const prefix = `${data.year}-`;
    const groups = new Map<number | null, ActivityItem[]>();
    for (const item of data.activities) {
      if (item.dueTo === null || !item.dueTo.startsWith(prefix)) continue;
      const list = groups.get(item.schoolId);
      if (list) list.push(item);
      else groups.set(item.schoolId, [item]);
    }
    const judge = (
      schoolId: number | null,
      municipalityId: number | null,
      items: ActivityItem[],
    ): Contribution => {
      const c = countItems(items, data.today);
      const basis: BasisRecord[] = items.map((i) => {
        const judged = i.status !== 'cancelled' && (i.status === 'done' || i.dueTo! < data.today);
        const onTime = i.status === 'done' && i.completedOn !== null && i.completedOn <= i.dueTo!;
        return {
          kind: 'activity',
          label: i.label,
          figures: {
            activityId: i.activityId,
            occurrenceId: i.occurrenceId,
            dueTo: i.dueTo,
            completedOn: i.completedOn,
            status: i.status,
            judged,
          },
          counted: judged && onTime,
        };
      });
      if (c.dueByNow === 0)
        return {
          schoolId,
          municipalityId,
          numerator: 0,
          denominator: 0,
          noData: { key: 'indicators.noData.nothingDue', params: { year: data.year, today: data.today } },
          basis,
        };
      return { schoolId, municipalityId, numerator: c.doneOnTime, denominator: c.dueByNow, basis };
    };
    const out: Contribution[] = [];
    const seen = new Set<number>();
    for (const school of data.schools) {
      seen.add(school.id);
      const items = groups.get(school.id);
      out.push(
        items
          ? judge(school.id, school.municipalityId, items)
          : noDataContribution(school, {
              key: 'indicators.noData.noActivities',
              params: { year: data.year },
            }),
      );
    }
    const others = [...groups.keys()]
      .filter((k): k is number => k !== null && !seen.has(k))
      .sort((a, b) => a - b);
    for (const id of others) {
      const items = groups.get(id)!;
      out.push(judge(id, items[0]!.municipalityId, items));
    }
    const unattached = groups.get(null);
    if (unattached) {
      const m = unattached[0]!.municipalityId;
      out.push(judge(null, unattached.every((i) => i.municipalityId === m) ? m : null, unattached));
    }
    return out;
  },
};
