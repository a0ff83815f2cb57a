import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseNumberRu } from '../../../platform/tabular/read.js';
import { parseResults } from '../parse.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bufferSource, fileSource } from '../reader.js';
import { SchoolMatcher } from './match.js';
import { isNumberingRow, measureOf } from './layout.js';
import { egeReportXlsx, nationalTestCsv, studentCsv, testCatalog, type FixtureSchool } from '../testing.js';
import type { ImportMapping } from './layout.js';

const registry = [
  {
    id: 1,
    code: '105201',
    municipalityId: 1,
    shortName: 'МБОУ "СОШ № 1 с. Ивановка"',
    fullName:
      'Муниципальное бюджетное общеобразовательное учреждение "Средняя общеобразовательная школа № 1 с. Ивановка"',
  },
  {
    id: 2,
    code: '105202',
    municipalityId: 1,
    shortName: 'МБОУ "Петровская СОШ"',
    fullName:
      'Муниципальное бюджетное общеобразовательное учреждение "Петровская средняя общеобразовательная школа"',
  },
  {
    id: 3,
    code: '205001',
    municipalityId: 2,
    shortName: 'МБОУ "СОШ № 5 г. Бетинска"',
    fullName:
      'Муниципальное бюджетное общеобразовательное учреждение "Средняя общеобразовательная школа № 5 г. Бетинска"',
  },
];
const municipalities = [
  { id: 1, code: 'A', name: 'Альфинский муниципальный район' },
  { id: 2, code: 'B', name: 'городской округ Бетинск' },
];
const matcher = () => new SchoolMatcher(registry, municipalities, []);

function parse(fileName: string, data: Buffer, mapping: ImportMapping = {}) {
  return parseResults({
    fileName,
    source: bufferSource(data),
    catalog: testCatalog(),
    matcher: matcher(),
    mapping,
  });
}

const schools: FixtureSchool[] = [
  {
    municipality: 'Альфинский район',
    name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа №1 с.Ивановка»',
    code: '105201',
  },
  { municipality: 'Альфинский район', name: 'МБОУ Петровская СОШ', code: '105202' },
  { municipality: 'город Бетинск', name: 'МБОУ "СОШ № 5 г.Бетинска"', code: '205001' },
  { municipality: 'город Бетинск', name: 'ФКОУ "СОШ УФСИН"', code: '999999' },
];
const ege = (year: number, i: number, k: number) =>
  i === 3 && k > 0
    ? null
    : {
        participants: 10 + i + k,
        below: k === 1 ? 2 : 0,
        high80: i === 0 ? 3 : 0,
        high100: 0,
        mean: 55.5 + i + year - 2022,
      };

