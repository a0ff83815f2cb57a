import { describe, expect, it } from 'vitest';
import type { ImportField, ImportProblem } from '../../../api/types';
import {
  assignColumn,
  checkFile,
  columnLetter,
  fieldChoices,
  fieldLabel,
  guessColumns,
  MAX_UPLOAD_BYTES,
  missingRequired,
  problemsCsv,
  problemsFileName,
  withHeaderRow,
  withSheet,
} from './model';

const fields: ImportField[] = [
  { key: 'code', label: 'Код ОО', required: true },
  { key: 'municipality', label: 'Муниципалитет', required: true },
  { key: 'shortName', label: 'Краткое наименование', required: true },
  { key: 'teachers', label: 'Педагогических работников', required: false },
  { key: 'schoolYear', label: 'Учебный год', required: false },
  { key: 'lowIncome', label: 'Доля обучающихся из малообеспеченных семей, %', required: false },
];
const extras = [{ code: 'orphans', name: 'Число детей-сирот' }];
const main = fieldChoices(fields, extras, false);
const context = fieldChoices(fields, extras, true);
const names = new Map([
  ['municipality', ['Код муниципалитета']],
  ['extra:orphans', ['Число детей-сирот [orphans]']],
]);

describe('the chosen file', () => {
  it('accepts .xlsx and .csv in any letter case', () => {
    expect(checkFile({ name: 'реестр.XLSX', size: 10 })).toBeNull();
    expect(checkFile({ name: 'schools.csv', size: 10 })).toBeNull();
  });
  it('explains other types, the old .xls, empty and too large files', () => {
    expect(checkFile({ name: 'schools.pdf', size: 10 })?.key).toBe('web.import.file.badType');
    expect(checkFile({ name: 'schools', size: 10 })?.key).toBe('web.import.file.badType');
    expect(checkFile({ name: 'old.xls', size: 10 })?.key).toBe('web.import.file.legacyXls');
    expect(checkFile({ name: 'a.csv', size: 0 })?.key).toBe('web.import.file.empty');
    expect(checkFile({ name: 'a.xlsx', size: MAX_UPLOAD_BYTES + 1 })).toEqual({
      key: 'web.import.file.tooLarge',
      params: { name: 'a.xlsx', mb: 20 },
    });
  });
});

describe('column letters', () => {
  it('counts like Excel', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('field choices', () => {
  it('offers every field on the main sheet, grouped, with the required ones marked', () => {
    expect(main.map((c) => [c.value, c.group, c.required])).toEqual([
      ['code', 'school', true],
      ['municipality', 'school', true],
      ['shortName', 'school', true],
      ['teachers', 'school', false],
      ['schoolYear', 'context', false],
      ['lowIncome', 'context', false],
      ['extra:orphans', 'extra', false],
    ]);
  });
  it('offers only the code, the school year, shares and indicators on a context sheet', () => {
    expect(context.map((c) => [c.value, c.required])).toEqual([
      ['code', true],
      ['schoolYear', true],
      ['lowIncome', false],
      ['extra:orphans', false],
    ]);
  });
  it('names fields and indicators', () => {
    expect(fieldLabel('teachers', fields, extras)).toBe('Педагогических работников');
    expect(fieldLabel('extra:orphans', fields, extras)).toBe('Число детей-сирот');
    expect(fieldLabel('extra:gone', fields, extras)).toBe('gone');
    expect(fieldLabel('', fields, extras)).toBe('');
  });
});

describe('editing a mapping', () => {
  const m = { sheet: 'Школы', headerRow: 0, columns: { '0': 'code', '2': 'shortName' } };
  it('moves a field to the column it is chosen for', () => {
    expect(assignColumn(m, 1, 'code').columns).toEqual({ '1': 'code', '2': 'shortName' });
    expect(assignColumn(m, 2, '').columns).toEqual({ '0': 'code' });
    expect(assignColumn(m, 0, 'teachers').columns).toEqual({ '0': 'teachers', '2': 'shortName' });
  });
  it('lists the required fields no column has', () => {
    expect(missingRequired(m, main).map((c) => c.value)).toEqual(['municipality']);
    expect(missingRequired({ ...m, columns: {} }, context).map((c) => c.value)).toEqual([
      'code',
      'schoolYear',
    ]);
  });
  it('guesses columns whose header names a field, ignoring case, ё and punctuation', () => {
    const header = ['код оо', 'Код муниципалитета', null, 'Число детей-сирот [orphans]', 'Код ОО', 'Прочее'];
    expect(guessColumns(header, main, names)).toEqual({
      '0': 'code',
      '1': 'municipality',
      '3': 'extra:orphans',
    });
  });
  it('keeps chosen columns when the header row moves', () => {
    const next = withHeaderRow(m, 2, ['X', 'Муниципалитет', 'Учебный год'], main, names);
    expect(next).toEqual({
      sheet: 'Школы',
      headerRow: 2,
      columns: { '0': 'code', '1': 'municipality', '2': 'shortName' },
    });
    expect(withHeaderRow({ ...m, headerRows: 2 }, 0, [], main, names).headerRows).toBeUndefined();
  });
  it('guesses anew for another sheet and drops a context on that sheet', () => {
    const withContext = { ...m, context: { sheet: 'Контекст', headerRow: 0, columns: { '0': 'code' } } };
    expect(withSheet(withContext, 'Контекст', ['Код ОО'], main, names)).toEqual({
      sheet: 'Контекст',
      headerRow: 0,
      columns: { '0': 'code' },
    });
    expect(withSheet(withContext, 'Лист2', [], main, names).context).toEqual(withContext.context);
  });
});

describe('the problems list as CSV', () => {
  const problems: ImportProblem[] = [
    { sheet: 'Школы', row: 0, column: '', field: '', key: 'k', message: 'Нет строк' },
    {
      sheet: 'Школы',
      row: 12,
      column: 'Q',
      field: 'teachers',
      key: 'k',
      message: 'Поле «Педагогических работников»: «двадцать; пять» не является числом.',
    },
    { sheet: '=Лист', row: 3, column: 'A', field: 'code', key: 'k', message: 'Кавычка " внутри' },
  ];
  const csv = problemsCsv(problems, ['Лист', 'Строка', 'Столбец', 'Поле', 'Сообщение'], (k) =>
    fieldLabel(k, fields, extras),
  );
  it('starts with a BOM and separates cells with semicolons and lines with CRLF', () => {
    expect(csv.startsWith('\uFEFFЛист;Строка;Столбец;Поле;Сообщение\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(5);
  });
  it('quotes cells with separators and quotes, and defuses formulas', () => {
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('Школы;;;;Нет строк');
    expect(lines[2]).toBe(
      'Школы;12;Q;Педагогических работников;"Поле «Педагогических работников»: «двадцать; пять» не является числом."',
    );
    expect(lines[3]).toBe('\'=Лист;3;A;Код ОО;"Кавычка "" внутри"');
  });
  it('is named after the uploaded file', () => {
    expect(problemsFileName('реестр 2025.xlsx', 'проблемы')).toBe('реестр 2025-проблемы.csv');
    expect(problemsFileName('.csv', 'problems')).toBe('import-problems.csv');
  });
});
