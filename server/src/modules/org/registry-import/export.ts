/**
 * Export of the school registry to .xlsx in the same layout the import recognises:
 * sheet «Школы» (one row per school) and sheet «Контекст» (one row per school and year).
 * Headers are the fields' Russian labels, so an exported file re-imports unchanged.
 */
import ExcelJS from 'exceljs';
import {
  extraHeader,
  fieldHeader,
  SCHOOL_FIELD_KEYS,
  SHARE_KEYS,
  type ContextShares,
  type Locality,
  type RegistryFieldKey,
  type SchoolAttributes,
} from './domain.js';

export interface ExportSchool extends SchoolAttributes {
  municipalityCode: string;
  municipalityName: string;
}

export interface ExportContext extends ContextShares {
  schoolCode: string;
  /** The first calendar year of the school year (2023 for 2023/2024). */
  schoolYear: number;
  /** Values of region-defined indicators by code; missing codes are written as empty cells. */
  extra: Record<string, number | null>;
}

export const SCHOOLS_SHEET = 'Школы';
export const CONTEXT_SHEET = 'Контекст';

type Value = string | number | null;

interface Column<T> {
  header: string;
  value: (row: T) => Value;
  /** Numeric format for number cells. */
  numFmt?: string;
}

const LOCALITY_TEXT: Record<Locality, string> = { urban: 'городская', rural: 'сельская' };

export async function exportRegistryXlsx(
  rows: ExportSchool[],
  contexts: ExportContext[],
  extraIndicators: { code: string; name: string }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rost';
  wb.created = new Date();

  // «Школы»: the municipality is written as its code (what the import matches first) and,
  // for people, its name in a second column.
  const schoolColumns: Column<ExportSchool>[] = [];
  for (const key of SCHOOL_FIELD_KEYS) {
    if (key === 'municipality') {
      schoolColumns.push({ header: 'Код муниципалитета', value: (s) => s.municipalityCode });
      schoolColumns.push({ header: fieldHeader('municipality'), value: (s) => s.municipalityName });
      continue;
    }
    schoolColumns.push({
      header: fieldHeader(key),
      value: (s) => schoolValue(s, key),
      numFmt: numFmtOf(key),
    });
  }
  addSheet(wb, SCHOOLS_SHEET, schoolColumns, rows);

  const byCode = new Map(rows.map((s) => [s.code, s]));
  const contextColumns: Column<ExportContext>[] = [
    { header: fieldHeader('code'), value: (c) => c.schoolCode },
    { header: fieldHeader('shortName'), value: (c) => byCode.get(c.schoolCode)?.shortName ?? null },
    { header: fieldHeader('schoolYear'), value: (c) => `${c.schoolYear}/${c.schoolYear + 1}` },
    ...SHARE_KEYS.map((key) => ({ header: fieldHeader(key), value: (c: ExportContext) => c[key] })),
    ...extraIndicators.map((ind) => ({
      header: extraHeader(ind),
      value: (c: ExportContext) => c.extra[ind.code] ?? null,
    })),
  ];
  const sortedContexts = [...contexts].sort(
    (a, b) => a.schoolCode.localeCompare(b.schoolCode, 'ru') || a.schoolYear - b.schoolYear,
  );
  addSheet(wb, CONTEXT_SHEET, contextColumns, sortedContexts);

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function schoolValue(
  s: ExportSchool,
  key: Exclude<(typeof SCHOOL_FIELD_KEYS)[number], 'municipality'>,
): Value {
  const v = s[key];
  if (v === null || v === undefined) return null;
  if (key === 'isSmall') return v ? 'да' : 'нет';
  if (key === 'locality') return LOCALITY_TEXT[v as Locality];
  return v as string | number;
}

function numFmtOf(key: RegistryFieldKey): string | undefined {
  switch (key) {
    case 'shifts':
    case 'studentsNoo':
    case 'studentsOoo':
    case 'studentsSoo':
    case 'teachers':
    case 'vacancies':
      return '0';
    default:
      return undefined;
  }
}

function addSheet<T>(wb: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: T[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  const widths = columns.map((c) => Math.min(30, Math.max(10, c.header.length * 0.6)));
  for (const r of rows) {
    const values = columns.map((c) => c.value(r));
    const row = ws.addRow(values);
    values.forEach((v, i) => {
      const col = columns[i]!;
      if (typeof v === 'number' && col.numFmt) row.getCell(i + 1).numFmt = col.numFmt;
      // Text cells stay text even when they look like numbers (codes, INN with leading zeros).
      if (typeof v === 'string') row.getCell(i + 1).numFmt = '@';
      const len = v === null ? 0 : String(v).length;
      widths[i] = Math.min(60, Math.max(widths[i]!, len + 2));
    });
  }
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = Math.round(w);
  });
  if (columns.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }
}
