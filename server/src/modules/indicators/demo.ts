import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { indicatorsService } from './service.js';
import { todayIn } from '../programmes/service.js';

/**
 * The demo's target indicators: the regional programme (and each municipal one, for its part)
 * covers the schools that have their own programme, takes catalogue indicators (computed and manual), computes them for the two latest
 * result years, sets the baseline from the earlier one and targets for the following years.
 */
const SYSTEM: Principal = {
  id: 0,
  login: 'demo',
  fullName: 'Демо',
  role: 'regional_coordinator',
  municipalityId: null,
  schoolId: null,
  assignedSchoolIds: [],
  locale: 'ru',
};

export const DEMO_INDICATORS = [
  'oge_positive_dynamics',
  'vpr_positive_dynamics',
  'oge_below_min_share',
  'vpr_below_min_share',
  'activities_on_time',
  'internet_1mbps',
  'no_longer_flagged',
  'teachers_qualification',
  'students_iom',
];

export async function seedIndicatorsDemo(database: Database, opts: { years?: [number, number] } = {}) {
  const { db } = database;
  const [baseYear, year] = opts.years ?? [2024, 2025];
  const region = await db
    .selectFrom('programme')
    .select('id')
    .where('level', '=', 'region')
    .orderBy('id')
    .executeTakeFirst();
  if (!region) return { indicators: 0 };
  const schools = await db
    .selectFrom('programme')
    .select(['school_id', 'parent_id'])
    .where('level', '=', 'school')
    .where('school_id', 'is not', null)
    .execute();
  // The schools with their own programme are the targets of the regional programme and of their
  // municipality's programme (so that indicators added there have schools to count).
  const targets = schools.flatMap((s) => [
    { programme_id: region.id, school_id: s.school_id! },
    ...(s.parent_id !== null && s.parent_id !== region.id
      ? [{ programme_id: s.parent_id, school_id: s.school_id! }]
      : []),
  ]);
  if (targets.length)
    await db
      .insertInto('programme_target_school')
      .values(targets)
      .onConflict((oc) => oc.doNothing())
      .execute();
  const s = indicatorsService(database);
  const added = [];
  for (const code of DEMO_INDICATORS)
    added.push(
      await s.addIndicator(
        SYSTEM,
        region.id,
        { code, baseline: null, baselineYear: null, targets: [] },
        'ru',
      ),
    );
  await s.computeProgramme(SYSTEM, region.id, baseYear);
  await s.computeProgramme(SYSTEM, region.id, year);
  // the roadmap runs in the current school year: its activities are judged for this calendar year
  const onTime = added.find((a) => a.code === 'activities_on_time');
  const thisYear = Number(todayIn(new Date(), process.env.ROST_TIMEZONE ?? 'Europe/Moscow').slice(0, 4));
  if (onTime && thisYear > year) await s.compute(SYSTEM, onTime.id, thisYear);
  const manual: Record<string, [number, number]> = {
    teachers_qualification: [76, 81],
    students_iom: [64, 72],
  };
  const table = await s.table(SYSTEM, region.id, 'ru');
  for (const ind of table.indicators) {
    const m = manual[ind.code ?? ''];
    if (m) {
      await s.setManual(SYSTEM, ind.id, baseYear, {
        value: m[0],
        source: 'Мониторинг ОО, форма региона',
        comment: null,
      });
      await s.setManual(SYSTEM, ind.id, year, {
        value: m[1],
        source: 'Мониторинг ОО, форма региона',
        comment: null,
      });
    }
    if (ind.code === 'activities_on_time') {
      const first = ind.values.find((v) => v.value !== null)?.year;
      if (first)
        await s.updateIndicator(
          SYSTEM,
          ind.id,
          {
            version: ind.version,
            targets: [
              { year: first, value: 80 },
              { year: first + 1, value: 90 },
            ],
          },
          'ru',
        );
      continue;
    }
    const base = m ? m[0] : ind.values.find((v) => v.year === baseYear)?.value;
    if (base === null || base === undefined) continue;
    const step = ind.direction === 'higher' ? 5 : -2;
    const clamp = (v: number) => Math.round(Math.min(100, Math.max(0, v)) * 10) / 10;
    await s.updateIndicator(
      SYSTEM,
      ind.id,
      {
        version: ind.version,
        baseline: clamp(base),
        baselineYear: baseYear,
        targets: [1, 2, 3].map((k) => ({ year: baseYear + k, value: clamp(base + step * k) })),
      },
      'ru',
    );
  }
  return { indicators: added.length };
}
