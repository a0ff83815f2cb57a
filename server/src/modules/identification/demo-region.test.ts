import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import type { Database } from '../../platform/db/index.js';
import { seedDemo } from '../org/demo/seed.js';
import { parseParams } from './domain/index.js';
import { groundTruth, identificationRepository } from './repository.js';
import { compactFigures, computeOutcome, decodeFigures, encodeFigures } from './service.js';
import { scoreAgainstTruth, type Truth } from './quality.js';

/**
 * The identification on a generated demo region (~300 schools with four years of results) scored
 * against the generator's hidden truth: «ниже ожидаемого» must find schools of low latent quality
 * well above chance, and the robust (Wilson) mode must flag fewer tiny schools than the plain one.
 */
let database: Database;
let truth: Truth[];
const YEAR = 2025;

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database, { schools: 300, seed: 7 });
  truth = await groundTruth(database.db);
}, 60_000);
afterAll(async () => {
  await database.close();
});

async function computed(input: unknown) {
  const r = parseParams(input);
  if (!r.ok) throw new Error(r.errors.join(' '));
  const loaded = await identificationRepository(database.db).loadInput(YEAR, r.params);
  return computeOutcome(YEAR, r.params, loaded);
}
const outcome = async (input: unknown) => (await computed(input)).outcome;

describe('identification on the demo region', () => {
  it('finds schools of low latent quality well above chance', async () => {
    const o = await outcome({});
    const q = scoreAgainstTruth(o.schools, truth);
    expect(q.belowExpected).toBeGreaterThan(5);
    expect(q.precision).toBeGreaterThanOrEqual(2 * q.baseRate);
    expect(q.recall).toBeGreaterThanOrEqual(0.2);
  });

  it('the robust mode flags fewer schools with under 10 participants than the plain mode', async () => {
    // minParticipants 1: without the floor, the plain rule flags tiny schools on a couple of failures
    const plain = scoreAgainstTruth((await outcome({ minParticipants: 1 })).schools, truth);
    const wilson = scoreAgainstTruth((await outcome({ minParticipants: 1, mode: 'wilson' })).schools, truth);
    expect(plain.flaggedSmall).toBeGreaterThan(0);
    expect(wilson.flaggedSmall).toBeLessThan(plain.flaggedSmall);
  });

  it('stores figures compactly and reads them back as they were computed', async () => {
    for (const params of [{}, { mode: 'wilson', grades: 'per_grade', minParticipants: 1 }]) {
      const { outcome: o, notes } = await computed(params);
      for (const s of o.schools) {
        const text = encodeFigures(s, notes.get(s.schoolId));
        const full = JSON.stringify(compactFigures(s, notes.get(s.schoolId)));
        const run = { params: o.params, fit: { context: o.context, model: o.model } };
        expect(decodeFigures(text, run)).toEqual(JSON.parse(full));
        expect(text.length).toBeLessThan(full.length);
      }
    }
  });
});
