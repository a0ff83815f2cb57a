/** XLSX export of a results table: a title row, grouped headers, one row per record. */
import ExcelJS from 'exceljs';
import { translate, type Locale } from '../../../../common/src/i18n/index.js';

export interface ExportColumn {
  /** Dotted path into the row object: 'school.marks.2'. */
  key: string;
  /** i18n key of the header. */
  header: string;
  /** i18n key of a group header above (e.g. school / municipality / region), or ''. */
  group?: string;
}

function pick(row: unknown, path: string): unknown {
  let v: unknown = row;
  for (const part of path.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[part];
  }
  return v ?? null;
}

export async function exportTable(
  locale: Locale,
  sheetKey: string,
  title: string,
  columns: ExportColumn[],
  rows: unknown[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(translate(locale, sheetKey).slice(0, 31));
  ws.addRow([title]).font = { bold: true, size: 12 };
  const grouped = columns.some((c) => c.group);
  if (grouped) {
    const g = ws.addRow(columns.map((c) => (c.group ? translate(locale, c.group) : '')));
    g.font = { bold: true };
    let start = 0;
    for (let i = 1; i <= columns.length; i++) {
      if (i === columns.length || columns[i]!.group !== columns[start]!.group) {
        if (columns[start]!.group && i - start > 1) ws.mergeCells(g.number, start + 1, g.number, i);
        start = i;
      }
    }
  }
  const h = ws.addRow(columns.map((c) => translate(locale, c.header)));
  h.font = { bold: true };
  h.alignment = { wrapText: true, vertical: 'top' };
  for (const r of rows) {
    ws.addRow(
      columns.map((c) => {
        const v = pick(r, c.key);
        return typeof v === 'number' || typeof v === 'string' ? v : null;
      }),
    );
  }
  columns.forEach(
    (c, i) => (ws.getColumn(i + 1).width = c.key.endsWith('name') || c.key === 'subject' ? 36 : 14),
  );
  ws.views = [{ state: 'frozen', ySplit: h.number }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
