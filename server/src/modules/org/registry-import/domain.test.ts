import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readTable } from '../../../platform/tabular/read.js';
import {
  REGISTRY_FIELDS,
  suggestMapping,
  validateRegistry,
  type ColumnMapping,
  type RegistryPlan,
  type RegistryRef,
} from './domain.js';
import { registry } from '../../../../../common/src/i18n/registry.js';
import { translate } from '../../../../../common/src/i18n/index.js';

const EXTRAS = [{ code: 'remote', name: 'Удалённость от районного центра, км' }];

function ref(existing: string[] = []): RegistryRef {
  return {
    municipalities: [
      { id: 1, code: '01', name: 'Буйский муниципальный район' },
      { id: 2, code: '02', name: 'Город Кострома' },
      { id: 3, code: '03', name: 'Судиславский муниципальный район' },
    ],
    existingSchoolCodes: new Set(existing),
    extraIndicators: EXTRAS,
  };
}

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function csv1251(lines: string[]): Buffer {
  return iconv.encode(lines.join('\r\n') + '\r\n', 'win1251');
}

/** Problems as short strings: `Sheet!C7 field key`. */
function brief(plan: RegistryPlan): string[] {
  return plan.problems.map((p) => `${p.sheet}!${p.column}${p.row} ${p.field} ${p.key}`);
}

/** Mapped columns as { letter: field }. */
function letters(m: { columns: Record<number, string> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.columns)) out[String.fromCharCode(65 + Number(k))] = v;
  return out;
}

describe('REGISTRY_FIELDS', () => {
  it('has a label in both locales and normalised, unambiguous synonyms', () => {
    const owner = new Map<string, string>();
    for (const f of REGISTRY_FIELDS) {
      expect(f.labelKey in registry.ru, f.labelKey).toBe(true);
      expect(f.labelKey in registry.en, f.labelKey).toBe(true);
      for (const s of f.synonyms) {
        expect(owner.get(s) ?? f.key, `synonym «${s}»`).toBe(f.key);
        owner.set(s, f.key);
      }
    }
    expect(REGISTRY_FIELDS.filter((f) => f.required).map((f) => f.key)).toEqual([
      'code',
      'municipality',
      'fullName',
      'shortName',
      'settlement',
    ]);
  });
});

