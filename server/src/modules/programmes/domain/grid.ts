/**
 * Roadmap documents (tab-separated text exported from Word, DOCX, XLSX/CSV) read into one
 * intermediate form: the document's rows in order, a table row as its cells, a paragraph as a row of
 * one cell. Works on Buffers and strings only (no file system, no database).
 */
import mammoth from 'mammoth';
import iconv from 'iconv-lite';
import { readTable, TableReadError, type Cell, type Sheet } from '../../../platform/tabular/read.js';
import { translate } from '../../../../../common/src/i18n/index.js';

export interface DocRow {
  cells: string[];
  /** Where the row is in the source: the line (text), the row of the sheet (XLSX), or the block (DOCX); 1-based. */
  source: number;
  /** Which table the row belongs to (0, 1, …), or -1 for a paragraph outside tables. */
  table: number;
  sheet?: string;
}

export type DocFormat = 'text' | 'docx' | 'xlsx' | 'csv';

export interface DocGrid {
  format: DocFormat;
  rows: DocRow[];
}

/** A document that cannot be read as a roadmap. `key` is a catalogue key (programmes.parse.*). */
export class RoadmapReadError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(translate('ru', key, params));
    this.name = 'RoadmapReadError';
  }
}

// ---------------------------------------------------------------------------------------------
// tab-separated text as Word exports it

const hasInnerTab = (line: string) =>
  line.indexOf('\t', 1) > 0 || (line.startsWith('\t') && line.length > 1 && line.slice(1).includes('\t'));
const ROMAN_HEADING = /^\s*[IVX]+\.\s+\S/;
const clean = (s: string) => s.replace(/\u00A0/g, ' ').trim();

/**
 * Two shapes occur in Word's plain-text export, often in one file:
 * - one cell per line: a row is a run of lines that start with a tab, each such line opening a cell;
 *   a line without a tab continues the cell above (a cell over several lines); a blank line ends the
 *   row, unless the row is still short of the table's width and the next text line has no tab (a
 *   blank line inside a cell);
 * - one row per line: cells separated by tabs; a row whose first cell is empty is usually the rest
 *   of the row above broken over two lines (merged by the roadmap reader, which knows the columns).
 * Any other line is a paragraph.
 */
export function textToGrid(text: string): DocGrid {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const rows: DocRow[] = [];
  let table = -1;
  let tableCount = 0;
  let width = 0; // widest row of the current one-cell-per-line table
  let current: DocRow | null = null;
  let inLineTable = false;

  const endRow = () => {
    if (current) {
      current.cells = current.cells.map(clean);
      width = Math.max(width, current.cells.length);
      rows.push(current);
    }
    current = null;
  };
  const newTable = () => {
    table = tableCount++;
    width = 0;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '' && !line.includes('\t')) {
      if (current) {
        let j = i + 1;
        while (j < lines.length && lines[j]!.trim() === '' && !lines[j]!.includes('\t')) j++;
        const next = lines[j];
        const row: DocRow = current;
        const short = width > 0 && row.cells.length < width;
        if (next !== undefined && short && !next.includes('\t') && !ROMAN_HEADING.test(next)) {
          row.cells[row.cells.length - 1] += '\n';
          continue;
        }
        endRow();
      }
      continue;
    }
    if (hasInnerTab(line)) {
      // one row per line
      endRow();
      if (!inLineTable) newTable();
      inLineTable = true;
      rows.push({ cells: line.split('\t').map(clean), source: lineNo, table });
      continue;
    }
    if (line.startsWith('\t')) {
      if (!current) {
        const prev = rows.at(-1);
        if (inLineTable || !prev || prev.table === -1) newTable();
        inLineTable = false;
        current = { cells: [], source: lineNo, table };
      }
      const row: DocRow = current;
      row.cells.push(line.slice(1));
      continue;
    }
    if (current) {
      const row: DocRow = current;
      const last = row.cells.length - 1;
      row.cells[last] = row.cells[last] ? `${row.cells[last]}\n${line}` : line;
      continue;
    }
    inLineTable = false;
    rows.push({ cells: [clean(line)], source: lineNo, table: -1 });
  }
  endRow();
  return { format: 'text', rows };
}

