/**
 * npm run bench:indicators — every computed catalogue indicator of a regional programme that covers
 * all schools, computed for one year through the service (load, compute, roll up, fingerprint and
 * store with per-school parts, as the API and `rost indicators compute` do), for a region of 500
 * schools and a national-scale dataset of 45,000, on PostgreSQL. The demo generator's data (four
 * years of results) is cached in `rost_bench_indicators_<N>` and reused while it holds the same
 * seed and size; approved identification lists for the year and the year before are added, so
 * the list indicators have data. The baseline, in the same run, is one hand-written SQL query
 * that sums numerators and denominators of one results indicator per school.
 * Aim: region under 2 s, national under 30 s.
 *
 * BENCH_SIZES (500,45000), BENCH_SEED (42), BENCH_YEAR (2025); BENCH_REBUILD=1 rebuilds the data.
 */
import { sql } from 'kysely';
import type { Database } from '../server/src/platform/db/index.js';
import type { Principal } from '../server/src/platform/auth/principal.js';
import { indicatorsService } from '../server/src/modules/indicators/service.js';
import { BUILTIN_DEFINITIONS } from '../server/src/modules/indicators/domain/index.js';
import { cachedDemoDatabase } from './server.js';

const SIZES = (process.env.BENCH_SIZES || '500,45000').split(',').map(Number);
const SEED = Number(process.env.BENCH_SEED || 42);
const YEAR = Number(process.env.BENCH_YEAR || 2025);
const AIM: Record<number, number> = { 500: 2, 45000: 30 };

const SYSTEM: Principal = {
  id: 0,
  login: 'bench',
  fullName: 'Бенчмарк',
  role: 'regional_coordinator',
  municipalityId: null,
  schoolId: null,
  assignedSchoolIds: [],
  locale: 'ru',
};
const secs = (t0: number) => (performance.now() - t0) / 1000;

const dataset = (schools: number) =>
  cachedDemoDatabase(`rost_bench_indicators_${schools}`, { schools, seed: SEED, extra: approvedLists });

/** Approved lists of YEAR−1 and YEAR: a deterministic 12 % of schools, two thirds of them again. */
async function approvedLists(database: Database) {
  for (const [year, mod] of [
    [YEAR - 1, 8],
    [YEAR, 12],
  ] as const) {
    const run = await sql<{ id: number }>`
      insert into identification_run (year, params, fingerprint, list_status, order_number, order_date, approved_at)
      values (${year}, '{}'::jsonb, 'bench', 'approved', ${`${year}-од`}, ${`${year}-06-30`}, now()) returning id`.execute(
      database.db,
    );
    await sql`
      insert into identification_run_school (run_id, school_id, municipality_id, display, in_list, rule_status, figures, explanation)
      select ${run.rows[0]!.id}, s.id, s.municipality_id, case when s.id % ${mod} = 0 then 'low_results' else 'none' end,
        s.id % ${mod} = 0, 'bench', '{}'::jsonb, '[]'::jsonb
      from school s`.execute(database.db);
  }
}

/** The programme over every school with every computed catalogue indicator (made once per dataset). */
async function benchProgramme(database: Database): Promise<number> {
  const { db } = database;
  const found = await db
    .selectFrom('programme')
    .select('id')
    .where('name', '=', 'Бенчмарк показателей')
    .executeTakeFirst();
  if (found) return found.id;
  const g = await db
    .insertInto('programme')
    .values({
      level: 'region',
      status: 'in_progress',
      name: 'Бенчмарк показателей',
      tasks: '[]',
      stages: '[]',
      period_from: `${YEAR - 1}-09-01`,
      period_to: `${YEAR + 2}-08-31`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into programme_target_school (programme_id, school_id) select ${g.id}, id from school`.execute(
    db,
  );
  const s = indicatorsService(database);
  for (const d of BUILTIN_DEFINITIONS.filter((x) => x.method === 'computed'))
    await s.addIndicator(
      SYSTEM,
      g.id,
      { code: d.code, baseline: null, baselineYear: null, targets: [] },
      'ru',
    );
  return g.id;
}

/** The baseline: ОГЭ below-minimum numerator and denominator per school for the year, in one query. */
async function baseline(database: Database, programmeId: number) {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from (
      select a.school_id, sum(a.below_min) as num, sum(a.participants) as den
      from result_aggregate a join programme_target_school t on t.school_id = a.school_id and t.programme_id = ${programmeId}
      where a.superseded_by is null and a.year = ${YEAR} and a.procedure = 'OGE' and a.subject in ('ru', 'math')
      group by a.school_id) x`.execute(database.db);
  return r.rows[0]!.n;
}

async function main() {
  const lines: string[] = [];
  for (const size of SIZES) {
    const database = await dataset(size);
    try {
      const programmeId = await benchProgramme(database);
      const counts = await sql<{ schools: number; rows: number; items: number }>`
        select (select count(*) from programme_target_school where programme_id = ${programmeId})::int as schools,
          (select count(*) from result_aggregate where superseded_by is null)::int as rows,
          (select count(*) from activity)::int + (select count(*) from activity_occurrence)::int as items`.execute(
        database.db,
      );
      const c = counts.rows[0]!;
      console.log(
        `\n${size} школ: в программе ${c.schools}, строк результатов ${c.rows}, мероприятий и периодов ${c.items}.`,
      );
      const s = indicatorsService(database);
      await baseline(database, programmeId); // warm-up
      await s.computeProgramme(SYSTEM, programmeId, YEAR); // warm-up (plans, JIT)
      const tb = performance.now();
      await baseline(database, programmeId);
      const base = secs(tb);
      const t0 = performance.now();
      const values = await s.computeProgramme(SYSTEM, programmeId, YEAR);
      const full = secs(t0);
      for (const v of values)
        console.log(
          `  ${v.name.slice(0, 90).padEnd(90)} ${v.value === null ? 'нет данных' : v.value.toFixed(1).padStart(6)}`,
        );
      const aim = AIM[size];
      const line =
        `${String(size).padStart(6)} школ: ${values.length} показателей за ${full.toFixed(2)} с ` +
        `(базовый SQL-запрос одного показателя ${(base * 1000).toFixed(0)} мс; на показатель ${((full / values.length) * 1000).toFixed(0)} мс, ` +
        `${(full / values.length / base).toFixed(1)}× базового)` +
        (aim ? ` — цель < ${aim} с: ${full < aim ? 'выполнена' : 'НЕ выполнена'}` : '');
      console.log(line);
      lines.push(line);
    } finally {
      await database.close();
    }
  }
  console.log(`\nИтог (PostgreSQL, год ${YEAR}):\n${lines.join('\n')}`);
}

await main();