describe('suggestMapping', () => {
  it('finds the header on row 3 after title rows', async () => {
    const data = await xlsx((wb) => {
      wb.addWorksheet('Пояснения').addRow(['Заполните лист «Реестр»']);
      const ws = wb.addWorksheet('Реестр');
      ws.addRow(['Реестр общеобразовательных организаций Костромской области']);
      ws.mergeCells('A1:K1');
      ws.addRow(['по состоянию на 01.09.2023']);
      ws.addRow([
        'Код ОО*',
        'Муниципальное образование',
        'Полное наименование образовательной организации',
        'Сокращённое наименование',
        'Тип',
        'Городская/сельская',
        'Населённый\nпункт',
        'Примечание',
        'Учебный год',
        'Доля детей из малообеспеченных семей, %',
        'Удалённость от районного центра, км',
      ]);
      ws.addRow([
        '440101',
        'Буйский муниципальный район',
        'МБОУ СОШ № 1',
        'СОШ № 1',
        'СОШ',
        'г',
        'Буй',
        '',
        '2023/2024',
        12.5,
        3,
      ]);
    });
    const wb = await readTable('реестр.xlsx', data);
    const m = suggestMapping(wb, EXTRAS);
    expect(m.sheet).toBe('Реестр');
    expect(m.headerRow).toBe(2);
    expect(m.context).toBeUndefined();
    expect(letters(m)).toEqual({
      A: 'code',
      B: 'municipality',
      C: 'fullName',
      D: 'shortName',
      E: 'type',
      F: 'locality',
      G: 'settlement',
      I: 'schoolYear',
      J: 'lowIncome',
      K: 'extra:remote',
    });
    const plan = validateRegistry(wb, m, ref());
    expect(plan.problems).toEqual([]);
    expect(plan.schools).toHaveLength(1);
    expect(plan.schools[0]).toMatchObject({
      code: '440101',
      municipalityId: 1,
      type: 'СОШ',
      locality: 'urban',
      isNew: true,
    });
    expect(plan.schools[0]!.source).toEqual({ sheet: 'Реестр', row: 4 });
    expect(plan.contexts).toEqual([
      expect.objectContaining({
        schoolCode: '440101',
        schoolYear: 2023,
        lowIncome: 12.5,
        ovz: null,
        extra: { remote: 3 },
      }),
    ]);
  });

  it('reads a two-row header with merged group headings (xlsx)', async () => {
    const data = await xlsx((wb) => {
      const ws = wb.addWorksheet('Лист1');
      ws.addRow([
        'Код ОО',
        'Наименование ОО',
        'Краткое наименование',
        'Муниципалитет',
        'Населённый пункт',
        'Численность обучающихся, чел.',
        null,
        null,
        'Специалисты (ставки)',
        null,
        'Интернет',
      ]);
      ws.addRow([
        null,
        null,
        null,
        null,
        null,
        'НОО',
        'ООО',
        'СОО',
        'педагог-психолог',
        'учитель-логопед',
        'Мбит/с',
      ]);
      for (const c of ['A', 'B', 'C', 'D', 'E']) ws.mergeCells(`${c}1:${c}2`);
      ws.mergeCells('F1:H1');
      ws.mergeCells('I1:J1');
      ws.addRow(['440101', 'МБОУ СОШ № 1', 'СОШ № 1', '01', 'Буй', 120, 150, 30, 1, 0.5, 100]);
    });
    const wb = await readTable('x.xlsx', data);
    const m = suggestMapping(wb, EXTRAS);
    expect(m.headerRow).toBe(1);
    expect(m.headerRows).toBe(2);
    expect(letters(m)).toEqual({
      A: 'code',
      B: 'fullName',
      C: 'shortName',
      D: 'municipality',
      E: 'settlement',
      F: 'studentsNoo',
      G: 'studentsOoo',
      H: 'studentsSoo',
      I: 'psychologists',
      J: 'speechTherapists',
      K: 'internetMbps',
    });
    const plan = validateRegistry(wb, m, ref(['440101']));
    expect(brief(plan)).toEqual([]);
    expect(plan.schools[0]).toMatchObject({
      studentsNoo: 120,
      studentsOoo: 150,
      studentsSoo: 30,
      psychologists: 1,
      speechTherapists: 0.5,
      internetMbps: 100,
    });
  });

  it('reads a two-row header in a Windows-1251 CSV (no merges)', async () => {
    const wb = await readTable(
      'реестр.csv',
      csv1251([
        ';;;;;Численность обучающихся;;',
        'Код ОО;Полное наименование;Краткое наименование;Муниципалитет;Населённый пункт;1-4 кл.;5-9 кл.;10-11 кл.',
        '440101;"МБОУ ""СОШ № 1""";СОШ № 1;Буйский муниципальный район;Буй;120;150;30',
      ]),
    );
    const m = suggestMapping(wb, EXTRAS);
    expect(m.headerRow).toBe(1);
    expect(Object.values(m.columns)).toEqual([
      'code',
      'fullName',
      'shortName',
      'municipality',
      'settlement',
      'studentsNoo',
      'studentsOoo',
      'studentsSoo',
    ]);
    const plan = validateRegistry(wb, m, ref(['440101']));
    expect(plan.problems).toEqual([]);
    expect(plan.schools[0]!.fullName).toBe('МБОУ "СОШ № 1"');
  });

  it('reads a UTF-8 CSV with a BOM and commas', async () => {
    const text =
      '\uFEFFкод школы,муниципалитет,наименование,краткое наименование,населенный пункт,тип оо,местность\n' +
      '7,"город кострома","МБОУ ""Лицей № 7""",Лицей № 7,Кострома,лицей,городская\n';
    const wb = await readTable('utf8.csv', Buffer.from(text, 'utf8'));
    const m = suggestMapping(wb, []);
    const plan = validateRegistry(wb, m, ref());
    expect(plan.problems).toEqual([]);
    expect(plan.schools[0]).toMatchObject({
      code: '7',
      municipalityId: 2,
      fullName: 'МБОУ "Лицей № 7"',
      type: 'лицей',
      locality: 'urban',
    });
  });

  it('maps nothing in a table it does not know', async () => {
    const wb = await readTable('a.csv', Buffer.from('foo;bar\n1;2\n'));
    expect(suggestMapping(wb, [])).toEqual({ sheet: 'a', headerRow: 0, columns: {} });
  });
});

