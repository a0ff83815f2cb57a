import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readTable } from '../../../platform/tabular/read.js';
import { suggestMapping, validateRegistry, type RegistryRef } from './domain.js';
import {
  CONTEXT_SHEET,
  exportRegistryXlsx,
  SCHOOLS_SHEET,
  type ExportContext,
  type ExportSchool,
} from './export.js';

const EXTRAS = [
  { code: 'remote', name: 'Удалённость от районного центра' },
  { code: 'bus', name: 'Доля подвозимых обучающихся' },
];

const REF: RegistryRef = {
  municipalities: [
    { id: 11, code: '01', name: 'Буйский муниципальный район' },
    { id: 12, code: '0002', name: 'Город Кострома' },
  ],
  existingSchoolCodes: new Set(),
  extraIndicators: EXTRAS,
};

const base = {
  parentCode: null,
  inn: null,
  address: null,
  isSmall: null,
  shifts: null,
  studentsNoo: null,
  studentsOoo: null,
  studentsSoo: null,
  teachers: null,
  vacancies: null,
  psychologists: null,
  speechTherapists: null,
  defectologists: null,
  socialPedagogues: null,
  internetMbps: null,
};

const SCHOOLS: ExportSchool[] = [
  {
    ...base,
    code: '0440101',
    municipalityCode: '01',
    municipalityName: 'Буйский муниципальный район',
    inn: '0105012345',
    fullName:
      'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1» г. Буя',
    shortName: 'МБОУ СОШ № 1',
    type: 'СОШ с УИОП',
    locality: 'urban',
    settlement: 'г. Буй',
    address: '157000, Костромская обл., г. Буй, ул. Ленина, д. 1',
    isSmall: false,
    shifts: 2,
    studentsNoo: 312,
    studentsOoo: 401,
    studentsSoo: 58,
    teachers: 54,
    vacancies: 3,
    psychologists: 1.5,
    speechTherapists: 0.25,
    defectologists: 0,
    socialPedagogues: 1,
    internetMbps: 100.5,
  },
  {
    ...base,
    code: '0440102',
    municipalityCode: '01',
    municipalityName: 'Буйский муниципальный район',
    parentCode: '0440101',
    fullName: 'Филиал МБОУ СОШ № 1 в д. Дор',
    shortName: 'Филиал СОШ № 1 (Дор)',
    type: 'НОШ',
    locality: 'rural',
    settlement: 'д. Дор',
    isSmall: true,
    shifts: 1,
    studentsNoo: 9,
  },
  {
    ...base,
    code: '4401',
    municipalityCode: '0002',
    municipalityName: 'Город Кострома',
    inn: '440101234567',
    fullName: 'МБОУ "Гимназия № 15"',
    shortName: 'Гимназия № 15',
    type: 'гимназия',
    locality: 'urban',
    settlement: 'Кострома',
    internetMbps: 0,
  },
];

const CONTEXTS: ExportContext[] = [
  {
    schoolCode: '0440101',
    schoolYear: 2023,
    lowIncome: 12.5,
    singleParent: 20,
    parentsHigherEd: 33.33,
    ovz: 4.1,
    disabled: 0.9,
    registered: 1,
    nonRussian: 0,
    extra: { remote: 0, bus: 12.75 },
  },
  {
    schoolCode: '0440101',
    schoolYear: 2022,
    lowIncome: 14,
    singleParent: null,
    parentsHigherEd: null,
    ovz: 3.9,
    disabled: null,
    registered: null,
    nonRussian: null,
    extra: { remote: 0, bus: null },
  },
  {
    schoolCode: '0440102',
    schoolYear: 2023,
    lowIncome: 40,
    singleParent: 35,
    parentsHigherEd: 10,
    ovz: 0,
    disabled: 0,
    registered: 5,
    nonRussian: 100,
    extra: { remote: 27 },
  },
];

