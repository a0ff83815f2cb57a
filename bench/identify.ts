/**
 * npm run bench:identify — the identification at national scale on PostgreSQL: 45,000 generated
 * schools (the demo generator) with four years of results of every procedure (the results demo
 * generator), cached in the database `rost_bench_identify` and reused while it holds the same
 * seed and size. Times a full run (load + identify + store, through the service, as the API and
 * the CLI run it) against a hand-written SQL query of the plain 30 % rule as the baseline, prints
 * both and the ratio, and the quality of the identification against the generator's hidden truth
 * (precision and recall of «ниже ожидаемого» for the bottom 15 % of latent quality, the share of
 * ШНОР schools with fewer than 10 participants) for the published rule and the robust mode.
 * Aim: a full run under 10 s and within 3× of the baseline.
 *
 * BENCH_SCHOOLS (45000), BENCH_SEED (42), BENCH_YEAR (2025); BENCH_REBUILD=1 rebuilds the data.
 */
import { sql } from 'kysely';
import type { Database } from '../server/src/platform/db/index.js';
import type { Principal } from '../server/src/platform/auth/principal.js';
import { identificationService, computeOutcome } from '../server/src/modules/identification/service.js';
import { groundTruth, identificationRepository } from '../server/src/modules/identification/repository.js';
import { scoreAgainstTruth, type Quality } from '../server/src/modules/identification/quality.js';
import {
  DEFAULT_PARAMS,
  parseParams,
  type Category,
} from '../server/src/modules/identification/domain/index.js';
import { cachedDemoDatabase } from './server.js';

const SCHOOLS = Number(process.env.BENCH_SCHOOLS || 45_000);
const SEED = Number(process.env.BENCH_SEED || 42);
const YEAR = Number(process.env.BENCH_YEAR || 2025);
const DB_NAME = 'rost_bench_identify';

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
const f = (x: number, d = 2) => x.toFixed(d);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The cached dataset, built when missing or of another seed/size. */
const dataset = () => cachedDemoDatabase(DB_NAME, { schools: SCHOOLS, seed: SEED });

/** The plain 30 % rule by hand in SQL: pooled grades, ru or math, ≥ 10 participants, clauses А and Б. */
async function baseline(database: Database): Promise<number[]> {
  const r = await sql<{ school_id: number }>`
    with cells as (
      select a.school_id, a.procedure, a.year,
        case when a.subject in ('math_base', 'math_profile') then 'math' else a.subject end as subject,
        sum(a.participants) as n, sum(a.below_min) as b
      from result_aggregate a join school s on s.id = a.school_id and s.active
      where a.superseded_by is null and a.year in (${YEAR - 1}, ${YEAR}) and a.below_min is not null
        and a.procedure in ('VPR', 'OGE', 'EGE', 'REGIONAL') and a.subject in ('ru', 'math', 'math_base', 'math_profile')
      group by 1, 2, 3, 4
    ), met as (
      select distinct school_id, procedure, year from cells where n >= 10 and b >= 0.3 * n - 1e-9
    )
    select school_id from met where year = ${YEAR} group by school_id having count(distinct procedure) >= 2
    union
    select a.school_id from met a join met b
      on b.school_id = a.school_id and b.procedure = a.procedure and a.year = ${YEAR - 1} and b.year = ${YEAR}
    order by 1`.execute(database.db);
  return r.rows.map((x) => x.school_id);
}

function qualityLine(name: string, q: Quality) {
  return (
    `  ${name.padEnd(34)} «ниже ожидаемого»: ${String(q.belowExpected).padStart(5)} школ, точность ${pct(q.precision)} ` +
    `(случайно ${pct(q.baseRate)}), полнота ${pct(q.recall)}; ШНОР: ${q.flagged}, из них < 10 участников: ${q.flaggedSmall} (${pct(q.flaggedSmallShare)})`
  );
}

