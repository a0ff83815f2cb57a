/**
 * Test fixtures written for the project, imitating the shapes of real published result tables:
 * a regional ЕГЭ report by school (sheets per year, a title, three header rows with merged cells,
 * a numbering row, the regional total and municipal subtotal rows, a registrations-only sheet),
 * a national test by school whose CSV layout changes between years (title rows with maximum
 * scores, subjects inside the header or in a row above or below the measures, codes written with
 * spaces, decimal commas, Windows-1251), and a student-level list. Used by tests only.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Catalog } from './domain/types.js';

export interface FixtureSchool {
  municipality: string;
  name: string;
  code?: string;
}

export interface EgeFigures {
  participants: number;
  below: number | null;
  high80: number | null;
  high100: number | null;
  mean: number;
}

const EGE_SUBJECTS = ['Русский язык, чел.', 'Математика (профиль), чел.', 'Обществознание, чел.'];
const MEASURES = [
  'приняло участие',
  'не преодолен min порог',
  'высокобалльники \n(80-99 баллов)',
  'получили 100 баллов',
  'средний балл',
];

/**
 * An ЕГЭ report by school: one sheet per year (newest first) plus a registrations-only sheet for
 * the next year; `figures(year, schoolIndex, subjectIndex)` gives each cell group (null: no participants).
 */
