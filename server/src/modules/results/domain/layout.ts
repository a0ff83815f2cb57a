/**
 * Header detection for result tables as regions publish them: one or several header rows (merged
 * cells, or a group label over empty cells in CSV), a subject spread over a group of columns
 * («приняло участие», «не преодолен min порог», «средний балл», «80-99», «100» …) or named in a
 * column of its own, title rows above the header (where the year, the procedure or the grade is
 * often written), a numbering row («1 2 3 …») below it. Student-level tables (one row per
 * participant: code, class, scores, marks) are recognised too.
 *
 * Pure: works on the first rows of a sheet (and its merged ranges when known).
 */
import { columnLetter, fillMerged, type Cell, type Merge } from '../../../platform/tabular/cells.js';
import { findGrade, findYear, type CatalogIndex } from './catalog.js';
import { hashHex, words } from './text.js';
import type { Problem, ProcedureInfo } from './types.js';

export const MEASURES = [
  'participants',
  'belowMin',
  'belowMinPct',
  'successPct',
  'mark2',
  'mark3',
  'mark4',
  'mark5',
  'mark2Pct',
  'mark3Pct',
  'mark4Pct',
  'mark5Pct',
  'mean',
  'high80',
  'high100',
] as const;
export type Measure = (typeof MEASURES)[number];

export const STUDENT_MEASURES = ['primaryScore', 'testScore', 'mark', 'journalMark'] as const;
export type StudentMeasure = (typeof STUDENT_MEASURES)[number];

export const IDENT_FIELDS = [
  'schoolCode',
  'schoolName',
  'municipality',
  'settlement',
  'region',
  'year',
  'grade',
  'subject',
  'procedure',
  'studentKey',
  'className',
  'personal',
] as const;
export type IdentField = (typeof IDENT_FIELDS)[number];

export type FieldKey = IdentField | Measure | StudentMeasure;
export const FIELD_KEYS: readonly FieldKey[] = [...IDENT_FIELDS, ...MEASURES, ...STUDENT_MEASURES];

export interface ColumnInfo {
  index: number;
  letter: string;
  /** The header texts of the column from top to bottom (merged and group labels filled in). */
  header: string[];
  field: FieldKey | null;
  subject: string | null;
  grade: number | null;
  year: number | null;
}

export interface ColumnGroup {
  /** null: the subject comes from the subject column (or the import options) row by row. */
  subject: string | null;
  grade: number | null;
  year: number | null;
  columns: Partial<Record<Measure | StudentMeasure, number>>;
}

export interface Layout {
  kind: 'aggregate' | 'student';
  /** 0-based indexes of the first and last header row. */
  headerStart: number;
  headerEnd: number;
  columns: ColumnInfo[];
  ident: Partial<Record<IdentField, number>>;
  groups: ColumnGroup[];
  /** From the options, the sheet name or the title rows; a column (ident.procedure/year/grade) overrides per row. */
  procedure: string | null;
  year: number | null;
  grade: number | null;
  /** The single subject of a sheet without subject headers (options or title), else null. */
  subject: string | null;
  /** A hash of the normalised header texts (years masked): the same format gives the same signature. */
  signature: string;
}

/** Overrides a user or a saved template gives for a file. */
export interface ImportMapping {
  procedure?: string;
  year?: number;
  grade?: number;
  /** The subject of sheets whose headers name none. */
  subject?: string;
  /** Subject of a group label (in `words` form, e.g. 'ин яз нем') → subject code, or null to ignore its columns. */
  subjects?: Record<string, string | null>;
  /** Column letter → field (with an optional subject), or null to ignore the column. */
  columns?: Record<string, { field: FieldKey; subject?: string | null } | null>;
}

export interface LayoutContext {
  file: string;
  sheet: string;
  catalog: CatalogIndex;
  mapping: ImportMapping;
}