async function main() {
  const database = await dataset();
  try {
    const counts = await sql<{ schools: number; rows: number }>`
      select (select count(*) from school)::int as schools, (select count(*) from result_aggregate)::int as rows`.execute(
      database.db,
    );
    console.log(
      `Школ: ${counts.rows[0]!.schools}, строк результатов: ${counts.rows[0]!.rows}; год отбора ${YEAR}.`,
    );

    // warm-up of the plans and the JIT on a small query, not timed
    await baseline(database);

    const tb = performance.now();
    const flaggedSql = await baseline(database);
    const baseSeconds = secs(tb);

    const stages: Record<string, number> = {};
    let last = performance.now();
    let current = '';
    const t0 = performance.now();
    const { runId } = await identificationService(database).run(
      SYSTEM,
      { year: YEAR, params: {} },
      (stage) => {
        if (current) stages[current] = secs(last);
        current = stage;
        last = performance.now();
      },
    );
    stages[current] = secs(last);
    const runSeconds = secs(t0);

    // the run's schools as stored (the service keeps none of them in memory), read after timing
    const stored = (
      await sql<{ school_id: number; categories: Category[]; participants: number }>`
        select school_id, categories, participants from identification_run_school
        where run_id = ${runId} order by school_id`.execute(database.db)
    ).rows.map((r) => ({
      schoolId: r.school_id,
      categories: r.categories,
      model: { participants: r.participants },
    }));
    const flaggedRun = stored.filter((s) => s.categories.includes('low_results')).map((s) => s.schoolId);
    const same = flaggedRun.length === flaggedSql.length && flaggedRun.every((id, i) => id === flaggedSql[i]);
    console.log('');
    console.log(`Базовый SQL (простое правило 30 %):  ${f(baseSeconds)} с, ШНОР: ${flaggedSql.length}`);
    console.log(
      `Полный запуск № ${runId} (загрузка + отбор + запись): ${f(runSeconds)} с ` +
        `(загрузка ${f(stages.loading ?? 0)}, расчёт ${f(stages.computing ?? 0)}, запись ${f(stages.saving ?? 0)}), ШНОР: ${flaggedRun.length}`,
    );
    console.log(`Отношение к базовому: ${f(runSeconds / baseSeconds, 1)}×  (цель: < 10 с и ≤ 3×)`);
    console.log(`Совпадение ШНОР с базовым SQL: ${same ? 'полное' : 'нет'}`);

    const truth = await groundTruth(database.db);
    const repo = identificationRepository(database.db, database.pgPool);
    const wilsonParams = parseParams({ mode: 'wilson' });
    if (!wilsonParams.ok) throw new Error(wilsonParams.errors.join(' '));
    const wilson = computeOutcome(
      YEAR,
      wilsonParams.params,
      await repo.loadInput(YEAR, wilsonParams.params),
    ).outcome;
    console.log('');
    console.log(
      `Качество против скрытой истины генератора (нижние 15 % по latent_quality, ${truth.length} школ):`,
    );
    console.log(qualityLine('опубликованное правило (plain):', scoreAgainstTruth(stored, truth)));
    console.log(qualityLine('устойчивый режим (wilson):', scoreAgainstTruth(wilson.schools, truth)));
    const noFloor = parseParams({ ...DEFAULT_PARAMS, minParticipants: 1 });
    const noFloorW = parseParams({ ...DEFAULT_PARAMS, minParticipants: 1, mode: 'wilson' });
    if (noFloor.ok && noFloorW.ok) {
      const input = await repo.loadInput(YEAR, noFloor.params);
      console.log(
        qualityLine(
          'без минимума участников, plain:',
          scoreAgainstTruth(computeOutcome(YEAR, noFloor.params, input).outcome.schools, truth),
        ),
      );
      console.log(
        qualityLine(
          'без минимума участников, wilson:',
          scoreAgainstTruth(computeOutcome(YEAR, noFloorW.params, input).outcome.schools, truth),
        ),
      );
    }
    // The measured run is not kept: the cached dataset stays as it was. Its 45,000 deleted rows are
    // vacuumed at once (left to autovacuum, dozens of runs had bloated the table to 2.5 GB and
    // slowed the next runs' writes).
    await sql`delete from identification_run_school where run_id = ${runId}`.execute(database.db);
    await sql`delete from identification_run where id = ${runId}`.execute(database.db);
    await sql`vacuum identification_run_school`.execute(database.db);
  } finally {
    await database.close();
  }
}

await main();