const HEADER = [
  'Код ОО',
  'Муниципалитет',
  'Код основной ОО',
  'ИНН',
  'Полное наименование',
  'Краткое наименование',
  'Тип ОО',
  'Местность',
  'Населённый пункт',
  'Адрес',
  'Малокомплектная',
  'Число смен',
  'Обучающихся 1–4 классов',
  'Педагоги-психологи, ставок',
  'Скорость интернета, Мбит/с',
  'Учебный год',
  'Доля обучающихся с ОВЗ, %',
  'Удалённость от районного центра, км',
].join(';');

describe('validateRegistry: every problem with its place', () => {
  const rows = [
    HEADER,
    // 2: a valid school, context for 2023
    'A1;буйский МУНИЦИПАЛЬНЫЙ район;;4401012345;МБОУ СОШ № 1;СОШ № 1;средняя общеобразовательная школа;г;Буй;ул. Ленина, 1;да;2;120;0,5;50;2023/2024;12,5;35',
    // 3: the same school, context for 2022 (same attributes written differently)
    'A1;01;;4401012345;МБОУ СОШ № 1;СОШ № 1;СОШ;городская;Буй;ул. Ленина, 1;+;2;120;0,5;50;2022-23;10;35',
    // 4: empty
    ';;;;;;;;;;;;;;;;;',
    // 5: a branch of A1 in another municipality
    'A2;02;A1;440101234567;Филиал МБОУ СОШ № 1;Филиал СОШ № 1;НОШ;село;Дор;;нет;1;15;;10;2023;;',
    // 6: everything wrong
    'B1;Неизвестный район;;123;;x;колледж;пригород;;;может быть;4;12,5;много;-5;1999;120;abc',
    // 7: A1 again: another municipality, a year already given
    'A1;02;;;;;;;;;;;;;;2023/2024;11;',
    // 8: unknown parent; context without a year
    'C1;03;ZZ;;Школа C1;C1;ООШ;с;Сусанино;;;;;;;;5;',
    // 9: its own branch
    'C2;03;C2;;Школа C2;C2;ООШ;с;Сусанино;;;;;;;;;',
    // 10: branch of a branch
    'C3;03;A2;;Школа C3;C3;ООШ;с;Сусанино;;;;;;;;;',
    // 11: A2 again without a year
    'A2;02;A1;;;;;;;;;;;;;;;',
    // 12: an existing school: type and locality may stay empty
    'E1;Город Кострома;;;Школа E1;E1;;;Кострома;;;;;;;;;',
    // 13: a new school without type and locality
    'N1;Город Кострома;;;Школа N1;N1;;;Кострома;;;;;;;;;',
  ];

  it('reports all problems of all rows, sorted by row and column', async () => {
    const wb = await readTable('errors.csv', csv1251(rows));
    const m = suggestMapping(wb, EXTRAS);
    expect(Object.keys(m.columns)).toHaveLength(18);
    const plan = validateRegistry(wb, m, ref(['E1']));
    expect(brief(plan)).toEqual([
      'errors!B6 municipality registry.unknownMunicipality',
      'errors!D6 inn registry.badInn',
      'errors!E6 fullName registry.required',
      'errors!G6 type registry.unknownType',
      'errors!H6 locality registry.badLocality',
      'errors!I6 settlement registry.required',
      'errors!K6 isSmall registry.badBoolean',
      'errors!L6 shifts registry.outOfRange',
      'errors!M6 studentsNoo registry.notInteger',
      'errors!N6 psychologists registry.notNumber',
      'errors!O6 internetMbps registry.outOfRange',
      'errors!P6 schoolYear registry.badYear',
      'errors!Q6 ovz registry.outOfRange',
      'errors!R6 extra:remote registry.notNumber',
      'errors!B7 municipality registry.conflict',
      'errors!P7 schoolYear registry.duplicateYear',
      'errors!C8 parentCode registry.unknownParent',
      'errors!P8 schoolYear registry.yearRequired',
      'errors!C9 parentCode registry.parentSelf',
      'errors!C10 parentCode registry.parentIsBranch',
      'errors!A11 code registry.duplicateCode',
      'errors!G13 type registry.requiredForNew',
      'errors!H13 locality registry.requiredForNew',
    ]);

    const at = (cell: string) => plan.problems.find((p) => `${p.column}${p.row}` === cell)!;
    // Messages name the field's Russian label and the value.
    expect(at('B6').params).toMatchObject({ field: 'Муниципалитет', value: 'Неизвестный район' });
    expect(translate('ru', at('B6').key, at('B6').params)).toBe(
      'Поле «Муниципалитет»: муниципалитет «Неизвестный район» не найден в справочнике (ни по коду, ни по названию).',
    );
    expect(at('G6').params).toMatchObject({ field: 'Тип ОО', value: 'колледж' });
    expect(String(at('G6').params.allowed)).toContain('гимназия');
    expect(at('L6').params).toMatchObject({ field: 'Число смен', value: '4', min: 1, max: 3 });
    expect(translate('ru', at('L6').key, at('L6').params)).toBe(
      'Поле «Число смен»: значение «4» вне допустимого диапазона (от 1 до 3).',
    );
    expect(at('E6').params).toEqual({ field: 'Полное наименование' });
    expect(at('R6').params).toMatchObject({ field: 'Удалённость от районного центра, км', value: 'abc' });
    expect(at('B7').params).toMatchObject({
      value: '02',
      previous: 'буйский МУНИЦИПАЛЬНЫЙ район',
      previousRow: 2,
      code: 'A1',
    });
    expect(at('P7').params).toMatchObject({
      code: 'A1',
      value: '2023/2024',
      previousSheet: 'errors',
      previousRow: 2,
    });
    expect(at('A11').params).toMatchObject({ value: 'A2', previousRow: 5 });
    for (const p of plan.problems) {
      const text = translate('ru', p.key, p.params);
      expect(text, p.key).not.toMatch(/\{\w+\}/);
      expect(text).not.toBe(p.key);
    }

    expect(plan.stats).toEqual({ rows: 11, schools: 3, contexts: 2, skippedEmpty: 1 });
    expect(plan.schools.map((s) => s.code)).toEqual(['A1', 'A2', 'E1']);
    const a1 = plan.schools[0]!;
    expect(a1).toEqual({
      code: 'A1',
      municipalityId: 1,
      parentCode: null,
      inn: '4401012345',
      fullName: 'МБОУ СОШ № 1',
      shortName: 'СОШ № 1',
      type: 'СОШ',
      locality: 'urban',
      settlement: 'Буй',
      address: 'ул. Ленина, 1',
      isSmall: true,
      shifts: 2,
      studentsNoo: 120,
      studentsOoo: null,
      studentsSoo: null,
      teachers: null,
      vacancies: null,
      psychologists: 0.5,
      speechTherapists: null,
      defectologists: null,
      socialPedagogues: null,
      internetMbps: 50,
      isNew: true,
      source: { sheet: 'errors', row: 2 },
    });
    expect(plan.schools[1]).toMatchObject({
      code: 'A2',
      parentCode: 'A1',
      municipalityId: 2,
      type: 'НОШ',
      locality: 'rural',
      isSmall: false,
    });
    expect(plan.schools[2]).toMatchObject({ code: 'E1', isNew: false, type: null, locality: null });
    expect(plan.contexts.map((c) => [c.schoolCode, c.schoolYear, c.ovz, c.extra.remote])).toEqual([
      ['A1', 2023, 12.5, 35],
      ['A1', 2022, 10, 35],
    ]); // A2 gives a year but no values: no context
  });

  it('reports problems of the mapping itself on row 0', async () => {
    const wb = await readTable('errors.csv', csv1251(rows));
    const m = suggestMapping(wb, EXTRAS);
    const columns: Record<number, string> = { ...m.columns };
    delete columns[8]; // settlement
    delete columns[15]; // school year, while context columns stay mapped
    columns[9] = 'extra:nope';
    columns[10] = 'fullName'; // already column E
    columns[11] = 'colour';
    const mapping: ColumnMapping = { ...m, columns };
    const plan = validateRegistry(wb, mapping, ref());
    const fileLevel = plan.problems.filter((p) => p.row === 0);
    expect(fileLevel.map((p) => `${p.column} ${p.field} ${p.key}`)).toEqual([
      ' settlement registry.mapping.missingField',
      ' schoolYear registry.mapping.yearRequired',
      'J extra:nope registry.mapping.unknownIndicator',
      'K fullName registry.mapping.duplicateField',
      'L colour registry.mapping.unknownField',
    ]);
    expect(fileLevel[0]!.params).toEqual({ field: 'Населённый пункт' });
    expect(fileLevel[3]!.params).toEqual({ field: 'Полное наименование', columns: 'E, K' });
    // Rows are still checked, and problems of the mapping come first.
    expect(plan.problems[0]!.row).toBe(0);
    expect(plan.problems.some((p) => p.row === 6 && p.key === 'registry.unknownMunicipality')).toBe(true);
  });

  it('refuses a mapping to a missing sheet and a sheet without data', async () => {
    const wb = await readTable('h.csv', Buffer.from(`${HEADER}\n`));
    expect(brief(validateRegistry(wb, { sheet: 'Нет', headerRow: 0, columns: {} }, ref()))).toEqual([
      'Нет!0  registry.mapping.noSheet',
    ]);
    const m = suggestMapping(wb, EXTRAS);
    expect(brief(validateRegistry(wb, m, ref()))).toEqual(['h!0  registry.noRows']);
  });
});

