/**
 * Cells and the Russian conventions for reading them (numbers, headers, column letters): the part
 * of the tabular reader with no dependencies, so that the results import's parse workers can be
 * bundled without exceljs. `read.ts` re-exports everything here.
 */
export type Cell = string | number | boolean | Date | null;

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One sheet. `rows[i]` is the file's row i + 1 (0-based, rows as in the file: leading empty rows
 * are kept as empty arrays so that indexes match what Excel shows; trailing empty rows and each
 * row's trailing empty cells are dropped). Empty strings are read as null. Merged ranges are
 * 0-based and inclusive; the value of a merged range is in its top-left cell only
 * (see `fillMerged`).
 */
export interface Sheet {
  name: string;
  rows: Cell[][];
  merges: Merge[];
}

/**
 * The rows of a sheet with each merged range's top-left value copied to every cell of the
 * range (rows are extended as needed). The sheet itself is not changed.
 */
export function fillMerged(sheet: Sheet): Cell[][] {
  const rows = sheet.rows.map((r) => r.slice());
  for (const m of sheet.merges) {
    const value = sheet.rows[m.top]?.[m.left] ?? null;
    if (value === null) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      while (rows.length <= r) rows.push([]);
      const row = rows[r]!;
      while (row.length <= m.right) row.push(null);
      for (let c = m.left; c <= m.right; c++) row[c] = value;
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Russian number and header conventions

const SPACES = /[\s\u00A0\u2007\u2009\u202F]/g;
const EMPTY_MARKERS = new Set(['', '-', '–', '—', '−', 'нет данных', 'н/д', 'н.д.', 'нд']);
const NUMBER_RE = /^[+-]?(?:\d+|\d{1,3}(?: \d{3})+)?(?:[.,]\d+)?(?:e[+-]?\d+)?$/;

/**
 * Parse a number as Russians write it: `12`, `'12,5'`, `'12.5'`, `'1 234,5'` (normal, non-breaking
 * or thin spaces between groups of three), `'−3'` (Unicode minus), `'45%'` → 45.
 * Empty cells and the markers `-`, `—`, `нет данных`, `н/д` are null; anything else is `'invalid'`.
 * Never throws.
 */
export function parseNumberRu(v: Cell): number | null | 'invalid' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : 'invalid'; // -0 → 0
  if (typeof v !== 'string') return 'invalid';
  let s = v.replace(SPACES, ' ').trim().toLowerCase();
  if (EMPTY_MARKERS.has(s.replace(/ +/g, ' '))) return null;
  s = s.replace(/[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g, '-');
  if (s.endsWith('%')) s = s.slice(0, -1).trimEnd();
  s = s.replace(/ +/g, ' ');
  // A sign may be separated from the digits by a space ("- 3").
  s = s.replace(/^([+-]) /, '$1');
  if (!/\d/.test(s) || !NUMBER_RE.test(s)) return 'invalid';
  const n = Number(s.replace(/ /g, '').replace(',', '.'));
  return Number.isFinite(n) ? n + 0 : 'invalid';
}

/**
 * A header reduced for matching: lower case, ё → е, all runs of spaces and line breaks collapsed
 * to one space, dashes and minus signs unified to `-`, and punctuation, symbols and spaces trimmed at both ends (`'Код ОО*'` → `'код оо'`,
 * `'Доля, %'` → `'доля'`).
 */
export function normaliseHeader(s: Cell | undefined): string {
  if (s === null || s === undefined) return '';
  const text = s instanceof Date ? s.toISOString().slice(0, 10) : String(s);
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00A0\u2007\u2009\u202F]+/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

/** The Excel column letter of a 0-based column index: 0 → A, 26 → AA. */
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
