import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type Client, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/context.js';

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

function multipart(file: { name: string; data: Buffer }, mapping?: unknown) {
  const boundary = '----rost' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  if (mapping !== undefined) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n${JSON.stringify(mapping)}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function post(client: Client, url: string, file: { name: string; data: Buffer }, mapping?: unknown) {
  const m = multipart(file, mapping);
  return client.call('POST', url, m.payload, m.headers);
}

const count = async () =>
  Number(
    (
      await database.db
        .selectFrom('school')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('registry import and export', () => {
  it('imports a Windows-1251 CSV with a title row: preview suggests the mapping, commit writes all rows', async () => {
    const csv = [
      'Реестр общеобразовательных организаций на 01.09.2024',
      'Код ОО;Муниципалитет;Полное наименование;Краткое наименование;Тип ОО;Местность;Населённый пункт;Малокомплектная;Учебный год;Доля обучающихся из малообеспеченных семей, %',
      'A-10;A;Муниципальное казённое общеобразовательное учреждение "Сосновская ООШ";МКОУ "Сосновская ООШ";ООШ;сельская;с. Сосновка;да;2024/2025;41,5',
      'A-11;Альфинский муниципальный район;Муниципальное бюджетное общеобразовательное учреждение "Кедровская СОШ";МБОУ "Кедровская СОШ";средняя общеобразовательная школа;село;с. Кедровка;нет;2024;22',
    ].join('\r\n');
    const file = { name: 'реестр.csv', data: iconv.encode(csv, 'win1251') };
    const preview = await post(muni, '/api/registry/import/preview', file);
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.summary).toMatchObject({ schools: 2, newSchools: 2, problems: 0 });
    expect(body.mapping.headerRow).toBe(1);
    expect(await count()).toBe(3); // preview writes nothing
    const commit = await post(muni, '/api/registry/import/commit', file, body.mapping);
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toMatchObject({ created: 2, updated: 0, contexts: 2 });
    const ctx = await database.db
      .selectFrom('school_context')
      .innerJoin('school', 'school.id', 'school_context.school_id')
      .select(['school.code', 'school_year', 'low_income'])
      .orderBy('school.code')
      .execute();
    expect(ctx).toEqual([
      { code: 'A-10', school_year: 2024, low_income: 41.5 },
      { code: 'A-11', school_year: 2024, low_income: 22 },
    ]);
    // the same file again changes nothing
    const again = await post(muni, '/api/registry/import/commit', file, body.mapping);
    expect(again.json()).toMatchObject({ created: 0, updated: 0 });
  });

  it('lists every problem with sheet, row and column, and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('ОО');
    ws.addRow([
      'Код ОО',
      'Муниципалитет',
      'Полное наименование',
      'Краткое наименование',
      'Тип ОО',
      'Местность',
      'Населённый пункт',
      'Число смен',
    ]);
    ws.addRow([
      'A-20',
      'A',
      'Муниципальное бюджетное общеобразовательное учреждение "СОШ № 20"',
      'МБОУ "СОШ № 20"',
      'СОШ',
      'город',
      'г. Альфинск',
      1,
    ]);
    ws.addRow([
      'A-21',
      'Неизвестный район',
      'Полное имя школы',
      'Краткое',
      'колледж',
      'город',
      'г. Альфинск',
      7,
    ]);
    ws.addRow(['A-20', 'A', 'Другое имя', 'Другая', 'СОШ', 'город', 'г. Альфинск', 1]);
    const file = { name: 'ошибки.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()) };
    const before = await count();
    const preview = (await post(region, '/api/registry/import/preview', file)).json();
    const commit = await post(region, '/api/registry/import/commit', file, preview.mapping);
    expect(commit.statusCode).toBe(400);
    const res = commit.json();
    expect(res.message).toMatch(/Ничего не записано/);
    const at = res.details.map(
      (d: { sheet: string; row: number; column: string }) => `${d.sheet}!${d.column}${d.row}`,
    );
    expect(at).toEqual(expect.arrayContaining(['ОО!B3', 'ОО!E3', 'ОО!H3']));
    expect(
      res.details.some((d: { row: number; message: string }) => d.row === 4 && /A-20/.test(d.message)),
    ).toBe(true);
    expect(await count()).toBe(before);
  });

  it('refuses rows of another municipality for a municipal coordinator', async () => {
    const csv =
      'Код ОО;Муниципалитет;Полное наименование;Краткое наименование;Тип ОО;Местность;Населённый пункт\nB-30;B;Полное наименование школы Б;МБОУ "СОШ № 30";СОШ;город;г. Бетинск\n';
    const file = { name: 'b.csv', data: Buffer.from(csv) };
    const preview = (await post(muni, '/api/registry/import/preview', file)).json();
    expect(preview.problems.map((p: { key: string }) => p.key)).toContain('registry.forbiddenMunicipality');
    const commit = await post(muni, '/api/registry/import/commit', file, preview.mapping);
    expect(commit.statusCode).toBe(400);
  });

  it('refuses a file that is not a table with a Russian message', async () => {
    const res = await post(region, '/api/registry/import/preview', {
      name: 'scan.pdf',
      data: Buffer.from('%PDF-1.4\n\0\0binary'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/scan\.pdf/);
  });

  it('exports the registry to XLSX, and the export re-imports with no changes', async () => {
    const res = await region.call('GET', '/api/registry/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const file = { name: 'export.xlsx', data: res.rawPayload };
    const preview = (await post(region, '/api/registry/import/preview', file)).json();
    expect(preview.summary.problems, JSON.stringify(preview.problems.slice(0, 3))).toBe(0);
    expect(preview.summary.newSchools).toBe(0);
    const commit = await post(region, '/api/registry/import/commit', file, preview.mapping);
    expect(commit.json()).toMatchObject({ created: 0, updated: 0 });
    const teamExport = await (await signIn(app, 'team')).call('GET', '/api/registry/export');
    expect(teamExport.statusCode).toBe(403);
    void world;
  });
});