// ---------------------------------------------------------------------------------------------
// DOCX through mammoth's HTML

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
/** The text of an HTML fragment: paragraphs and line breaks become new lines. */
function htmlText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|li|h\d)>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

interface HtmlCell {
  text: string;
  colspan: number;
  rowspan: number;
}

/**
 * Walk mammoth's HTML: top-level paragraphs and tables in order. Merged cells are laid out as a
 * browser would: a cell spanning columns fills the first of them (the rest stay empty), a cell
 * spanning rows is copied down only when it is narrow (a shared deadline), not a heading.
 * A table nested in a cell is flattened into that cell's text.
 */
export function htmlToGrid(html: string): DocRow[] {
  const rows: DocRow[] = [];
  let block = 0;
  let tableNo = 0;
  const re = /<table\b[^>]*>|<\/table>|<(p|h\d|li)\b[^>]*>([\s\S]*?)<\/\1>/gi;
  let depth = 0;
  let tableStart = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const tag = m[0].toLowerCase();
    if (tag.startsWith('<table')) {
      if (depth === 0) tableStart = m.index;
      depth++;
      continue;
    }
    if (tag === '</table>') {
      depth--;
      if (depth === 0) {
        const t = html.slice(tableStart, m.index + m[0].length);
        for (const r of tableRows(t)) rows.push({ cells: r, source: ++block, table: tableNo });
        tableNo++;
      }
      continue;
    }
    if (depth > 0) continue;
    const text = htmlText(m[2] ?? '');
    block++;
    if (text) rows.push({ cells: [text], source: block, table: -1 });
  }
  return rows;
}

