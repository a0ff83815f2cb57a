import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type Client, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/context.js';
import { studentCsv } from './testing.js';
import { upload } from './http-testing.js';
import { CsvTokenizer, type RowBatch } from './reader.js';
import { StreamHash, hash2 } from './domain/text.js';

let database: Database;
let app: App;
let world: World;
let region: Client;
let muni: Client;

beforeAll(async () => {
  database = await testDatabase();
  world = await buildWorld(database);
  app = await testApp(database);
  region = await signIn(app, 'region');
  muni = await signIn(app, 'muni');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const aggregate = (importId: number) =>
  database.db
    .selectFrom('result_aggregate')
    .select(['below_min', 'participants', 'superseded_by'])
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();

describe('results reference data', () => {
  it('recounts «below the minimum» of aggregates derived from students when a threshold changes, audited', async () => {
    // ЕГЭ: test scores 20, 30, 40, 50; the Russian minimum is 24 → one below.
    const rows = [20, 30, 40, 50].map((test, i) => ({
      schoolCode: 'A-1',
      student: `T${i}`,
      className: '11А',
      subject: 'Русский язык',
      primary: 10,
      test,
      mark: null,
    }));
    const res = await upload(
      region,
      { name: 'ege-ru-2024.csv', data: studentCsv(rows) },
      { procedure: 'EGE', year: 2024, grade: 11 },
    );
    const { id } = res.json();
    await region.call('POST', `/api/results/imports/${id}/commit`);
    expect((await aggregate(id)).below_min).toBe(1);

    const put = await region.call('PUT', '/api/results/thresholds', {
      procedure: 'EGE',
      subject: 'ru',
      year: 2024,
      kind: 'score',
      minValue: 45,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ recomputed: 1 });
    expect((await aggregate(id)).below_min).toBe(3);
    const log = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'result_threshold')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(log)).toContain('recomputed');

    // Deleting the specific row: the general one (24 for Russian) applies again.
    const list = (await region.call('GET', '/api/results/thresholds')).json() as Array<{
      id: number;
      procedure: string;
      subject: string;
      year: number;
    }>;
    const mine = list.find((t) => t.procedure === 'EGE' && t.subject === 'ru' && t.year === 2024)!;
    await expect(muni.call('DELETE', `/api/results/thresholds/${mine.id}`)).resolves.toMatchObject({
      statusCode: 403,
    });
    const del = await region.call('DELETE', `/api/results/thresholds/${mine.id}`);
    expect(del.json()).toMatchObject({ recomputed: 1 });
    expect((await aggregate(id)).below_min).toBe(1);
  });

  it('validates a threshold with a message naming the field', async () => {
    const r = await region.call('PUT', '/api/results/thresholds', {
      procedure: 'EGE',
      subject: 'ru',
      year: 1999,
      kind: 'score',
      minValue: -1,
    });
    expect(r.statusCode).toBe(400);
    const fields = (r.json().details as Array<{ field: string; label: string }>)
      .map((d) => [d.field, d.label])
      .sort();
    expect(fields).toEqual([
      ['minValue', 'Минимальное значение'],
      ['year', 'Год'],
    ]);
    expect(r.json().message).toMatch(/Минимальное значение: .*Год: |Год: .*Минимальное значение: /);
    const mark = await region.call('PUT', '/api/results/thresholds', {
      procedure: 'VPR',
      kind: 'mark',
      minValue: 3.5,
    });
    expect(mark.statusCode).toBe(400);
    expect(mark.json()).toMatchObject({
      message: 'Минимальное значение: для порога по отметке — целое число от 2 до 5.',
      details: [{ field: 'minValue' }],
    });
  });

  it('renames a template; the name must be unique', async () => {
    const rows = [
      { schoolCode: 'A-1', student: 'R1', className: '4А', subject: 'Математика', primary: 5, mark: 3 },
    ];
    const { id } = (
      await upload(region, { name: 'vpr-t.csv', data: studentCsv(rows) }, { procedure: 'VPR', year: 2023 })
    ).json();
    const a = (await region.call('POST', '/api/results/templates', { name: 'Первый', importId: id })).json();
    await region.call('POST', '/api/results/templates', { name: 'Второй', importId: id });
    expect(
      (await region.call('PATCH', `/api/results/templates/${a.id}`, { name: 'Второй' })).statusCode,
    ).toBe(409);
    expect(
      (await region.call('PATCH', `/api/results/templates/${a.id}`, { name: 'Списки ВПР' })).statusCode,
    ).toBe(200);
    const names = (
      (await region.call('GET', '/api/results/templates')).json() as Array<{ name: string }>
    ).map((t) => t.name);
    expect(names).toContain('Списки ВПР');
  });

  it('pages the schools of a preview and counts the duplicate-file warning as a problem', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({
      schoolCode: i < 2 ? 'A-1' : `X-${i}`,
      student: `P${i}`,
      className: '5А',
      subject: 'Русский язык',
      primary: 10,
      mark: 3,
    }));
    const data = studentCsv(rows);
    const first = (await upload(region, { name: 'p.csv', data }, { procedure: 'VPR', year: 2022 })).json();
    const open = (
      await region.call('GET', `/api/results/imports/${first.id}/schools?review=open&pageSize=2&page=2`)
    ).json();
    expect(open).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(open.items).toHaveLength(1);
    await region.call('POST', `/api/results/imports/${first.id}/resolve`, {
      decisions: open.items.map((s: { key: number }) => ({ key: s.key, exclude: true })),
    });
    const decided = (
      await region.call('GET', `/api/results/imports/${first.id}/schools?review=decided`)
    ).json();
    expect(decided.total).toBe(3);
    const stillOpen = (
      await region.call('GET', `/api/results/imports/${first.id}/schools?review=open`)
    ).json();
    expect(stillOpen.total).toBe(2);
    for (const s of stillOpen.items as Array<{ key: number }>)
      await region.call('POST', `/api/results/imports/${first.id}/resolve`, {
        decisions: [{ key: s.key, exclude: true }],
      });
    expect((await region.call('POST', `/api/results/imports/${first.id}/commit`)).statusCode).toBe(200);
    const again = (await upload(region, { name: 'p.csv', data }, { procedure: 'VPR', year: 2022 })).json();
    expect(again.view.duplicateOf).toBe(first.id);
    const warnings = (again.view.problems as Array<{ key: string }>).filter(
      (p) => p.key === 'results.duplicateFile',
    );
    expect(warnings).toHaveLength(1);
    expect(again.view.counts.problems).toBeGreaterThanOrEqual(1);
    expect(again.view.counts.blocking).toBe(0);
  });

  it('shows the demo import in the history of the region', async () => {
    const imp = await database.db
      .insertInto('result_import')
      .values({
        file_name: 'Демо-регион',
        file_size: 0,
        fingerprint: '',
        status: 'committed',
        kind: 'demo',
        options: '{}',
        summary: JSON.stringify({ groups: 1, schools: 1 }),
        municipality_id: null,
        created_by: null,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const history = (await region.call('GET', '/api/results/imports?pageSize=100')).json();
    expect(history.items.map((i: { id: number }) => i.id)).toContain(imp.id);
    const mine = (await muni.call('GET', '/api/results/imports?pageSize=100')).json();
    expect(mine.items.map((i: { id: number }) => i.id)).not.toContain(imp.id);
    expect(world.schools.a1).toBeGreaterThan(0);
  });
});

