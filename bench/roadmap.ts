/**
 * npm run bench:roadmap — a region with 500 school programmes of 60 activities each (plus municipal
 * programmes), on PostgreSQL: the coordinator's overdue list (region-wide and one municipality), the
 * due-soon list and the progress figures per municipality, each run many times (median and p95),
 * against a baseline of a trivial indexed query in the same run. Aim: each under 200 ms.
 */
import { sql } from 'kysely';
import { openDatabase } from '../server/src/platform/db/index.js';
import { migrate } from '../server/src/platform/migrations/index.js';
import type { Principal } from '../server/src/platform/auth/principal.js';
import { programmesService } from '../server/src/modules/programmes/service.js';
import { freshPgDatabase } from './server.js';

const SCHOOLS = Number(process.env.BENCH_SCHOOLS || 500);
const PER = Number(process.env.BENCH_ACTIVITIES || 60);
const MUNIS = 25;
const RUNS = Number(process.env.BENCH_RUNS || 30);
const TODAY = '2024-03-15';

const url = await freshPgDatabase('rost_bench_roadmap');
const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
await migrate(database.db);
const { db } = database;

// ------------------------------------------------------------------------------ data
let seed = 7;
const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const day = (n: number) => iso(new Date(Date.UTC(2023, 8, 1) + n * 86_400_000));
const started = Date.now();
const region = await db
  .insertInto('region')
  .values({ code: '99', name: 'Регион' })
  .returning('id')
  .executeTakeFirstOrThrow();
const munis = await db
  .insertInto('municipality')
  .values(
    Array.from({ length: MUNIS }, (_, i) => ({
      region_id: region.id,
      code: `M${i}`,
      name: `Муниципалитет ${i + 1}`,
      kind: 'district' as const,
    })),
  )
  .returning('id')
  .execute();
const schools = await db
  .insertInto('school')
  .values(
    Array.from({ length: SCHOOLS }, (_, i) => ({
      municipality_id: munis[i % MUNIS]!.id,
      code: `S${i}`,
      full_name: `Школа ${i}`,
      short_name: `СОШ № ${i}`,
      type: 'СОШ',
      locality: 'rural' as const,
      settlement: 'с. Тест',
    })),
  )
  .returning(['id', 'municipality_id'])
  .execute();
const base = {
  tasks: '[]',
  stages: '[]',
  period_from: '2023-09-01',
  period_to: '2024-08-31',
  status: 'in_progress' as const,
};
const rp = await db
  .insertInto('programme')
  .values({ ...base, level: 'region', name: 'Региональная программа' })
  .returning('id')
  .executeTakeFirstOrThrow();
const mp = await db
  .insertInto('programme')
  .values(
    munis.map((m) => ({
      ...base,
      level: 'municipality' as const,
      municipality_id: m.id,
      parent_id: rp.id,
      name: 'Муниципальная программа',
    })),
  )
  .returning(['id'])
  .execute();
const programmes = await db
  .insertInto('programme')
  .values(
    schools.map((s, i) => ({
      ...base,
      level: 'school' as const,
      municipality_id: s.municipality_id,
      school_id: s.id,
      parent_id: mp[i % MUNIS]!.id,
      name: `Программа школы ${i}`,
    })),
  )
  .returning('id')
  .execute();
let activities = 0;
let occurrences = 0;
for (const p of [...programmes, ...mp]) {
  const rows = Array.from({ length: PER }, (_, k) => {
    const recurring = k % 6 === 0;
    const due = day(Math.floor(rnd() * 360));
    const past = due < TODAY;
    const status = recurring
      ? 'planned'
      : past
        ? rnd() < 0.7
          ? 'done'
          : 'overdue'
        : rnd() < 0.1
          ? 'in_progress'
          : 'planned';
    return {
      programme_id: p.id,
      number: `${1 + Math.floor(k / 10)}.${(k % 10) + 1}`,
      sort_order: k * 10,
      text: `Мероприятие ${k + 1}: методическое сопровождение и мониторинг`,
      deadline_text: recurring ? 'ежеквартально' : 'До ' + due,
      deadline_kind: recurring ? ('recurring' as const) : ('date' as const),
      deadline_review: false,
      due_from: recurring ? '2023-09-01' : null,
      due_to: recurring ? '2024-08-31' : due,
      recurring,
      status: status as 'planned',
      completed_at: status === 'done' ? new Date(`${due}T10:00:00Z`) : null,
      executors: 'Заместитель директора',
    };
  });
  const ids = await db.insertInto('activity').values(rows).returning(['id', 'recurring']).execute();
  activities += ids.length;
  const occ = ids
    .filter((a) => a.recurring)
    .flatMap((a) =>
      ['2023-09-30', '2023-12-31', '2024-03-31', '2024-06-30'].map((to, idx) => ({
        activity_id: a.id,
        idx,
        label: `${idx + 1} квартал`,
        due_from: to.slice(0, 8) + '01',
        due_to: to,
        status: (to < TODAY ? (rnd() < 0.7 ? 'done' : 'overdue') : 'planned') as 'planned',
        completed_at: to < TODAY ? new Date(`${to}T10:00:00Z`) : null,
      })),
    );
  if (occ.length) await db.insertInto('activity_occurrence').values(occ).execute();
  occurrences += occ.length;
}
await sql`analyze`.execute(db);
console.log(
  `Data: ${SCHOOLS} school programmes + ${MUNIS} municipal, ${activities} activities, ${occurrences} periods (${((Date.now() - started) / 1000).toFixed(1)} s to load)`,
);

// ------------------------------------------------------------------------------ timing
const service = programmesService(database, { now: () => new Date(`${TODAY}T09:00:00Z`) });
const who = (role: Principal['role'], municipalityId: number | null = null): Principal => ({
  id: 0,
  login: role,
  fullName: role,
  role,
  municipalityId,
  schoolId: null,
  assignedSchoolIds: [],
  locale: 'ru',
});
const regional = who('regional_coordinator');
const municipal = who('municipal_coordinator', munis[3]!.id);
const q = { days: 14, limit: 100, offset: 0 };

async function time(name: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  const p95 = ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)]!;
  return { name, median: Number(median.toFixed(2)), p95: Number(p95.toFixed(2)) };
}

const schoolId = schools[17]!.id;
const results = [
  await time('baseline: school by id (indexed)', () =>
    db.selectFrom('school').selectAll().where('id', '=', schoolId).executeTakeFirst(),
  ),
  await time('overdue list, regional coordinator (first 100 of all)', async () => {
    const r = await service.overdue(regional, q);
    if (r.total === 0) throw new Error('no overdue items');
  }),
  await time('overdue list, municipal coordinator', () => service.overdue(municipal, q)),
  await time('due-soon list (14 days), regional coordinator', () => service.dueSoon(regional, q)),
  await time('progress per municipality, regional coordinator', async () => {
    const r = await service.progressBy(regional, 'municipality', {});
    if (r.length !== MUNIS) throw new Error(`expected ${MUNIS} rows, got ${r.length}`);
  }),
  await time('progress per school, municipal coordinator', () => service.progressBy(municipal, 'school', {})),
];
console.table(results);
const ok = results.slice(1).every((r) => r.p95 < 200);
console.log(`Target (each p95 under 200 ms on PostgreSQL): ${ok ? 'met' : 'NOT met'}`);
await database.close();