describe('validateRegistry: layouts', () => {
  it('fills vertically merged cells, skips section titles, reads one row per school and year', async () => {
    const data = await xlsx((wb) => {
      const ws = wb.addWorksheet('Данные');
      ws.addRow(['Свод по региону']);
      ws.addRow([]);
      ws.addRow([
        'Муниципалитет',
        'Код ОО',
        'Полное наименование',
        'Краткое наименование',
        'Населённый пункт',
        'Тип ОО',
        'Местность',
        'Учебный год',
        'Доля детей-инвалидов, %',
      ]);
      ws.addRow(['Буйский муниципальный район']); // row 4: a section heading across the table
      ws.mergeCells('A4:I4');
      ws.addRow(['01', 'S1', 'Школа 1', 'Ш1', 'Буй', 'ООШ', 'сельская', '2021/2022', 1]);
      ws.addRow([null, null, null, null, null, null, null, '2022/2023', 2]);
      ws.addRow([null, null, null, null, null, null, null, '2023/2024', '3,5']);
      ws.mergeCells('B5:B7');
      ws.mergeCells('C5:C7');
      ws.mergeCells('D5:D7');
      ws.mergeCells('E5:E7');
      ws.mergeCells('F5:F7');
      ws.mergeCells('G5:G7');
      ws.addRow([null, 'S2', 'Школа 2', 'Ш2', 'Буй', 'гимназия', 'г', '2023', '—']);
      ws.mergeCells('A5:A8'); // the municipality over all its schools
      ws.addRow([]);
      ws.addRow(['03', 'S3', 'Школа 3', 'Ш3', 'Судиславль', 'Школа-интернат', 'с', '2023/24', 0]);
    });
    const wb = await readTable('layout.xlsx', data);
    const m = suggestMapping(wb, []);
    expect(m.headerRow).toBe(2);
    const plan = validateRegistry(wb, m, ref());
    expect(brief(plan)).toEqual([]);
    expect(plan.stats).toEqual({ rows: 5, schools: 3, contexts: 4, skippedEmpty: 2 });
    expect(plan.schools.map((s) => [s.code, s.municipalityId, s.type, s.locality])).toEqual([
      ['S1', 1, 'ООШ', 'rural'],
      ['S2', 1, 'гимназия', 'urban'],
      ['S3', 3, 'школа-интернат', 'rural'],
    ]);
    expect(plan.contexts.map((c) => [c.schoolCode, c.schoolYear, c.disabled, c.source.row])).toEqual([
      ['S1', 2021, 1, 5],
      ['S1', 2022, 2, 6],
      ['S1', 2023, 3.5, 7],
      ['S3', 2023, 0, 10],
    ]);
  });

  it('reports conflicting attributes on the later row of a school', async () => {
    const wb = await readTable(
      'years.csv',
      csv1251([
        'Код ОО;Муниципалитет;Полное наименование;Краткое наименование;Населённый пункт;Тип ОО;Местность;Учебный год;Доля обучающихся из неполных семей, %',
        'S1;01;Школа 1;Ш1;Буй;ООШ;с;2022;20',
        'S1;01;Школа 1;Ш1;Буй;СОШ;с;2023;21',
        'S1;01;Школа 1;Ш1;Буй;ООШ;г;2024;22',
      ]),
    );
    const plan = validateRegistry(wb, suggestMapping(wb, []), ref());
    expect(brief(plan)).toEqual(['years!F3 type registry.conflict', 'years!G4 locality registry.conflict']);
    expect(plan.problems[0]!.params).toMatchObject({
      field: 'Тип ОО',
      value: 'СОШ',
      previous: 'ООШ',
      previousRow: 2,
    });
    expect(plan.contexts.map((c) => c.schoolYear)).toEqual([2022]);
  });

  it('matches municipalities by code or name, ignoring case and ё, and refuses ambiguous names', async () => {
    const wb = await readTable(
      'm.csv',
      csv1251([
        'Код ОО;Муниципалитет;Полное наименование;Краткое наименование;Населённый пункт;Тип ОО;Местность',
        'S1;ГОРОД КОСТРОМА;Ш;Ш;К;СОШ;г',
        'S2;1;Ш;Ш;К;СОШ;г',
        'S3;Посёлок;Ш;Ш;К;СОШ;г',
        'S4;поселок;Ш;Ш;К;СОШ;г',
      ]),
    );
    const r = ref();
    r.municipalities.push({ id: 7, code: '07', name: 'Поселок' }, { id: 8, code: '08', name: 'Посёлок' });
    const plan = validateRegistry(wb, suggestMapping(wb, []), r);
    expect(plan.schools.map((s) => s.municipalityId)).toEqual([2, 1]);
    expect(brief(plan)).toEqual([
      'm!B4 municipality registry.ambiguousMunicipality',
      'm!B5 municipality registry.ambiguousMunicipality',
    ]);
  });

  it('accepts the usual spellings of types, localities, yes/no and school years', async () => {
    const cases: Array<[string, string, string, string, unknown]> = [
      [
        'СОШ с углубленным изучением отдельных предметов',
        'город',
        '1',
        '2023-2024',
        ['СОШ с УИОП', 'urban', true, 2023],
      ],
      [
        'вечерняя (сменная) общеобразовательная школа',
        'Сельская местность',
        'true',
        '2023/24 уч. г.',
        ['вечерняя школа', 'rural', true, 2023],
      ],
      ['Основная общеобразовательная школа', 'с.', '0', '2023 год', ['ООШ', 'rural', false, 2023]],
      ['ЦО', 'Г.', 'нет', '2020–2021', ['центр образования', 'urban', false, 2020]],
      ['сош с уиоп', 'urban', 'ДА', '2030', ['СОШ с УИОП', 'urban', true, 2030]],
    ];
    const lines = [
      'Код ОО;Муниципалитет;Полное наименование;Краткое наименование;Населённый пункт;Тип ОО;Местность;Малокомплектная;Учебный год;Доля обучающихся с ОВЗ, %',
    ];
    cases.forEach(([type, loc, small, year], i) =>
      lines.push(`S${i};01;Ш;Ш;Б;${type};${loc};${small};${year};1`),
    );
    const wb = await readTable('spellings.csv', csv1251(lines));
    const plan = validateRegistry(wb, suggestMapping(wb, []), ref());
    expect(plan.problems).toEqual([]);
    expect(plan.schools.map((s, i) => [s.type, s.locality, s.isSmall, plan.contexts[i]!.schoolYear])).toEqual(
      cases.map((c) => c[4]),
    );
  });

  it('refuses school years that do not follow each other', async () => {
    const wb = await readTable(
      'y.csv',
      csv1251([
        'Код ОО;Муниципалитет;Полное наименование;Краткое наименование;Населённый пункт;Тип ОО;Местность;Учебный год;Доля обучающихся с ОВЗ, %',
        'S1;01;Ш;Ш;Б;СОШ;г;2023/2025;1',
        'S2;01;Ш;Ш;Б;СОШ;г;23/24;1',
        'S3;01;Ш;Ш;Б;СОШ;г;2101;1',
      ]),
    );
    const plan = validateRegistry(wb, suggestMapping(wb, []), ref());
    expect(brief(plan)).toEqual([
      'y!H2 schoolYear registry.badYear',
      'y!H3 schoolYear registry.badYear',
      'y!H4 schoolYear registry.badYear',
    ]);
  });

  it('reads an INN that Excel turned into a number', async () => {
    const data = await xlsx((wb) => {
      const ws = wb.addWorksheet('Р');
      ws.addRow([
        'Код ОО',
        'Муниципалитет',
        'Полное наименование',
        'Краткое наименование',
        'Населённый пункт',
        'Тип ОО',
        'Местность',
        'ИНН',
      ]);
      ws.addRow([101, '01', 'Ш', 'Ш', 'Б', 'СОШ', 'г', 105012345]);
      ws.addRow([102, '01', 'Ш', 'Ш', 'Б', 'СОШ', 'г', 4401012345]);
    });
    const wb = await readTable('inn.xlsx', data);
    const plan = validateRegistry(wb, suggestMapping(wb, []), ref());
    expect(plan.problems).toEqual([]);
    expect(plan.schools.map((s) => [s.code, s.inn])).toEqual([
      ['101', '0105012345'],
      ['102', '4401012345'],
    ]);
  });
});