describe('header detection on a regional ЕГЭ report', () => {
  it('reads three merged header rows, skips totals and the registrations sheet, takes the year from each sheet', async () => {
    const out = await parse('ege-report.xlsx', await egeReportXlsx(schools, [2022, 2023], ege));
    const sheets = Object.fromEntries(out.sheets.map((s) => [s.sheet, s]));
    expect(sheets['2024']!.kind).toBeNull();
    expect(out.problems.find((p) => p.sheet === '2024')).toMatchObject({
      key: 'results.noResultColumns',
      severity: 'warning',
    });
    expect(sheets['2023']).toMatchObject({
      procedure: 'EGE',
      year: 2023,
      grade: 11,
      headerRows: [6, 8],
      subjects: ['ru', 'math_profile', 'social'],
    });
    expect(out.stats.skippedTotals).toBe(2 * (1 + 2)); // regional total + two municipal subtotals per sheet
    // 4 schools × 3 subjects − 2 empty groups, per year
    expect(out.groups).toHaveLength(2 * 10);
    const g = out.groups.find((x) => x.year === 2023 && x.subject === 'math_profile' && x.schoolKey === 1)!;
    expect(g.figures).toMatchObject({
      participants: 11,
      belowMin: 2,
      high80: 3,
      high100: 0,
      meanScore: 56.5,
    });
    // an empty «не преодолен» cell next to participants means 0
    expect(
      out.groups.find((x) => x.year === 2023 && x.subject === 'ru' && x.schoolKey === 1)!.figures.belowMin,
    ).toBe(0);
    // name variants match the registry within the municipality; the federal school does not
    expect(out.schools.map((s) => s.match.status)).toEqual(['name', 'name', 'name', 'unmatched']);
    expect(out.schools[0]!.match.schoolId).toBe(1);
    expect(out.schools[2]!.match.municipalityId).toBe(2);
    expect(out.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('reports cells that are not numbers, counts above the participants, with sheet, row and column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('ЕГЭ 2023');
    ws.addRow(['Муниципалитет', 'ОО', 'Русский язык', null, null]);
    ws.addRow([null, null, 'приняло участие', 'не набрали минимальный балл', 'средний балл']);
    ws.mergeCells('A1:A2');
    ws.mergeCells('B1:B2');
    ws.mergeCells('C1:E1');
    ws.addRow(['Альфинский район', 'МБОУ Петровская СОШ', 'двадцать', 1, 60]);
    ws.addRow(['Альфинский район', 'СОШ № 1 с. Ивановка', 10, 12, 60]);
    ws.addRow(['Альфинский район', 'СОШ № 1 с. Ивановка', 10, 1, 160]);
    const out = await parse('ошибки.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const at = out.problems.map((p) => `${p.sheet}!${p.column}${p.row}:${p.key}`);
    expect(at).toEqual(
      expect.arrayContaining([
        'ЕГЭ 2023!C3:results.notNumber',
        'ЕГЭ 2023!D4:results.belowMinExceeds',
        'ЕГЭ 2023!E5:results.outOfRange',
      ]),
    );
    expect(out.problems.find((p) => p.key === 'results.notNumber')!.params).toMatchObject({
      value: 'двадцать',
    });
  });
});

describe('a national test whose layout changes between years', () => {
  const fig = (i: number, s: 'РЯ' | 'МАТ') => ({ participants: 20 + i, mean: s === 'РЯ' ? 61.25 + i : 48.5 });
  for (const [layout, year] of [
    ['inline', 2018],
    ['below', 2021],
    ['above', 2023],
  ] as const) {
    it(`reads the ${year} layout (${layout}) from Windows-1251`, async () => {
      const out = await parse(
        `diagnostika-7-${year}.csv`,
        nationalTestCsv(layout, year, schools.slice(0, 3), fig),
        {
          procedure: 'REGIONAL',
          grade: 7,
        },
      );
      expect(out.format).toBe('csv');
      expect(out.sheets[0]).toMatchObject({ kind: 'aggregate', year, procedure: 'REGIONAL', grade: 7 });
      expect(out.sheets[0]!.subjects.sort()).toEqual(['math', 'ru']);
      expect(out.groups).toHaveLength(6);
      expect(out.groups.find((g) => g.subject === 'ru' && g.schoolKey === 2)!.figures).toMatchObject({
        participants: 21,
        meanScore: 62.25,
      });
      // codes match even when written with spaces
      expect(out.schools.map((s) => s.match.status)).toEqual(['code', 'code', 'code']);
      expect(out.problems.filter((p) => p.severity === 'error')).toEqual([]);
    });
  }

  it('asks for the procedure and grade when nothing names them', async () => {
    const out = await parse('table.csv', nationalTestCsv('below', 2021, schools.slice(0, 1), fig));
    expect(out.problems.map((p) => p.key)).toContain('results.noProcedure');
    expect(out.groups).toHaveLength(0);
  });
});

describe('student-level lists', () => {
  it('aggregate to school results with the threshold, and keep the rows', async () => {
    const rows = [
      {
        schoolCode: '105201',
        student: 'S1',
        className: '5А',
        subject: 'Русский язык',
        primary: 10,
        mark: 2,
        journal: 3,
      },
      {
        schoolCode: '105201',
        student: 'S2',
        className: '5А',
        subject: 'Русский язык',
        primary: 30,
        mark: 4,
        journal: 4,
      },
      {
        schoolCode: '105201',
        student: 'S3',
        className: '5Б',
        subject: 'Русский язык',
        primary: 40,
        mark: 5,
        journal: 5,
      },
      {
        schoolCode: '105201',
        student: 'S1',
        className: '5А',
        subject: 'математика',
        primary: 5,
        mark: 3,
        journal: 4,
      },
      {
        schoolCode: '205001',
        student: 'S9',
        className: '5 а',
        subject: 'Русский язык',
        primary: 20,
        mark: 3,
        journal: 3,
      },
    ];
    const kept: unknown[] = [];
    const out = await parseResults({
      fileName: 'vpr-5-2024.csv',
      source: bufferSource(studentCsv(rows)),
      catalog: testCatalog(),
      matcher: matcher(),
      mapping: { procedure: 'VPR', year: 2024 },
      onStudents: async (r) => void kept.push(...r),
    });
    expect(out.kind).toBe('student');
    expect(kept).toHaveLength(5);
    const ru = out.groups.find((g) => g.schoolKey === 1 && g.subject === 'ru')!;
    expect(ru).toMatchObject({ grade: 5, year: 2024, fromStudents: true });
    expect(ru.figures).toMatchObject({
      participants: 3,
      belowMin: 1,
      mark2: 1,
      mark3: 0,
      mark4: 1,
      mark5: 1,
      meanScore: 3.667,
    });
    // the same students in another order give the same digest
    const again = await parseResults({
      fileName: 'x.csv',
      source: bufferSource(studentCsv([...rows].reverse())),
      catalog: testCatalog(),
      matcher: matcher(),
      mapping: { procedure: 'VPR', year: 2024 },
    });
    expect(again.groups.find((g) => g.schoolKey === 2 && g.subject === 'ru')!.digest).toBe(ru.digest);
  });

  it('refuses rows without a participant code and ignores a names column', async () => {
    const out = await parse(
      'vpr.csv',
      Buffer.from(
        'ФИО;Код ОО;Код участника;Класс;Отметка\nИванов Иван;105201;;4А;5\nПетров Пётр;105201;P2;4А;4\n',
      ),
      { procedure: 'VPR', year: 2024, subject: 'ru' },
    );
    expect(out.problems.map((p) => p.key)).toEqual(
      expect.arrayContaining(['results.studentKeyMissing', 'results.personalDataIgnored']),
    );
    expect(out.stats.students).toBe(1);
  });
});

describe('large workbooks through the streaming reader', () => {
  for (const shared of [true, false]) {
    it(`keep Cyrillic whole across chunk boundaries (${shared ? 'shared strings' : 'inline strings'})`, async () => {
      const file = path.join(os.tmpdir(), `rost-stream-${process.pid}-${shared}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: file,
        useSharedStrings: shared,
        useStyles: false,
      });
      const ws = wb.addWorksheet('ВПР 2024 русский язык');
      ws.addRow(['Код ОО', 'Код участника', 'Класс', 'Отметка', 'Комментарий']).commit();
      for (let i = 0; i < 3000; i++)
        ws.addRow([
          '105201',
          `Ученик-${i}`,
          '5А',
          2 + (i % 4),
          `Примечание № ${i}: ёлка, щука, эхо`,
        ]).commit();
      ws.commit();
      await wb.commit();
      try {
        const kept: Array<{ studentKey: string }> = [];
        const out = await parseResults({
          fileName: 'big.xlsx',
          source: fileSource(file),
          catalog: testCatalog(),
          matcher: matcher(),
          mapping: { procedure: 'VPR', year: 2024 },
          bufferXlsxBelow: 0,
          onStudents: async (r) => void kept.push(...r),
        });
        expect(out.sheets[0]).toMatchObject({
          sheet: 'ВПР 2024 русский язык',
          kind: 'student',
          subjects: ['ru'],
        });
        expect(out.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(kept).toHaveLength(3000);
        expect(kept.filter((k) => !/^Ученик-\d+$/.test(k.studentKey))).toEqual([]);
        expect(out.groups[0]).toMatchObject({
          subject: 'ru',
          grade: 5,
          figures: { participants: 3000, belowMin: 750 },
        });
      } finally {
        fs.rmSync(file, { force: true });
      }
    });
  }
});

describe('unreadable input', () => {
  it('names the file', async () => {
    const out = await parse(
      'legacy.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    );
    expect(out.problems[0]).toMatchObject({ file: 'legacy.xls', key: 'table.legacyXls', severity: 'error' });
    const bin = await parse('x.csv', Buffer.from([1, 2, 3, 0, 0, 5]));
    expect(bin.problems[0]!.key).toBe('table.unsupported');
  });
  it('reads a Windows-1251 file with a BOM-less UTF-8 twin the same way', async () => {
    const text = 'ОО;Предмет;Участников;Ср. балл\nМБОУ Петровская СОШ;Русский язык;12;61,5\n';
    const a = await parse('a.csv', iconv.encode(text, 'win1251'), { procedure: 'EGE', year: 2023 });
    const b = await parse('b.csv', Buffer.from(text), { procedure: 'EGE', year: 2023 });
    expect(a.groups.map((g) => g.digest)).toEqual(b.groups.map((g) => g.digest));
    expect(a.groups[0]!.figures.meanScore).toBe(61.5);
  });
});

describe('header vocabulary', () => {
  it('recognises numbering rows, restarting per group', () => {
    expect(isNumberingRow([1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7, 8, 9])).toBe(true);
    expect(isNumberingRow(['1', '2', '3'])).toBe(true);
    expect(isNumberingRow([null, 'МБОУ СОШ', 12, 13])).toBe(false);
    expect(isNumberingRow([12, 4, 55])).toBe(false);
  });
  it('maps measure headers', () => {
    expect(measureOf(['приняло участие'])).toBe('participants');
    expect(measureOf(['не преодолен min порог'])).toBe('belowMin');
    expect(measureOf(['Доля не набравших минимальный балл, %'])).toBe('belowMinPct');
    expect(measureOf(['высокобалльники \n(80-99 баллов)'])).toBe('high80');
    expect(measureOf(['получили 100 баллов'])).toBe('high100');
    expect(measureOf(['Средний тестовый балл'])).toBe('mean');
    expect(measureOf(['Отметки', '«2»'])).toBe('mark2');
    expect(measureOf(['% «5»'])).toBe('mark5Pct');
    expect(measureOf(['Отметка «2»'])).toBe('mark2');
    expect(measureOf(['кол-во 3'])).toBe('mark3');
    expect(measureOf(['Отметка'])).toBe('mark');
    expect(measureOf(['Отметка за работу'])).toBe('mark');
    expect(measureOf(['Всего выпускников по программам среднего общего образования'])).toBeNull();
  });
});

describe('numbers as Russians write them', () => {
  it('parse back what is formatted with spaces, commas and minus signs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -9_999_999, max: 9_999_999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(' ', '\u00a0', '\u202f'),
        (int, frac, sp) => {
          const grouped = Math.abs(int)
            .toString()
            .replace(/\B(?=(\d{3})+(?!\d))/g, sp);
          const text = `${int < 0 ? '−' : ''}${grouped},${String(frac).padStart(2, '0')}`;
          const expected = Math.sign(int || 1) * (Math.abs(int) + frac / 100);
          const v = parseNumberRu(text);
          expect(typeof v).toBe('number');
          expect(v as number).toBeCloseTo(int === 0 ? frac / 100 : expected, 6);
        },
      ),
    );
  });
  it('never throws and never returns a non-finite number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.constant(null)), (x) => {
        const v = parseNumberRu(x);
        expect(v === null || v === 'invalid' || Number.isFinite(v)).toBe(true);
      }),
    );
  });
});
