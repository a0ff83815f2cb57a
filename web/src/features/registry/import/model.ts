/**
 * The pure part of the registry import wizard: checking the chosen file, editing the column
 * mapping, and the problems list as CSV. The server validates everything again; these only
 * make the wizard responsive and explain early what the server would refuse.
 */
import type { ImportField, ImportMapping, ImportProblem, ImportSheetMapping } from '../../../api/types';

/** The server's upload limit (MAX_UPLOAD_BYTES in server/src/platform/http/app.ts). */
export const MAX_UPLOAD_MB = 20;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;
export const ACCEPT = '.xlsx,.csv';

/** Why a chosen file cannot be sent: an i18n key and its parameters, or null when it can. */
export function checkFile(file: { name: string; size: number }): {
  key: string;
  params: Record<string, string | number>;
} | null {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls') return { key: 'web.import.file.legacyXls', params: { name: file.name } };
  if (ext !== 'xlsx' && ext !== 'csv') return { key: 'web.import.file.badType', params: { name: file.name } };
  if (file.size === 0) return { key: 'web.import.file.empty', params: { name: file.name } };
  if (file.size > MAX_UPLOAD_BYTES)
    return { key: 'web.import.file.tooLarge', params: { name: file.name, mb: MAX_UPLOAD_MB } };
  return null;
}

/** 0 → A, 25 → Z, 26 → AA: the column as Excel names it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The fields a «Контекст» sheet may hold besides region-defined indicators (server: CONTEXT_SHEET_FIELDS). */
export const CONTEXT_SHEET_KEYS: ReadonlySet<string> = new Set([
  'code',
  'schoolYear',
  'lowIncome',
  'singleParent',
  'parentsHigherEd',
  'ovz',
  'disabled',
  'registered',
  'nonRussian',
]);
/** Required on a «Контекст» sheet (the main sheet's required fields come with `fields`). */
export const CONTEXT_REQUIRED = ['code', 'schoolYear'] as const;

export const EXTRA = 'extra:';
export const isContextSheetField = (key: string) => CONTEXT_SHEET_KEYS.has(key) || key.startsWith(EXTRA);

export interface FieldChoice {
  value: string;
  label: string;
  required: boolean;
  group: 'school' | 'context' | 'extra';
}

/** The target fields offered above the columns of a sheet. */
export function fieldChoices(
  fields: readonly ImportField[],
  extras: readonly { code: string; name: string }[],
  isContext: boolean,
): FieldChoice[] {
  const out: FieldChoice[] = [];
  for (const f of fields) {
    if (isContext && !CONTEXT_SHEET_KEYS.has(f.key)) continue;
    const contextGroup = f.key !== 'code' && CONTEXT_SHEET_KEYS.has(f.key);
    out.push({
      value: f.key,
      label: f.label,
      required: isContext ? (CONTEXT_REQUIRED as readonly string[]).includes(f.key) : f.required,
      group: contextGroup ? 'context' : 'school',
    });
  }
  for (const e of extras)
    out.push({ value: `${EXTRA}${e.code}`, label: e.name, required: false, group: 'extra' });
  return out;
}

/** The label of a field key (`code`, `extra:orphans`); '' for a problem of the whole file. */
export function fieldLabel(
  key: string,
  fields: readonly ImportField[],
  extras: readonly { code: string; name: string }[],
): string {
  if (!key) return '';
  if (key.startsWith(EXTRA)) return extras.find((e) => `${EXTRA}${e.code}` === key)?.name ?? key.slice(6);
  return fields.find((f) => f.key === key)?.label ?? key;
}

/** The required fields no column is mapped to. */
export function missingRequired(m: ImportSheetMapping, choices: readonly FieldChoice[]): FieldChoice[] {
  const used = new Set(Object.values(m.columns));
  return choices.filter((c) => c.required && !used.has(c.value));
}

/**
 * Map column `col` to `field` ('' leaves the column out). A field belongs to one column:
 * choosing it for another column moves it there.
 */
export function assignColumn<M extends ImportSheetMapping>(m: M, col: number, field: string): M {
  const columns: Record<string, string> = {};
  for (const [c, f] of Object.entries(m.columns)) {
    if (Number(c) === col || (field && f === field)) continue;
    columns[c] = f;
  }
  if (field) columns[String(col)] = field;
  return { ...m, columns };
}

/** A comparable header: lower case, ё → е, every non-letter/digit run → one space. */
export function normaliseHeader(s: string | null | undefined): string {
  return (s ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The header texts that name a choice exactly: its labels, its key, an indicator's «name [code]». */
export type Names = ReadonlyMap<string, readonly string[]>;

/**
 * Columns whose header names a field exactly (when a sheet is chosen by hand, or the header
 * row moved). Columns already mapped, and fields already used, are left as they are.
 */
export function guessColumns(
  header: readonly (string | null)[],
  choices: readonly FieldChoice[],
  names: Names,
  keep: Record<string, string> = {},
): Record<string, string> {
  const columns = { ...keep };
  const used = new Set(Object.values(columns));
  const byName = new Map<string, string>();
  for (const c of choices) {
    for (const n of [c.label, c.value, ...(names.get(c.value) ?? [])]) {
      const k = normaliseHeader(n);
      if (k && !byName.has(k)) byName.set(k, c.value);
    }
  }
  header.forEach((text, col) => {
    if (columns[String(col)] !== undefined) return;
    const field = byName.get(normaliseHeader(text));
    if (!field || used.has(field)) return;
    columns[String(col)] = field;
    used.add(field);
  });
  return columns;
}

/** The mapping with the main sheet changed: a new header guess, and no context on that same sheet. */
export function withSheet(
  m: ImportMapping,
  sheet: string,
  header: readonly (string | null)[],
  choices: readonly FieldChoice[],
  names: Names,
): ImportMapping {
  const next: ImportMapping = { sheet, headerRow: 0, columns: guessColumns(header, choices, names) };
  if (m.context && m.context.sheet !== sheet) next.context = m.context;
  return next;
}

/** The header row moved (0-based): keep the chosen columns, map the others whose new header names a field. */
export function withHeaderRow<M extends ImportSheetMapping>(
  m: M,
  headerRow: number,
  header: readonly (string | null)[],
  choices: readonly FieldChoice[],
  names: Names,
): M {
  const next = { ...m, headerRow, columns: guessColumns(header, choices, names, m.columns) };
  // A two-row header cannot start above the first row.
  if (next.headerRows && next.headerRows > headerRow + 1) delete next.headerRows;
  return next;
}

/** A cell for a CSV opened by Excel: quoted when needed; formulas defused. */
function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The problems list as CSV for Excel: UTF-8 with a BOM (so that Excel reads Cyrillic),
 * `;` between cells (the list separator of Russian Excel), CRLF line ends.
 */
export function problemsCsv(
  problems: readonly ImportProblem[],
  header: readonly [string, string, string, string, string],
  labelOf: (field: string) => string,
): string {
  const lines = [header.map(csvCell).join(';')];
  for (const p of problems)
    lines.push(
      [p.sheet, p.row > 0 ? p.row : '', p.column, labelOf(p.field), p.message].map(csvCell).join(';'),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** «reestr.xlsx» → «reestr-problems.csv». */
export function problemsFileName(fileName: string, suffix: string): string {
  const base = fileName.replace(/\.[^.]+$/, '') || 'import';
  return `${base}-${suffix}.csv`;
}

/** Offer text to the browser as a download. */
export function download(text: string, fileName: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