export async function egeReportXlsx(
  schools: FixtureSchool[],
  years: number[],
  figures: (year: number, school: number, subject: number) => EgeFigures | null,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const next = Math.max(...years) + 1;
  // registrations only: no result columns, must be skipped with a warning
  const reg = wb.addWorksheet(String(next));
  reg.getCell('A2').value =
    `Информация о поданных выпускниками школ ${next} года заявлениях на участие в ЕГЭ`;
  reg.mergeCells('A2:H2');
  reg.getRow(6).values = [
    null,
    'Муниципальное образование',
    'Образовательная организация (школа)',
    'Всего подали заявление, чел.',
    'из них',
  ];
  reg.getRow(7).values = [null, null, null, null, 'Русский язык, чел.', 'Математика (профиль), чел.'];
  reg.mergeCells('B6:B7');
  reg.mergeCells('C6:C7');
  reg.mergeCells('D6:D7');
  reg.mergeCells('E6:F6');
  reg.getRow(8).values = [null, null, schools[0]!.name, 10, 10, 4];

  for (const year of [...years].sort((a, b) => b - a)) {
    const ws = wb.addWorksheet(String(year));
    const width = 4 + EGE_SUBJECTS.length * MEASURES.length;
    ws.getCell('A2').value = `Информация о результатах ЕГЭ выпускников школ в ${year} году`;
    ws.mergeCells(2, 1, 2, 4);
    ws.getCell('A4').value = 'Субъект Российской Федерации\n_____________Северная область_____________';
    ws.mergeCells(4, 1, 4, 4);
    // three header rows (6–8) with merged cells
    ws.getCell(6, 1).value = 'Муниципальное образование';
    ws.getCell(6, 2).value = 'Образовательная организация (школа)';
    ws.getCell(6, 3).value = 'Профиль \n(при наличии) ';
    ws.getCell(6, 4).value = `Всего выпускников в ${year} году, принявших участие в ЕГЭ, чел.`;
    ws.getCell(6, 5).value = 'из них';
    for (const c of [1, 2, 3, 4]) ws.mergeCells(6, c, 8, c);
    ws.mergeCells(6, 5, 6, width);
    EGE_SUBJECTS.forEach((s, i) => {
      const first = 5 + i * MEASURES.length;
      ws.getCell(7, first).value = s;
      ws.mergeCells(7, first, 7, first + MEASURES.length - 1);
      MEASURES.forEach((m, j) => (ws.getCell(8, first + j).value = m));
    });
    // numbering row: 1 2 3 4, then 5…9 repeated per subject
    ws.getRow(9).values = [1, 2, 3, 4, ...EGE_SUBJECTS.flatMap(() => [5, 6, 7, 8, 9])];
    const cellsOf = (f: EgeFigures | null) =>
      f
        ? [f.participants, f.below || null, f.high80 || null, f.high100 || null, f.mean]
        : [null, null, null, null, null];
    const rows: unknown[][] = [];
    const total = EGE_SUBJECTS.map(() => ({ n: 0, below: 0 }));
    const byMunicipality = new Map<string, number[]>();
    schools.forEach((s, i) => {
      const list = byMunicipality.get(s.municipality) ?? [];
      list.push(i);
      byMunicipality.set(s.municipality, list);
    });
    for (const [municipality, list] of byMunicipality) {
      const sub = EGE_SUBJECTS.map((_, k) => {
        let n = 0;
        for (const i of list) n += figures(year, i, k)?.participants ?? 0;
        return n;
      });
      // the municipality's subtotal row: name in column A, no school
      rows.push([municipality, null, null, sub[0], ...sub.flatMap((n) => [n, null, null, null, 60])]);
      for (const i of list) {
        const fs = EGE_SUBJECTS.map((_, k) => figures(year, i, k));
        fs.forEach((f, k) => {
          total[k]!.n += f?.participants ?? 0;
          total[k]!.below += f?.below ?? 0;
        });
        rows.push([null, schools[i]!.name, null, fs[0]?.participants ?? null, ...fs.flatMap(cellsOf)]);
      }
    }
    ws.getRow(10).values = [
      'ВСЕГО по региону',
      null,
      'х',
      total[0]!.n,
      ...total.flatMap((t) => [t.n, t.below, null, null, 61.5]),
    ];
    rows.forEach((r, i) => (ws.getRow(11 + i).values = r as ExcelJS.CellValue[]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface TestFigures {
  participants: number;
  mean: number;
}

/**
 * A national-test CSV by school in one of three yearly layouts, in Windows-1251 with ';':
 * - 'inline': title rows with maximum scores, one header row with the subject inside each header;
 * - 'below': two header rows, measures on the first and subjects on the second, codes with spaces;
 * - 'above': a title and maximum scores, then subjects over two empty-cell groups and measures below.
 */
export function nationalTestCsv(
  layout: 'inline' | 'below' | 'above',
  year: number,
  schools: FixtureSchool[],
  figures: (school: number, subject: 'РЯ' | 'МАТ') => TestFigures,
): Buffer {
  const lines: string[][] = [];
  const num = (x: number) => (layout === 'inline' ? x.toFixed(2) : x.toFixed(2).replace('.', ','));
  if (layout === 'inline') {
    lines.push(['Максимальный балл', '', '', '', '', '', '', '', '']);
    lines.push(['Русский язык (РЯ)', '', '65', '', '', '', '', '', '']);
    lines.push(['Математика (МАТ)', '', '65', '', '', '', '', '', '']);
    lines.push([
      'Регион',
      'Муниципалитет',
      'Населенный пункт',
      'Код',
      'Школа',
      'Участников РЯ',
      'Ср. балл РЯ',
      'Участников МАТ',
      'Ср. балл МАТ',
    ]);
  } else if (layout === 'below') {
    lines.push([
      'Регион',
      'Муниципалитет',
      'Населенный пункт',
      'Школа',
      'Код',
      'Участников',
      'Ср. балл',
      'Участников',
      'Ср. балл',
    ]);
    lines.push(['', '', '', '', '', 'РЯ', 'РЯ', 'МАТ', 'МАТ']);
  } else {
    lines.push([
      `Результаты региональной диагностики 7 классов по школам — ${year - 1}/${year} учебный год`,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    lines.push(['Максимальный балл', '', '', '', '', '', '', '', '']);
    lines.push(['Русский язык (РЯ)', '', '100', '', '', '', '', '', '']);
    lines.push(['Регион', 'Муниципалитет', 'Населенный пункт', 'Школа', 'Код', 'РЯ', '', 'МАТ', '']);
    lines.push(['', '', '', '', '', 'Участников', 'Ср. балл', 'Участников', 'Ср. балл']);
  }
  schools.forEach((s, i) => {
    const ru = figures(i, 'РЯ');
    const math = figures(i, 'МАТ');
    const code = layout === 'below' ? (s.code ?? '').replace(/(\d)(?=(\d{3})+$)/g, '$1 ') : (s.code ?? '');
    const place = 'с. Ивановка';
    if (layout === 'inline') {
      lines.push([
        'СЕВЕРНАЯ',
        s.municipality,
        place,
        code,
        s.name,
        String(ru.participants),
        num(ru.mean),
        String(math.participants),
        num(math.mean),
      ]);
    } else {
      lines.push([
        'СЕВЕРНАЯ',
        s.municipality,
        place,
        s.name,
        code,
        String(ru.participants),
        num(ru.mean),
        String(math.participants),
        num(math.mean),
      ]);
    }
  });
  const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = lines.map((l) => l.map(quote).join(';')).join('\r\n') + '\r\n';
  return iconv.encode(text, 'win1251');
}

/** A student-level CSV (UTF-8 with BOM, comma-separated): one row per participant. */
export function studentCsv(
  rows: Array<{
    schoolCode: string;
    student: string;
    className: string;
    subject: string;
    primary: number | null;
    test?: number | null;
    mark: number | null;
    journal?: number | null;
  }>,
  header = [
    'Код ОО',
    'Код участника',
    'Класс',
    'Предмет',
    'Первичный балл',
    'Тестовый балл',
    'Отметка',
    'Отметка в журнале',
  ],
): Buffer {
  const lines = [header.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.schoolCode,
        r.student,
        r.className,
        r.subject,
        r.primary ?? '',
        r.test ?? '',
        r.mark ?? '',
        r.journal ?? '',
      ].join(','),
    );
  }
  return Buffer.from('\ufeff' + lines.join('\n') + '\n', 'utf8');
}

/** The reference catalogue as the migration seeds it, for pure tests. */
export function testCatalog(): Catalog {
  return {
    procedures: [
      {
        code: 'VPR',
        name: 'Всероссийские проверочные работы',
        shortName: 'ВПР',
        scale: 'mark',
        defaultGrade: null,
        synonyms: ['впр'],
      },
      {
        code: 'OGE',
        name: 'Основной государственный экзамен (ГИА-9)',
        shortName: 'ОГЭ',
        scale: 'mark',
        defaultGrade: 9,
        synonyms: ['огэ', 'гиа 9'],
      },
      {
        code: 'EGE',
        name: 'Единый государственный экзамен (ГИА-11)',
        shortName: 'ЕГЭ',
        scale: 'score',
        defaultGrade: 11,
        synonyms: ['егэ', 'гиа 11'],
      },
      {
        code: 'REGIONAL',
        name: 'Региональная диагностика',
        shortName: 'Рег. диагностика',
        scale: 'percent',
        defaultGrade: null,
        synonyms: ['региональная диагностика', 'диагностика'],
      },
      {
        code: 'CURRENT',
        name: 'Текущая успеваемость',
        shortName: 'Успеваемость',
        scale: 'mark',
        defaultGrade: null,
        synonyms: ['успеваемость'],
      },
    ],
    subjects: [
      { code: 'ru', name: 'Русский язык', synonyms: ['русский язык', 'русский', 'ря'] },
      { code: 'math', name: 'Математика', synonyms: ['математика', 'мат'] },
      {
        code: 'math_profile',
        name: 'Математика (профильный уровень)',
        synonyms: ['математика профиль', 'математика профильная'],
      },
      {
        code: 'math_base',
        name: 'Математика (базовый уровень)',
        synonyms: ['математика база', 'математика базовая'],
      },
      { code: 'social', name: 'Обществознание', synonyms: ['обществознание'] },
      { code: 'reading_literacy', name: 'Читательская грамотность', synonyms: ['читательская грамотность'] },
    ],
    thresholds: [
      { procedure: 'VPR', subject: '*', year: 0, kind: 'mark', minValue: 3 },
      { procedure: 'OGE', subject: '*', year: 0, kind: 'mark', minValue: 3 },
      { procedure: 'EGE', subject: 'ru', year: 0, kind: 'score', minValue: 24 },
      { procedure: 'EGE', subject: 'math_profile', year: 0, kind: 'score', minValue: 27 },
      { procedure: 'EGE', subject: 'math_base', year: 0, kind: 'mark', minValue: 3 },
      { procedure: 'REGIONAL', subject: '*', year: 0, kind: 'score', minValue: 30 },
    ],
  };
}