describe('exportRegistryXlsx', () => {
  it('writes «Школы» and «Контекст» with a bold, frozen, filtered header', async () => {
    const data = await exportRegistryXlsx(SCHOOLS, CONTEXTS, EXTRAS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SCHOOLS_SHEET, CONTEXT_SHEET]);
    const ws = wb.getWorksheet(SCHOOLS_SHEET)!;
    expect(ws.getRow(1).getCell(1).value).toBe('Код ОО');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.rowCount).toBe(1 + SCHOOLS.length);
    for (let c = 1; c <= ws.columnCount; c++) {
      const w = ws.getColumn(c).width ?? 0;
      expect(w).toBeGreaterThanOrEqual(10);
      expect(w).toBeLessThanOrEqual(60);
    }
    const ctx = wb.getWorksheet(CONTEXT_SHEET)!;
    const header = (ctx.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Код ОО', 'Краткое наименование', 'Учебный год']);
    expect(header.slice(-2)).toEqual([
      'Удалённость от районного центра [remote]',
      'Доля подвозимых обучающихся [bus]',
    ]);
    // one row per school and year, sorted
    expect(ctx.getColumn(1).values.slice(2)).toEqual(['0440101', '0440101', '0440102']);
    expect(ctx.getColumn(3).values.slice(2)).toEqual(['2022/2023', '2023/2024', '2023/2024']);
  });

  it('re-imports unchanged: export → readTable → suggestMapping → validateRegistry', async () => {
    const data = await exportRegistryXlsx(SCHOOLS, CONTEXTS, EXTRAS);
    const wb = await readTable('реестр.xlsx', data);
    const mapping = suggestMapping(wb, EXTRAS);
    expect(mapping.sheet).toBe(SCHOOLS_SHEET);
    expect(mapping.headerRow).toBe(0);
    expect(mapping.context).toMatchObject({ sheet: CONTEXT_SHEET, headerRow: 0 });
    // every school field is mapped once, the municipality by its code column
    expect(Object.values(mapping.columns)).toHaveLength(22);
    expect(Object.values(mapping.context!.columns)).toEqual([
      'code',
      'schoolYear',
      'lowIncome',
      'singleParent',
      'parentsHigherEd',
      'ovz',
      'disabled',
      'registered',
      'nonRussian',
      'extra:remote',
      'extra:bus',
    ]);

    const plan = validateRegistry(wb, mapping, REF);
    expect(plan.problems).toEqual([]);
    expect(plan.stats).toEqual({ rows: 6, schools: 3, contexts: 3, skippedEmpty: 0 });

    const byCode = new Map(REF.municipalities.map((m) => [m.code, m.id]));
    expect(plan.schools.map(({ isNew: _n, source: _s, ...s }) => s)).toEqual(
      SCHOOLS.map(({ municipalityCode, municipalityName: _name, ...s }) => ({
        ...s,
        municipalityId: byCode.get(municipalityCode),
      })),
    );
    const expected = CONTEXTS.map((c) => ({
      ...c,
      extra: { remote: c.extra.remote ?? null, bus: c.extra.bus ?? null },
    }));
    const key = (c: { schoolCode: string; schoolYear: number }) => `${c.schoolCode}|${c.schoolYear}`;
    expect(
      plan.contexts.map(({ source: _s, ...c }) => c).sort((a, b) => key(a).localeCompare(key(b))),
    ).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
    expect(plan.contexts.every((c) => c.source.sheet === CONTEXT_SHEET)).toBe(true);
  });

  it('re-imports contexts of schools already in the registry, and refuses unknown ones', async () => {
    const data = await exportRegistryXlsx([SCHOOLS[2]!], CONTEXTS, EXTRAS);
    const wb = await readTable('ctx.xlsx', data);
    const mapping = suggestMapping(wb, EXTRAS);
    const known = validateRegistry(wb, mapping, {
      ...REF,
      existingSchoolCodes: new Set(['0440101', '0440102']),
    });
    expect(known.problems).toEqual([]);
    expect(known.contexts).toHaveLength(3);
    const unknown = validateRegistry(wb, mapping, { ...REF, existingSchoolCodes: new Set(['0440101']) });
    expect(unknown.problems.map((p) => `${p.sheet}!${p.column}${p.row} ${p.key}`)).toEqual([
      'Контекст!A4 registry.unknownSchool',
    ]);
  });

  it('writes an empty registry that still has its headers', async () => {
    const wb = await readTable('empty.xlsx', await exportRegistryXlsx([], [], []));
    expect(wb.sheets.map((s) => s.rows.length)).toEqual([1, 1]);
  });
});