/** The signature is known whenever a header row was found, even if the layout is unusable. */
export type LayoutResult =
  | { layout: Layout; problems: Problem[]; signature: string }
  | { layout: null; problems: Problem[]; signature: string | null };

// ---------------------------------------------------------------------------------------------
// header vocabulary (matched on the `words` form of a header text)

const IDENT_PATTERNS: Array<[IdentField, RegExp]> = [
  ['personal', /^(?:фио|ф и о|фамилия.*|имя|отчество|фамилия имя отчество.*)$/],
  [
    'studentKey',
    /(?:^| )(?:код|id|идентификатор|номер|шифр) (?:участника|ученика|обучающегося|работы)(?: |$)|^(?:участник|ученик|обучающийся)$/,
  ],
  [
    'schoolCode',
    /^(?:код|id|идентификатор|логин|код по админ)(?: (?:оо|оу|школы|организации|образовательной организации|учреждения|ео|по админ))?$/,
  ],
  [
    'schoolName',
    /(?:^| )(?:образовательн\S* (?:организаци|учреждени)\S*|общеобразовательн\S* (?:организаци|учреждени)\S*)|^(?:полное |краткое )?(?:наименование|название)(?: (?:оо|оу|школы|организации|образовательной организации|образовательного учреждения|учреждения))?$|^(?:оо|оу|школа|училище|учреждение)$/,
  ],
  [
    'municipality',
    /^(?:муниципальное образование|муниципалитет|муниципальный район|муниципальный округ|муниципальный район городской округ|городской округ|мо|мр|го|район|ато|община|наименование мо|наименование муниципального образования|мо го)$/,
  ],
  ['settlement', /^(?:населенный пункт|нп|населено място|поселение)$/],
  ['region', /^(?:регион|субъект|субъект рф|область|област|субъект российской федерации)$/],
  ['year', /^(?:год|учебный год|год проведения|год сдачи)$/],
  ['grade', /^(?:класс|классы|параллель)$/],
  ['className', /^(?:класс буква|литера|класс литера|буква класса)$/],
  ['subject', /^(?:предмет|учебный предмет|дисциплина|предмет экзамена)$/],
  [
    'procedure',
    /^(?:процедура|оценочная процедура|вид процедуры|вид оценочной процедуры|форма|форма аттестации|форма гиа)$/,
  ],
];

/** Measure of a whole column text (all its header pieces joined), checked in this order. */
const MEASURE_PATTERNS: Array<[Measure | StudentMeasure, RegExp]> = [
  [
    'belowMin',
    /не (?:преодол|набрал|достиг|прошл)|ниже (?:мин|порог|min)|(?:min|мин) порог|минимальн\S* (?:балл|порог)|(?:^| )(?:не справил)/,
  ],
  ['high80', /(?:^| )80 99(?: |$)|(?:^| )81 99(?: |$)|высокобалл/],
  ['high100', /(?:^| )100 балл|получили 100|стобалл|^100$/],
  [
    'mean',
    /(?:^| )(?:средн\S*|ср) (?:\S+ )?(?:балл|отметк|оценк|успех|значени|результат|процент|тестов|первичн|выполнени)|^(?:средн\S*|ср)$/,
  ],
  ['successPct', /(?:^| )успеваемост/],
  [
    'participants',
    /(?:принял\S*|принявш\S*) участ|участвовал|участник|(?:^| )явил|(?:^| )писал|выполнял|сдавал|(?:^| )кол во (?:уч|обуч|выпуск)|количество (?:уч|обуч|выпуск)|число (?:уч|обуч|выпуск)|^чел$|^человек$/,
  ],
  ['journalMark', /журнал|четверт|полугоди|годов\S* отметк|предыдущ|итогов\S* отметк/],
  ['testScore', /тестов|вторичн|100 балльн|стобалльн/],
  ['primaryScore', /первичн|^балл$|^баллы$|^сумма баллов$|^балл за работу$/],
  ['mark', /^(?:отметка|оценка)(?: |$)|отметка за (?:работу|экзамен)|^отметка по пятибалльной/],
];