describe('CSV tokenizer', () => {
  const tokenize = (pieces: string[]) => {
    const t = new CsvTokenizer(';');
    const out: RowBatch = [];
    for (const p of pieces) t.push(p, out);
    t.end(out);
    return out.map((r) => r.cells);
  };

  it('splits quoted and plain records the same however the text is cut', () => {
    const text = '\ufeffa;b;c\r\n"x;1";"say ""hi""";\r\n\r\nМБОУ "СОШ";"multi\nline";z\nlast;row';
    const expected = [
      ['a', 'b', 'c'],
      ['x;1', 'say "hi"', null],
      [null],
      ['МБОУ "СОШ"', 'multi\nline', 'z'],
      ['last', 'row'],
    ];
    expect(tokenize([text])).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++) {
      expect(tokenize([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    }
  });

  it('splits runs of quote-free lines at once, the same however the text is cut', () => {
    const text = 'a;b\r\n\r\n;x;\nя;ё\r\n1;2;3\n\nlast';
    const expected = [['a', 'b'], [null], [null, 'x', null], ['я', 'ё'], ['1', '2', '3'], [null], ['last']];
    expect(tokenize([text])).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++)
      for (let cut2 = cut + 1; cut2 < text.length; cut2 += 3)
        expect(tokenize([text.slice(0, cut), text.slice(cut, cut2), text.slice(cut2)])).toEqual(expected);
    // Line numbers stay right after a run of plain lines.
    expect(() => tokenize(['a\nb\nc\n', 'd\n"open;x\n'])).toThrow(/line 5/);
  });

  it('reads old Mac line ends and refuses an unclosed quote', () => {
    expect(tokenize(['a;b\rc;d\r'])).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(() => tokenize(['a;b\n"open;x\n'])).toThrow(/line 2/);
  });
});

describe('StreamHash', () => {
  it('gives the lanes of hash2 over the joined text (digests of earlier imports stay valid)', () => {
    const h = new StreamHash();
    for (const parts of [
      ['S01', '5А', 27, '', 5, 5],
      ['x', '', 0.5, 100, 2, 3],
      ['', '', 1000, 99.25, 1, 10],
      ['aё', 'b', 123456789, 1e21, 0, ''],
    ] as Array<Array<string | number>>) {
      h.reset();
      parts.forEach((p, i) => {
        if (i) h.sep();
        if (typeof p === 'number') h.num(p);
        else h.text(p);
      });
      expect(h.lanes()).toEqual(hash2(parts.join('|')));
    }
  });

  it('hashes a number as the characters of String(n)', () => {
    const h = new StreamHash();
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(20_000), fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        (n) => {
          h.reset();
          h.num(n);
          expect(h.lanes()).toEqual(hash2(String(n)));
        },
      ),
    );
  });
});