function tableRows(tableHtml: string): string[][] {
  // only this table's own rows: cut nested tables out of cells first
  const inner = tableHtml.replace(/^<table\b[^>]*>/i, '').replace(/<\/table>$/i, '');
  const trs = splitTop(inner, 'tr');
  const grid: string[][] = [];
  const pending: Array<{ text: string; left: number; until: number }> = [];
  trs.forEach((tr, r) => {
    const cells: HtmlCell[] = splitTop(tr, 'td|th').map((td) => ({
      text: htmlText(td.replace(/<table\b[\s\S]*<\/table>/gi, (t) => ` ${htmlText(t)} `)),
      colspan: Number(/\bcolspan="?(\d+)/i.exec(td.slice(0, td.indexOf('>') + 1))?.[1] ?? 1),
      rowspan: Number(/\browspan="?(\d+)/i.exec(td.slice(0, td.indexOf('>') + 1))?.[1] ?? 1),
    }));
    const row: string[] = [];
    const taken = new Set<number>();
    for (const p of pending) if (p.until >= r) taken.add(p.left);
    let col = 0;
    for (const c of cells) {
      while (taken.has(col)) {
        const p = pending.find((x) => x.left === col && x.until >= r);
        row[col] = p?.text ?? '';
        col++;
      }
      row[col] = c.text;
      for (let k = 1; k < c.colspan; k++) row[col + k] = '';
      if (c.rowspan > 1)
        pending.push({ text: c.colspan === 1 ? c.text : '', left: col, until: r + c.rowspan - 1 });
      col += Math.max(1, c.colspan);
    }
    for (const p of pending) if (p.until >= r && row[p.left] === undefined) row[p.left] = p.text;
    grid.push(Array.from(row, (x) => x ?? ''));
  });
  return grid;
}

/** The outer-most `<tag>…</tag>` elements of an HTML fragment, as their full HTML. */
function splitTop(html: string, tags: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<(/?)(${tags}|table)\\b[^>]*>`, 'gi');
  let depth = 0;
  let tableDepth = 0;
  let start = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    if (name === 'table') {
      tableDepth += closing ? -1 : 1;
      continue;
    }
    if (tableDepth > 0) continue;
    if (!closing) {
      if (depth === 0) start = m.index;
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) out.push(html.slice(start, m.index + m[0].length));
    }
  }
  return out;
}

export async function docxToGrid(data: Buffer, name: string): Promise<DocGrid> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: data })).value;
  } catch {
    throw new RoadmapReadError('programmes.parse.corrupt', { name });
  }
  return { format: 'docx', rows: htmlToGrid(html) };
}

// ---------------------------------------------------------------------------------------------
// XLSX and CSV through platform/tabular

function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) {
    const d = c;
    return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
  }
  return clean(String(c));
}

/** A sheet's rows as text; a range merged down one column (a shared deadline) is copied to each row. */
export function sheetToRows(sheet: Sheet, table: number): DocRow[] {
  const rows = sheet.rows.map((r) => r.map(cellText));
  for (const m of sheet.merges) {
    if (m.left !== m.right) continue;
    const v = rows[m.top]?.[m.left] ?? '';
    for (let r = m.top + 1; r <= m.bottom; r++) {
      const row = rows[r] ?? (rows[r] = []);
      while (row.length <= m.left) row.push('');
      row[m.left] = v;
    }
  }
  return rows
    .map((cells, i) => ({
      cells: Array.from(cells, (x) => x ?? ''),
      source: i + 1,
      table,
      sheet: sheet.name,
    }))
    .filter((r) => r.cells.some((c) => c !== ''));
}

// ---------------------------------------------------------------------------------------------
// format detection

const TEXT_EXT = new Set(['txt', 'tsv', 'tab', 'text', '']);
const TABLE_EXT = new Set(['xlsx', 'xlsm', 'csv']);

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}
const isZip = (d: Buffer) => d.length >= 4 && d[0] === 0x50 && d[1] === 0x4b && d[2]! < 9;
const isOle2 = (d: Buffer) =>
  d.length >= 8 && d.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

/** UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251; null for binary content. */
export function decodeText(data: Buffer): string | null {
  if (data[0] === 0xff && data[1] === 0xfe) return iconv.decode(data.subarray(2), 'utf16le');
  if (data[0] === 0xfe && data[1] === 0xff) return iconv.decode(data.subarray(2), 'utf16be');
  const probe = data.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of probe) {
    if (b === 0) return null;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > Math.max(2, probe.length * 0.01)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return iconv.decode(data, 'win1251');
  }
}

/** Read a roadmap document of any supported format into rows. */
export async function readDocument(fileName: string, data: Buffer): Promise<DocGrid> {
  const name = fileName;
  if (data.length === 0) throw new RoadmapReadError('programmes.parse.empty', { name });
  const ext = extensionOf(fileName);
  if (isZip(data)) {
    if (ext === 'docx' || ext === 'docm' || (!TABLE_EXT.has(ext) && data.includes('word/document.xml'))) {
      return docxToGrid(data, name);
    }
    if (TABLE_EXT.has(ext) || data.includes('xl/')) return readSheets(fileName, data);
    throw new RoadmapReadError('programmes.parse.unsupported', { name });
  }
  if (isOle2(data)) throw new RoadmapReadError('programmes.parse.legacy', { name });
  if (ext === 'csv') return readSheets(fileName, data);
  if (!TEXT_EXT.has(ext)) throw new RoadmapReadError('programmes.parse.unsupported', { name });
  const text = decodeText(data);
  if (text === null) throw new RoadmapReadError('programmes.parse.unsupported', { name });
  return textToGrid(text);
}

async function readSheets(fileName: string, data: Buffer): Promise<DocGrid> {
  try {
    const wb = await readTable(fileName, data);
    return { format: wb.format, rows: wb.sheets.flatMap((s, i) => sheetToRows(s, i)) };
  } catch (e) {
    if (e instanceof TableReadError) throw new RoadmapReadError(e.key, e.params);
    throw e;
  }
}