/** A header piece that is only a mark: «2», "отметка 5", «кол-во 3», «получили "4"». */
const MARK_PIECE =
  /^(?:отметк\S*|оценк\S*|кол во|количество|получили|число|на|доля|процент|отметку)?\s*([2-5])$/;

/** Labels over column groups that do not name a subject. */
const GENERIC_LABEL =
  /^(?:из них|в том числе|в т ч|всего|итого|результаты|результат|чел|человек|кол во|количество|доля|процент|показатели|данные|выпускники|участники|максимальный балл)$/;

function isPercentText(raw: string): boolean {
  return /%|доля|процент/i.test(raw);
}

function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

/** The ident field a single header text names, if any. */
export function identOf(text: string): IdentField | null {
  const w = words(text);
  if (!w) return null;
  for (const [f, re] of IDENT_PATTERNS) if (re.test(w)) return f;
  return null;
}

/** The measure a column's joined header text names, if any. */
export function measureOf(pieces: string[]): Measure | StudentMeasure | null {
  const joined = words(pieces.join(' '));
  const pct = pieces.some(isPercentText);
  // A piece naming one mark («Отметка «2»», «кол-во 3») is a count of that mark, even though
  // «отметка» alone would name the student-level mark column.
  for (let i = pieces.length - 1; i >= 0; i--) {
    const mk = MARK_PIECE.exec(words(pieces[i]!));
    if (mk) return `mark${mk[1]}${pct ? 'Pct' : ''}` as Measure;
  }
  for (const [m, re] of MEASURE_PATTERNS) {
    if (!re.test(joined)) continue;
    if (m === 'belowMin' && pct) return 'belowMinPct';
    if (m === 'successPct') return pct ? 'successPct' : null;
    return m;
  }
  return null;
}

/** A row of consecutive numbers under a header: «1 2 3 …» (possibly restarting per group). */
export function isNumberingRow(row: Cell[]): boolean {
  // Most rows fail on their first cell: the list is made only for rows that start like numbering.
  let values: number[] | null = null;
  for (const c of row) {
    if (c === null || c === undefined) continue;
    const n =
      typeof c === 'number' ? c : typeof c === 'string' && /^\s*\d{1,3}\s*$/.test(c) ? Number(c) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 500) return false;
    (values ??= []).push(n);
  }
  if (!values) return false;
  if (values.length < 3) return false;
  let steps = 0;
  for (let i = 1; i < values.length; i++) if (values[i] === values[i - 1]! + 1) steps++;
  return values[0]! <= 2 && steps >= (values.length - 1) * 0.6;
}

function isEmptyRow(row: Cell[] | undefined): boolean {
  return !row || row.every((c) => c === null || c === undefined || cellText(c) === '');
}

function nonEmpty(row: Cell[] | undefined): number {
  return row ? row.filter((c) => cellText(c) !== '').length : 0;
}

const HEADER_SEARCH_ROWS = 40;
/** Procedures whose results are always per grade (ВПР, diagnostics): a table must say which. */
export const GRADE_REQUIRED = new Set(['VPR', 'REGIONAL']);
const MAX_HEADER_ROWS = 5;

/**
 * Detect the layout of a sheet from its first rows. Returns the layout, or null with a problem
 * naming the sheet when no header with a school column and at least one result column is found.
 */
