import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../test/db.js';
import { buildWorld, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import { insertContext, insertResults } from './testing.js';
import { identificationRepository, parseResults } from './repository.js';
import { computeOutcome } from './service.js';
import { DEFAULT_PARAMS, NO_GRADE, fingerprintContext, identify, rowAt } from './domain/index.js';

/**
 * The input as the repository reads it (columns, in the fingerprint's order, hashed as read): the
 * data fingerprint changes with any relevant value of any row, and not with the order of rows.
 */
let database: Database;
let w: World;

beforeAll(async () => {
  database = await testDatabase();
  w = await buildWorld(database);
  const { a1, a2, b1 } = w.schools;
  await insertResults(database, [
    { schoolId: a1, procedure: 'VPR', subject: 'ru', grade: 5, year: 2025, participants: 40, belowMin: 16 },
    { schoolId: a1, procedure: 'VPR', subject: 'ru', grade: 6, year: 2025, participants: 35, belowMin: 5 },
    { schoolId: a1, procedure: 'OGE', subject: 'math', grade: 9, year: 2025, participants: 20, belowMin: 8 },
    { schoolId: a1, procedure: 'VPR', subject: 'ru', grade: 5, year: 2024, participants: 40, belowMin: 4 },
    {
      schoolId: a2,
      procedure: 'EGE',
      subject: 'math_base',
      grade: 11,
      year: 2025,
      participants: 12,
      belowMin: 1,
    },
    {
      schoolId: a2,
      procedure: 'EGE',
      subject: 'math_profile',
      grade: 11,
      year: 2025,
      participants: 9,
      belowMin: 4,
    },
    {
      schoolId: a2,
      procedure: 'REGIONAL',
      subject: 'ru',
      grade: 6,
      year: 2025,
      participants: 25,
      belowMin: null,
    },
    { schoolId: b1, procedure: 'VPR', subject: 'math', grade: 6, year: 2024, participants: 20, belowMin: 7 },
    { schoolId: b1, procedure: 'VPR', subject: 'math', grade: 6, year: 2025, participants: 20, belowMin: 7 },
    // outside the run: another year, a subject not chosen
    { schoolId: b1, procedure: 'VPR', subject: 'math', grade: 6, year: 2023, participants: 20, belowMin: 9 },
  ]);
  await sql`update result_aggregate set mean_score = 3.456 where school_id = ${a1} and grade = 5 and year = 2025`.execute(
    database.db,
  );
  await sql`update result_aggregate set mark2 = 7, mark3 = 6, mark4 = 5, mark5 = 2
    where school_id = ${b1} and year = 2025`.execute(database.db);
  await insertContext(database, a1, 2024, { low_income: 30, single_parent: 20, parents_higher_ed: 10 });
  await insertContext(database, a2, 2024, { low_income: 10, single_parent: 10, parents_higher_ed: 40 });
}, 60_000);
afterAll(async () => {
  await database.close();
});

const load = () => identificationRepository(database.db).loadInput(2025, DEFAULT_PARAMS);
const fp = async () => computeOutcome(2025, DEFAULT_PARAMS, await load()).outcome.fingerprint;

describe('the input of a run', () => {
  it('comes as columns in the fingerprint order, the rows without a threshold apart', async () => {
    const input = await load();
    const rows = Array.from({ length: input.results.length }, (_, i) => rowAt(input.results, i));
    const { a1, a2, b1 } = w.schools;
    expect(rows.map((r) => [r.schoolId, r.procedure, r.subject, r.grade, r.year])).toEqual(
      [
        [a1, 'OGE', 'math', 9, 2025],
        [a1, 'VPR', 'ru', 5, 2024],
        [a1, 'VPR', 'ru', 5, 2025],
        [a1, 'VPR', 'ru', 6, 2025],
        [a2, 'EGE', 'math_base', 11, 2025],
        [a2, 'EGE', 'math_profile', 11, 2025],
        [b1, 'VPR', 'math', 6, 2024],
        [b1, 'VPR', 'math', 6, 2025],
      ].sort((x, y) => (x[0] as number) - (y[0] as number)),
    );
    expect(rows.find((r) => r.schoolId === a1 && r.grade === 5 && r.year === 2025)!.meanScore).toBe(3.456);
    expect(rows.find((r) => r.schoolId === b1 && r.year === 2025)!.meanScore).toBe(
      (2 * 7 + 3 * 6 + 4 * 5 + 5 * 2) / 20,
    );
    expect(input.unjudged).toEqual([
      { schoolId: a2, procedure: 'REGIONAL', subject: 'ru', grade: 6, year: 2025 },
    ]);
    expect(input.contextText).toEqual(fingerprintContext(input.context));
  });

  it('gives the same outcome as the same rows given as objects', async () => {
    const input = await load();
    const base = { year: 2025, params: DEFAULT_PARAMS, schools: input.schools, context: input.context };
    const cols = identify({ ...base, results: input.results });
    const objs = identify({
      ...base,
      results: Array.from({ length: input.results.length }, (_, i) => rowAt(input.results, i)),
    });
    expect(cols.schools).toEqual(objs.schools);
    expect(cols.model).toEqual(objs.model);
  });

  it('has a fingerprint that changes with any relevant value of any row, and back', async () => {
    const before = await fp();
    expect(await fp()).toBe(before);
    const { a1, a2 } = w.schools;
    const changes: Array<[string, string]> = [
      ['participants = participants + 1', 'participants = participants - 1'],
      ['below_min = below_min + 1', 'below_min = below_min - 1'],
      ['mean_score = 3.457', 'mean_score = 3.456'],
      ['grade = 7', 'grade = 5'],
      ['subject = $$math$$', 'subject = $$ru$$'],
      ['procedure = $$REGIONAL$$', 'procedure = $$VPR$$'],
      ['below_min = null', 'below_min = 16'],
    ];
    const where = sql`school_id = ${a1} and grade = 5 and year = 2025 and superseded_by is null`;
    for (const [change, undo] of changes) {
      await sql`update result_aggregate set ${sql.raw(change)} where ${where}`.execute(database.db);
      expect(await fp(), change).not.toBe(before);
      await sql`update result_aggregate set ${sql.raw(undo)}
        where school_id = ${a1} and year = 2025 and superseded_by is null and mean_score is not null`.execute(
        database.db,
      );
      expect(await fp(), undo).toBe(before);
    }
    // a row without a threshold, the marks behind a mean, a new row, a school leaving
    await sql`update result_aggregate set participants = 26 where school_id = ${a2} and procedure = 'REGIONAL'`.execute(
      database.db,
    );
    expect(await fp()).not.toBe(before);
    await sql`update result_aggregate set participants = 25 where school_id = ${a2} and procedure = 'REGIONAL'`.execute(
      database.db,
    );
    expect(await fp()).toBe(before);
    await insertResults(database, [
      { schoolId: a2, procedure: 'OGE', subject: 'ru', grade: 9, year: 2024, participants: 10, belowMin: 0 },
    ]);
    const added = await fp();
    expect(added).not.toBe(before);
    await sql`update school set active = false where id = ${a2}`.execute(database.db);
    expect(await fp()).not.toBe(added);
    await sql`update school set active = true where id = ${a2}`.execute(database.db);
    expect(await fp()).toBe(added);
  });

  it('reads the same in slices of the table on several connections in one snapshot (PostgreSQL)', async () => {
    if (!database.pgPool) return;
    const repo = identificationRepository(database.db, database.pgPool);
    const one = await load();
    // 8: more slices than connections, two or more read one after the other on a connection
    for (const slices of [2, 3, 8]) {
      const sliced = await repo.loadInput(2025, DEFAULT_PARAMS, { slices });
      expect(sliced.resultsDigest).toBe(one.resultsDigest);
      expect(sliced.results).toEqual(one.results);
      expect(sliced.schools).toEqual(one.schools);
      expect(sliced.context).toEqual(one.context);
      expect(sliced.contextText).toEqual(one.contextText);
      expect(sliced.unjudged).toEqual(one.unjudged);
    }
  });

  it('reads decimals exactly as Number does', () => {
    const values = ['3.456', '61.500', '0', '4', '3.5714285714285716', '1e-7', '0.1', '123456.789012345'];
    const text = values.map((v, i) => `${i + 1},1,10,,${v}`).join(',');
    const c = parseResults(text, values.length, ['VPR'], ['ru'], 2025);
    expect(Array.from(c.mean)).toEqual(values.map(Number));
    expect(Number.isNaN(c.belowMin[0]!)).toBe(true);
    expect(c.school[7]).toBe(8);
  });

  it('reads procedure, subject, grade and year from the row key', () => {
    // ((procedure · 3 + subject) · 256 + grade) · 2 + year − 2024
    const rows = [
      [0, 0, 0, 2024],
      [1, 2, 11, 2025],
      [1, 0, 5, 2024],
      [0, 1, 9, 2025],
    ] as const;
    const text = rows
      .map(([p, s, g, y], i) => `${i + 1},${((p * 3 + s) * 256 + g) * 2 + y - 2024},10,2,`)
      .join(',');
    const c = parseResults(text, rows.length, ['OGE', 'VPR'], ['math', 'math_base', 'ru'], 2025);
    expect(Array.from(c.procedure)).toEqual(rows.map((r) => r[0]));
    expect(Array.from(c.subject)).toEqual(rows.map((r) => r[1]));
    expect(Array.from(c.grade)).toEqual(rows.map((r) => (r[2] === 0 ? NO_GRADE : r[2])));
    expect(Array.from(c.year)).toEqual(rows.map((r) => r[3]));
    expect(Array.from(c.belowMin)).toEqual([2, 2, 2, 2]);
    expect(Number.isNaN(c.mean[3]!)).toBe(true);
  });
});
