/**
 * The list (перечень) as documents: DOCX in the official layout («Приложение к приказу … от … № …»,
 * the title, a numbered table: municipality, school, category, grounds) and XLSX with the same
 * columns. Works on the data the service gathers (no database here); returns Buffers.
 */
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { translate, type Locale } from '../../../../common/src/i18n/index.js';
import type { IdentificationService } from './service.js';

export type ListDocumentData = Awaited<ReturnType<IdentificationService['documentData']>>;

const FONT = 'Times New Roman';
const COLUMNS = ['number', 'municipality', 'school', 'category', 'grounds'] as const;
const WIDTHS = [5, 18, 27, 12, 38];

function para(
  text: string,
  o: {
    bold?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    size?: number;
    after?: number;
  } = {},
) {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.LEFT,
    spacing: { after: o.after ?? 0 },
    children: text.split('\n').map(
      (l, i) =>
        new TextRun({
          text: l,
          bold: o.bold ?? false,
          font: FONT,
          size: o.size ?? 24,
          ...(i > 0 ? { break: 1 } : {}),
        }),
    ),
  });
}

function cell(text: string, width: number, bold = false) {
  return new TableCell({
    children: [para(text, { bold, size: 20 })],
    width: { size: width, type: WidthType.PERCENTAGE },
  });
}

const category = (locale: Locale, display: string) => translate(locale, `identification.display.${display}`);

/** The header lines: «Приложение к приказу» and «от … № …» (or «Проект» when not approved). */
export function headerLines(data: ListDocumentData, locale: Locale): string[] {
  if (!data.approved) return [translate(locale, 'identification.doc.draft')];
  return [
    translate(locale, 'identification.doc.appendix'),
    translate(locale, 'identification.doc.order', {
      date: data.orderDate ?? '',
      number: data.orderNumber ?? '',
    }),
  ];
}

export async function listDocx(data: ListDocumentData, locale: Locale = 'ru'): Promise<Buffer> {
  const children: Array<Paragraph | Table> = headerLines(data, locale).map((l) =>
    para(l, { align: AlignmentType.RIGHT }),
  );
  children.push(para('', { after: 200 }));
  children.push(
    para(translate(locale, 'identification.doc.title', { year: data.year }), {
      bold: true,
      align: AlignmentType.CENTER,
      after: 240,
    }),
  );
  if (!data.rows.length) children.push(para(translate(locale, 'identification.doc.empty')));
  else {
    const rows = [
      new TableRow({
        tableHeader: true,
        children: COLUMNS.map((c, i) =>
          cell(translate(locale, `identification.doc.col.${c}`), WIDTHS[i]!, true),
        ),
      }),
      ...data.rows.map(
        (r, i) =>
          new TableRow({
            children: [
              cell(String(i + 1), WIDTHS[0]!),
              cell(r.municipality, WIDTHS[1]!),
              cell(r.school, WIDTHS[2]!),
              cell(category(locale, r.display), WIDTHS[3]!),
              cell(r.explanation.join('\n'), WIDTHS[4]!),
            ],
          }),
      ),
    ];
    children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
  }
  const doc = new Document({
    creator: 'Rost',
    title: translate(locale, 'identification.doc.title', { year: data.year }),
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(doc);
}

export async function listXlsx(data: ListDocumentData, locale: Locale = 'ru'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rost';
  const ws = wb.addWorksheet(translate(locale, 'identification.doc.sheet'));
  ws.columns = [{ width: 7 }, { width: 30 }, { width: 50 }, { width: 18 }, { width: 100 }];
  for (const l of headerLines(data, locale))
    ws.addRow(['', '', '', '', l]).getCell(5).alignment = { horizontal: 'right' };
  const title = ws.addRow([translate(locale, 'identification.doc.title', { year: data.year })]);
  title.font = { bold: true };
  ws.mergeCells(title.number, 1, title.number, COLUMNS.length);
  title.getCell(1).alignment = { wrapText: true, horizontal: 'center' };
  title.height = 36;
  const head = ws.addRow(COLUMNS.map((c) => translate(locale, `identification.doc.col.${c}`)));
  head.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: head.number }];
  data.rows.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      r.municipality,
      r.school,
      category(locale, r.display),
      r.explanation.join('\n'),
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