export function detectLayout(head: Cell[][], merges: Merge[], ctx: LayoutContext): LayoutResult {
  const problems: Problem[] = [];
  const problem = (
    row: number,
    column: string,
    field: string,
    key: string,
    params: Record<string, string | number>,
    severity: 'error' | 'warning' = 'error',
  ) => problems.push({ file: ctx.file, sheet: ctx.sheet, row, column, field, key, params, severity });

  const rows = fillMerged({ name: ctx.sheet, rows: head, merges });
  // 1. The first row with a school (or participant) column and at least two recognised headers.
  let start = -1;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const row = rows[r] ?? [];
    let ident = 0;
    let known = 0;
    for (const c of row) {
      const t = cellText(c);
      if (!t) continue;
      const f = identOf(t);
      if (f === 'schoolName' || f === 'schoolCode' || f === 'studentKey') ident++;
      if (f || measureOf([t])) known++;
    }
    if (ident > 0 && (known >= 2 || nonEmpty(row) >= 3)) {
      start = r;
      break;
    }
  }
  if (start < 0) {
    problem(0, '', '', 'results.noHeader', { sheet: ctx.sheet }, 'warning');
    return { layout: null, problems, signature: null };
  }

  // 2. The header block: following rows until a numbering row, an empty row or a data row.
  const top = rows[start]!;
  const identCols = top
    .map((c, i) => ({ i, f: identOf(cellText(c)) }))
    .filter(
      (x) => x.f === 'schoolName' || x.f === 'schoolCode' || x.f === 'municipality' || x.f === 'studentKey',
    )
    .map((x) => x.i);
  let end = start;
  for (let r = start + 1; r < Math.min(rows.length, start + MAX_HEADER_ROWS); r++) {
    const row = rows[r];
    if (isEmptyRow(row) || isNumberingRow(head[r] ?? [])) break;
    const dataLike = identCols.some((i) => {
      const t = cellText(row![i]);
      return t !== '' && t !== cellText(top[i]);
    });
    if (dataLike) break;
    end = r;
  }

  // 3. Column headers: pieces from every header row; in CSV a group label spreads over the empty
  // cells to its right as long as the row below has headers there.
  const width = Math.max(...rows.slice(start, end + 1).map((r) => r.length), 0);
  const grid: string[][] = [];
  for (let r = start; r <= end; r++)
    grid.push(Array.from({ length: width }, (_, c) => cellText(rows[r]![c])));
  for (let k = 0; k < grid.length - 1; k++) {
    for (let c = 1; c < width; c++) {
      if (
        grid[k]![c] === '' &&
        grid[k]![c - 1] !== '' &&
        grid[k + 1]![c] !== '' &&
        grid[k + 1]![c - 1] !== ''
      ) {
        grid[k]![c] = grid[k]![c - 1]!;
      }
    }
  }
  const columns: ColumnInfo[] = [];
  for (let c = 0; c < width; c++) {
    const header: string[] = [];
    for (let k = 0; k < grid.length; k++) {
      const t = grid[k]![c]!;
      if (t && header[header.length - 1] !== t) header.push(t);
    }
    columns.push({
      index: c,
      letter: columnLetter(c),
      header,
      field: null,
      subject: null,
      grade: null,
      year: null,
    });
  }

  const signature = hashHex(
    columns
      .filter((c) => c.header.length)
      .map((c) => `${c.letter}=${words(c.header.join(' ')).replace(/(?<!\d)(?:19|20)\d{2}(?!\d)/g, '#')}`)
      .join('\n'),
  );

  // 4. Fields: ident columns by a single piece, measures by the joined text; subject, grade and
  // year of a measure column from its other pieces.
  const unknownLabels = new Map<string, number>();
  for (const col of columns) {
    if (!col.header.length) continue;
    const override = ctx.mapping.columns?.[col.letter];
    if (override === null) continue;
    if (override) {
      col.field = override.field;
      col.subject = override.subject ?? null;
      continue;
    }
    const idents = col.header.map(identOf).filter((f): f is IdentField => f !== null);
    const measure = measureOf(col.header);
    if (idents.length && (!measure || col.header.length === 1 || idents.length === col.header.length)) {
      col.field = idents[0]!;
      continue;
    }
    if (!measure) continue;
    col.field = measure;
    for (const piece of col.header) {
      const w = words(piece);
      const g = findGrade(piece);
      if (g !== null && (/^\d{1,2} ?[а-я]{0,2} ?(?:класс\S*|кл)$/.test(w) || /класс/.test(w)))
        col.grade ??= g;
      if (/^20\d{2}(?: год\S*| г)?$/.test(w)) col.year ??= Number(w.slice(0, 4));
    }
    const labelPieces = col.header.filter(
      (p) =>
        !measureOf([p]) &&
        !GENERIC_LABEL.test(words(p)) &&
        !/^20\d{2}(?: год\S*| г)?$/.test(words(p)) &&
        findGrade(p) === null,
    );
    let subject: string | null = null;
    for (const p of labelPieces) {
      const w = words(p).replace(/ (?:чел|человек|%)$/, '');
      if (ctx.mapping.subjects && w in ctx.mapping.subjects) {
        subject = ctx.mapping.subjects[w] ?? null;
        if (subject === null) col.field = null;
        break;
      }
      const s = ctx.catalog.findSubject(p);
      if (s) {
        subject = s.code;
        break;
      }
    }
    if (!subject && col.field) {
      const s = ctx.catalog.findSubject(col.header.join(' '));
      if (s) subject = s.code;
    }
    if (!subject && col.field && labelPieces.length) {
      // A group label that is not generic and names no known subject.
      const label = labelPieces[0]!;
      const w = words(label).replace(/ (?:чел|человек)$/, '');
      if (!/всего|итого|из них/.test(w) && !ctx.catalog.findProcedure(label)) {
        if (!unknownLabels.has(w)) unknownLabels.set(w, col.index);
        col.field = null;
      }
    }
    col.subject = subject;
  }

  // 5. Which kind of table this is.
  const ident: Partial<Record<IdentField, number>> = {};
  for (const col of columns) {
    if (
      col.field &&
      (IDENT_FIELDS as readonly string[]).includes(col.field) &&
      ident[col.field as IdentField] === undefined
    ) {
      ident[col.field as IdentField] = col.index;
    }
  }
  const studentMeasureCols = columns.filter((c) =>
    (STUDENT_MEASURES as readonly string[]).includes(c.field ?? ''),
  );
  const aggregateCols = columns.filter((c) => (MEASURES as readonly string[]).includes(c.field ?? ''));
  const kind: 'aggregate' | 'student' =
    ident.studentKey !== undefined || (studentMeasureCols.length > 0 && aggregateCols.length === 0)
      ? 'student'
      : 'aggregate';
  if (kind === 'student' && ident.grade !== undefined && ident.className === undefined) {
    // In a list of participants «Класс» is the class label (5А); the grade is its number.
    ident.className = ident.grade;
    delete ident.grade;
    columns[ident.className]!.field = 'className';
  }
  if (ident.personal !== undefined) {
    problem(
      start + 1,
      columns[ident.personal]!.letter,
      'personal',
      'results.personalDataIgnored',
      {},
      'warning',
    );
  }
  for (const [label, index] of unknownLabels) {
    problem(start + 1, columnLetter(index), 'subject', 'results.unknownSubjectHeader', {
      value: label,
    });
  }

  // 6. Groups of measure columns by (subject, grade, year).
  const measureCols = kind === 'student' ? studentMeasureCols : aggregateCols;
  const byKey = new Map<string, ColumnGroup>();
  const subjectless = measureCols.filter((c) => c.subject === null);
  const withSubject = measureCols.filter((c) => c.subject !== null);
  const titleText = [
    ctx.sheet,
    ...rows.slice(0, start).map((r) =>
      r
        .map(cellText)
        .filter((t, i, a) => t && a.indexOf(t) === i)
        .join(' '),
    ),
    ctx.file,
  ];
  const titleSubject = ctx.mapping.subject ?? null;
  // Columns without a subject count only when the subject comes from a column or the options, or
  // when no column names a subject (a one-subject table); otherwise they are totals over subjects.
  const useSubjectless =
    ident.subject !== undefined || titleSubject !== null || withSubject.length === 0 ? subjectless : [];
  if (useSubjectless.length === 0) {
    for (const col of subjectless) {
      problem(
        start + 1,
        col.letter,
        col.field ?? '',
        'results.columnIgnored',
        { header: col.header.join(' / ') },
        'warning',
      );
    }
  }
  for (const col of [...withSubject, ...useSubjectless]) {
    const key = `${col.subject ?? ''}|${col.grade ?? ''}|${col.year ?? ''}`;
    let g = byKey.get(key);
    if (!g) {
      g = { subject: col.subject, grade: col.grade, year: col.year, columns: {} };
      byKey.set(key, g);
    }
    const f = col.field as Measure | StudentMeasure;
    if (g.columns[f] === undefined) g.columns[f] = col.index;
  }
  const groups = [...byKey.values()].filter((g) =>
    kind === 'student'
      ? g.columns.mark !== undefined ||
        g.columns.testScore !== undefined ||
        g.columns.primaryScore !== undefined
      : Object.keys(g.columns).length > 0,
  );

  const hasSchool = ident.schoolName !== undefined || ident.schoolCode !== undefined;
  if (!hasSchool || groups.length === 0) {
    problem(
      start + 1,
      '',
      '',
      unknownLabels.size ? 'results.noKnownSubject' : 'results.noResultColumns',
      {
        sheet: ctx.sheet,
      },
      unknownLabels.size ? 'error' : 'warning',
    );
    return { layout: null, problems, signature };
  }

  // 7. Procedure, year, grade and subject of the sheet: options, then the sheet name, then the
  // title rows, then the file name.
  let procedure: ProcedureInfo | null = ctx.mapping.procedure
    ? (ctx.catalog.procedure(ctx.mapping.procedure) ?? null)
    : null;
  if (!procedure) for (const t of titleText) if ((procedure = ctx.catalog.findProcedure(t))) break;
  let year = ctx.mapping.year ?? null;
  if (year === null) for (const t of titleText) if ((year = findYear(t)) !== null) break;
  let grade = ctx.mapping.grade ?? null;
  if (grade === null) for (const t of titleText) if ((grade = findGrade(t)) !== null) break;
  if (grade === null && procedure?.defaultGrade) grade = procedure.defaultGrade;
  let subject = titleSubject;
  if (subject === null && groups.some((g) => g.subject === null) && ident.subject === undefined) {
    for (const t of titleText.slice(0, -1)) {
      const s = ctx.catalog.findSubject(t);
      if (s) {
        subject = s.code;
        break;
      }
    }
  }

  const at = start + 1;
  if (!procedure && ident.procedure === undefined)
    problem(at, '', 'procedure', 'results.noProcedure', { sheet: ctx.sheet });
  if (
    procedure &&
    GRADE_REQUIRED.has(procedure.code) &&
    grade === null &&
    ident.grade === undefined &&
    ident.className === undefined &&
    groups.some((g) => g.grade === null)
  ) {
    problem(at, '', 'grade', 'results.noGrade', { sheet: ctx.sheet, procedure: procedure.shortName });
  }
  if (year === null && ident.year === undefined && groups.some((g) => g.year === null)) {
    problem(at, '', 'year', 'results.noYear', { sheet: ctx.sheet });
  }
  if (groups.some((g) => g.subject === null) && subject === null && ident.subject === undefined) {
    problem(at, '', 'subject', 'results.noSubject', { sheet: ctx.sheet });
  }

  return {
    layout: {
      kind,
      headerStart: start,
      headerEnd: end,
      columns,
      ident,
      groups,
      procedure: procedure?.code ?? null,
      year,
      grade,
      subject,
      signature,
    },
    problems,
    signature,
  };
}
