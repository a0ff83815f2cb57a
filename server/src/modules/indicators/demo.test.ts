import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import type { Database } from '../../platform/db/index.js';
import { seedDemo } from '../org/demo/seed.js';
import { DEMO_INDICATORS } from './demo.js';

let database: Database;

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database, { schools: 60, seed: 5 });
});
afterAll(async () => {
  await database.close();
});

describe('demo indicators', () => {
  it('gives the regional programme its indicators with values, and every programme above a school its target schools', async () => {
    const { db } = database;
    const programmes = await db
      .selectFrom('programme')
      .select(['id', 'level', 'parent_id', 'school_id'])
      .execute();
    const region = programmes.find((p) => p.level === 'region')!;
    const targets = await db
      .selectFrom('programme_target_school')
      .select(['programme_id', 'school_id'])
      .execute();
    const targetsOf = (id: number) =>
      targets
        .filter((t) => t.programme_id === id)
        .map((t) => t.school_id)
        .sort((a, b) => a - b);
    const schoolProgrammes = programmes.filter((p) => p.level === 'school');
    expect(schoolProgrammes.length).toBeGreaterThan(0);
    expect(targetsOf(region.id)).toEqual(schoolProgrammes.map((p) => p.school_id!).sort((a, b) => a - b));
    for (const muni of programmes.filter((p) => p.level === 'municipality')) {
      const under = schoolProgrammes.filter((p) => p.parent_id === muni.id).map((p) => p.school_id!);
      expect(targetsOf(muni.id)).toEqual(under.sort((a, b) => a - b));
    }
    const indicators = await db
      .selectFrom('programme_indicator')
      .select(['id', 'code'])
      .where('programme_id', '=', region.id)
      .execute();
    expect(indicators.map((i) => i.code).sort()).toEqual([...DEMO_INDICATORS].sort());
  });
});
