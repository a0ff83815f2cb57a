import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type Client } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/context.js';

/** Sorting the schools list by name ignores the legal form and quotes, on both storages. */
let database: Database;
let app: App;
let region: Client;

// In the order a user expects; inserted shuffled. The world's three schools are «МБОУ "…"» too.
const EXPECTED = [
  'АНОО "Альфа"',
  'МАОУ "Берёзовская СОШ"',
  'МАОУ «Гимназия № 2»',
  'МКОУ "Гимназия № 10"',
  'МБОУ "Ёлкинская ООШ"',
  'МБОУ "Ельцовская СОШ"',
  'ГБОУ Ивановская СОШ',
  'ФГБОУ "Лицей"',
  'МБОУ "Петровская СОШ"', // the world's A-2
  'МКОУ "СОШ № 1"',
  'МБОУ "СОШ № 1 с. Ивановка"', // the world's A-1
  'МБОУ "СОШ №2"',
  'МБОУ "СОШ № 5 г. Бетинска"', // the world's B-1
  'МАОУ "СОШ № 10"',
  'ЧОУ "Школа Радуга"',
];
const WORLD = ['МБОУ "Петровская СОШ"', 'МБОУ "СОШ № 1 с. Ивановка"', 'МБОУ "СОШ № 5 г. Бетинска"'];
/** The other names, shuffled, and «МКОУ "СОШ № 1"» twice: a tie (both sort as «сош 1»). */
const INSERTED = [13, 0, 9, 3, 7, 5, 14, 1, 11, 6, 2, 4, 9].map((i) => EXPECTED[i]!);

beforeAll(async () => {
  database = await testDatabase();
  const world = await buildWorld(database);
  await database.db
    .insertInto('school')
    .values(
      INSERTED.map((n, i) => ({
        municipality_id: i % 2 ? world.municipalities.a : world.municipalities.b,
        code: `S-${i}`,
        full_name: n,
        short_name: n,
        type: 'СОШ',
        locality: 'urban' as const,
        settlement: 'г. Северогорск',
      })),
    )
    .execute();
  app = await testApp(database);
  region = await signIn(app, 'region');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

type Page = { total: number; items: Array<{ id: number; shortName: string }> };
const list = async (query: string): Promise<Page> =>
  (await region.call('GET', `/api/schools?${query}`)).json();

describe('schools sorted by name', () => {
  it('ignore the legal form, quotes, Ё and the № sign, and order numbers as numbers', async () => {
    expect(new Set([...WORLD, ...INSERTED])).toEqual(new Set(EXPECTED));
    const all = await list('sort=name&pageSize=200');
    const expected = EXPECTED.flatMap((n) => (n === 'МКОУ "СОШ № 1"' ? [n, n] : [n]));
    expect(all.items.map((s) => s.shortName)).toEqual(expected);
    // the tie keeps its order by id
    const ties = all.items.filter((s) => s.shortName === 'МКОУ "СОШ № 1"').map((s) => s.id);
    expect(ties).toEqual([...ties].sort((a, b) => a - b));

    const desc = await list('sort=name&order=desc&pageSize=200');
    expect(desc.items.map((s) => s.shortName)).toEqual([...expected].reverse());
  });

  it('pages through the same order, without repeats or gaps', async () => {
    const all = (await list('sort=name&pageSize=200')).items.map((s) => s.id);
    const paged: number[] = [];
    for (let page = 1; paged.length < all.length; page++) {
      const p = await list(`sort=name&pageSize=4&page=${page}`);
      expect(p.total).toBe(all.length);
      expect(p.items.length).toBeGreaterThan(0);
      paged.push(...p.items.map((s) => s.id));
    }
    expect(paged).toEqual(all);
  });
});
