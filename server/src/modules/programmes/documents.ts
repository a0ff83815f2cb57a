/**
 * Documents out: the programme with its roadmap as DOCX in the official layout («Приложение к приказу
 * … от … № …», title, passport, numbered table) and as XLSX, and the progress report as DOCX.
 * Works on the data the service gathers (no database here); returns Buffers.
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
import { countItems, daysOverdue, percentRu, progressOf, type WorkItem } from './domain/progress.js';
import type { ProgrammesService } from './service.js';
import {
  ACHIEVEMENT_HEADER,
  achievementRows,
  formatNumber,
  yearCell,
  type TableData as IndicatorTableData,
} from '../indicators/documents.js';

export type DocumentData = Awaited<ReturnType<ProgrammesService['documentData']>>;
type Act = DocumentData['activities'][number];

const dmy = (iso: string | null) => (iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '');
const FONT = 'Times New Roman';

function para(
  text: string,
  o: {
    bold?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    size?: number;
    after?: number;
  } = {},
) {
  const lines = text.split('\n');
  return new Paragraph({
    alignment: o.align ?? AlignmentType.LEFT,
    spacing: { after: o.after ?? 0 },
    children: lines.map(
      (l, i) =>
        new TextRun({
          text: l,
          bold: o.bold ?? false,
          font: FONT,
          size: o.size ?? 22,
          ...(i > 0 ? { break: 1 } : {}),
        }),
    ),
  });
}
function cell(text: string, o: { bold?: boolean; span?: number; width?: number } = {}) {
  return new TableCell({
    children: [para(text, { bold: o.bold ?? false, size: 20 })],
    ...(o.span ? { columnSpan: o.span } : {}),
    ...(o.width ? { width: { size: o.width, type: WidthType.PERCENTAGE } } : {}),
  });
}
const table = (rows: TableRow[]) => new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });

/** Sections in reading order (parents before children, by sort order) with their activities. */
export function ordered(data: Pick<DocumentData, 'sections' | 'activities'>) {
  const out: Array<{ kind: 'section'; title: string } | { kind: 'activity'; a: Act }> = [];
  const byParent = (id: number | null) =>
    data.sections.filter((s) => s.parentId === id).sort((x, y) => x.sortOrder - y.sortOrder || x.id - y.id);
  const acts = (sectionId: number | null) => data.activities.filter((a) => a.sectionId === sectionId);
  for (const a of acts(null)) out.push({ kind: 'activity', a });
  const walk = (id: number | null) => {
    for (const s of byParent(id)) {
      const number = s.number ? (s.number.includes('.') ? s.number : `${s.number}.`) : '';
      out.push({ kind: 'section', title: `${number} ${s.title}`.trim() });
      for (const a of acts(s.id)) out.push({ kind: 'activity', a });
      walk(s.id);
    }
  };
  walk(null);
  // activities of a section that no longer exists
  const known = new Set(data.sections.map((s) => s.id));
  for (const a of data.activities)
    if (a.sectionId !== null && !known.has(a.sectionId)) out.push({ kind: 'activity', a });
  return out;
}

function mark(a: Act, locale: Locale) {
  if (a.status === 'done')
    return `${translate(locale, 'activity.status.done')}${a.completedAt ? ` ${dmy(a.completedAt.slice(0, 10))}` : ''}`;
  if (a.status === 'planned' && !a.overdue) return a.completionMark ?? '';
  return translate(locale, a.overdue ? 'activity.status.overdue' : `activity.status.${a.status}`);
}
const product = (a: Act, locale: Locale) =>
  a.productText ?? (a.productType ? translate(locale, `product.${a.productType}`) : '');

function header(data: DocumentData, locale: Locale): Paragraph[] {
  const g = data.programme;
  const out: Paragraph[] = [];
  if (g.orderNumber || g.orderDate) {
    out.push(para(translate(locale, 'doc.appendix'), { align: AlignmentType.RIGHT }));
    out.push(
      para(translate(locale, 'doc.toOrder', { issuer: g.orderIssuer ?? '' }).trim(), {
        align: AlignmentType.RIGHT,
      }),
    );
    out.push(
      para(
        translate(locale, 'doc.orderLine', {
          date: dmy(g.orderDate) || '__.__.____',
          number: g.orderNumber ?? '____',
        }),
        {
          align: AlignmentType.RIGHT,
          after: 240,
        },
      ),
    );
  }
  out.push(para(g.name, { bold: true, align: AlignmentType.CENTER, size: 26, after: 240 }));
  return out;
}

function passportRows(data: DocumentData, locale: Locale): Array<[string, string]> {
  const g = data.programme;
  const basis = g.orderNumber
    ? `${translate(locale, 'doc.toOrder', { issuer: g.orderIssuer ?? '' })} ${translate(locale, 'doc.orderLine', { date: dmy(g.orderDate), number: g.orderNumber })}`
    : '';
  const rows: Array<[string, string]> = [
    ['doc.field.name', g.name],
    ['doc.field.basis', basis.replace(/^к /, 'Приказ ')],
    ['doc.field.developers', g.developers ?? ''],
    ['doc.field.executors', g.executors ?? ''],
    ['doc.field.goals', g.goals ?? ''],
    ['doc.field.tasks', g.tasks.map((t, i) => `${i + 1}. ${t}`).join('\n')],
    ['doc.field.expectedResults', g.expectedResults ?? ''],
    ['doc.field.period', g.periodFrom && g.periodTo ? `${dmy(g.periodFrom)} – ${dmy(g.periodTo)}` : ''],
    ['doc.field.stages', g.stages.join('\n')],
    ['doc.field.controllers', g.controllers ?? ''],
    ['doc.field.status', translate(locale, `programmes.status.${g.status}`)],
  ];
  return rows.filter(([, v]) => v.trim() !== '').map(([k, v]) => [translate(locale, k), v]);
}

const ROADMAP_COLUMNS = [
  'doc.col.number',
  'doc.col.text',
  'doc.col.deadline',
  'doc.col.executors',
  'doc.col.result',
  'doc.col.product',
  'doc.col.status',
];

/**
 * The programme as DOCX. The indicator table (the indicators module's) shows each year's target and,
 * once known, the actual value.
 */
export async function programmeDocx(
  data: DocumentData,
  locale: Locale,
  indicators: IndicatorTableData,
): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [...header(data, locale)];
  children.push(
    para(translate(locale, 'doc.passport'), { bold: true, align: AlignmentType.CENTER, after: 120 }),
  );
  children.push(
    table(
      passportRows(data, locale).map(
        ([k, v]) => new TableRow({ children: [cell(k, { bold: true, width: 25 }), cell(v, { width: 75 })] }),
      ),
    ),
  );
  if (indicators.indicators.length) {
    const years = indicators.years;
    children.push(
      para('', { after: 120 }),
      para(translate(locale, 'doc.indicators'), { bold: true, align: AlignmentType.CENTER, after: 120 }),
      table([
        new TableRow({
          tableHeader: true,
          children: [
            cell(translate(locale, 'doc.col.number'), { bold: true }),
            cell(translate(locale, 'doc.col.indicator'), { bold: true }),
            cell(translate(locale, 'doc.col.unit'), { bold: true }),
            cell(translate(locale, 'doc.col.baseline'), { bold: true }),
            ...years.map((y) => cell(String(y), { bold: true })),
          ],
        }),
        ...indicators.indicators.map(
          (ind, k) =>
            new TableRow({
              children: [
                cell(ind.number ?? String(k + 1)),
                cell(ind.name),
                cell(ind.unitLabel),
                cell(
                  ind.baseline === null
                    ? ''
                    : `${formatNumber(ind.baseline, ind.unit, locale)}${ind.baselineYear ? ` (${ind.baselineYear})` : ''}`,
                ),
                ...years.map((y) => cell(yearCell(ind, y, locale))),
              ],
            }),
        ),
      ]),
    );
  }
  children.push(
    para('', { after: 120 }),
    para(translate(locale, 'doc.roadmap'), { bold: true, align: AlignmentType.CENTER, after: 120 }),
  );
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: ROADMAP_COLUMNS.map((k) => cell(translate(locale, k), { bold: true })),
    }),
  ];
  let n = 0;
  for (const item of ordered(data)) {
    if (item.kind === 'section')
      rows.push(new TableRow({ children: [cell(item.title, { bold: true, span: ROADMAP_COLUMNS.length })] }));
    else {
      n++;
      const a = item.a;
      rows.push(
        new TableRow({
          children: [
            cell(a.number ?? String(n)),
            cell(a.text),
            cell(a.deadlineText),
            cell(a.executors ?? a.executorUsers.map((u) => u.fullName).join(', ')),
            cell(a.plannedResult ?? ''),
            cell(product(a, locale)),
            cell(mark(a, locale)),
          ],
        }),
      );
    }
  }
  children.push(table(rows));
  const doc = new Document({
    creator: 'Rost',
    title: data.programme.name,
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(doc);
}

export async function programmeXlsx(data: DocumentData, locale: Locale = 'ru'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rost';
  const ps = wb.addWorksheet(translate(locale, 'doc.sheet.passport'));
  ps.columns = [{ width: 32 }, { width: 100 }];
  for (const [k, v] of passportRows(data, locale)) {
    const r = ps.addRow([k, v]);
    r.getCell(1).font = { bold: true };
    r.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  const rs = wb.addWorksheet(translate(locale, 'doc.sheet.roadmap'));
  rs.columns = [
    { width: 8 },
    { width: 60 },
    { width: 20 },
    { width: 30 },
    { width: 40 },
    { width: 18 },
    { width: 20 },
    { width: 12 },
    { width: 12 },
  ];
  const head = rs.addRow([...ROADMAP_COLUMNS.map((k) => translate(locale, k)), 'Срок (с)', 'Срок (до)']);
  head.font = { bold: true };
  rs.views = [{ state: 'frozen', ySplit: 1 }];
  let n = 0;
  for (const item of ordered(data)) {
    if (item.kind === 'section') {
      const r = rs.addRow([item.title]);
      r.font = { bold: true };
      rs.mergeCells(r.number, 1, r.number, ROADMAP_COLUMNS.length);
      continue;
    }
    n++;
    const a = item.a;
    const r = rs.addRow([
      a.number ?? String(n),
      a.text,
      a.deadlineText,
      a.executors ?? a.executorUsers.map((u) => u.fullName).join(', '),
      a.plannedResult ?? '',
      product(a, locale),
      mark(a, locale),
      a.dueFrom ?? '',
      a.dueTo ?? '',
    ]);
    r.alignment = { wrapText: true, vertical: 'top' };
  }
  if (data.indicators.length) {
    const is = wb.addWorksheet(translate(locale, 'doc.sheet.indicators'));
    const years = [
      ...new Set(
        data.indicators.flatMap((i) => i.targets.map((t) => t.year)).filter((y): y is number => y !== null),
      ),
    ].sort();
    is.addRow([
      translate(locale, 'doc.col.number'),
      translate(locale, 'doc.col.indicator'),
      translate(locale, 'doc.col.unit'),
      translate(locale, 'doc.col.baseline'),
      ...years.map(String),
    ]).font = { bold: true };
    is.columns = [
      { width: 8 },
      { width: 70 },
      { width: 10 },
      { width: 14 },
      ...years.map(() => ({ width: 10 })),
    ];
    for (const ind of data.indicators)
      is.addRow([
        ind.number ?? '',
        ind.name,
        ind.unit ?? '',
        ind.baseline,
        ...years.map((y) => ind.targets.find((t) => t.year === y)?.value ?? null),
      ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Work items of the programme: single-deadline activities and each period of recurring ones. */
function items(data: DocumentData) {
  const out: Array<{
    a: Act;
    label: string | null;
    item: WorkItem;
    occurrenceId: number | null;
    completedAt: string | null;
  }> = [];
  for (const a of data.activities) {
    if (!a.recurring) {
      out.push({
        a,
        label: null,
        occurrenceId: null,
        completedAt: a.completedAt,
        item: { status: a.status, dueTo: a.dueTo, completedOn: a.completedAt?.slice(0, 10) ?? null },
      });
      continue;
    }
    for (const o of data.occurrences.filter((x) => x.activityId === a.id))
      out.push({
        a,
        label: o.label,
        occurrenceId: o.id,
        completedAt: o.completedAt,
        item: {
          status: a.status === 'cancelled' ? 'cancelled' : o.status,
          dueTo: o.dueTo,
          completedOn: o.completedAt?.slice(0, 10) ?? null,
        },
      });
  }
  return out;
}

/** The progress report as DOCX; with `indicators`, a section on the achievement of the target indicators. */
export async function progressReportDocx(
  data: DocumentData,
  locale: Locale = 'ru',
  indicators?: IndicatorTableData,
): Promise<Buffer> {
  const all = items(data);
  const p = progressOf(
    countItems(
      all.map((x) => x.item),
      data.today,
    ),
  );
  const children: Array<Paragraph | Table> = [
    para(translate(locale, 'doc.report.title'), { bold: true, align: AlignmentType.CENTER, size: 26 }),
    para(`«${data.programme.name}»`, { align: AlignmentType.CENTER }),
    para(translate(locale, 'doc.report.asOf', { date: dmy(data.today) }), {
      align: AlignmentType.CENTER,
      after: 240,
    }),
    para(
      translate(locale, 'doc.report.summary', {
        total: p.total,
        done: p.done,
        shareDone: percentRu(p.shareDone),
        onTime: p.doneOnTime,
        overdue: p.overdue,
        cancelled: p.cancelled,
      }),
      { after: 240 },
    ),
  ];
  const evidenceOf = (activityId: number, occurrenceId: number | null) =>
    data.evidence
      .filter(
        (e) =>
          e.activityId === activityId &&
          (occurrenceId === null || e.occurrenceId === occurrenceId || e.occurrenceId === null),
      )
      .map(
        (e) =>
          `${e.title}${e.kind === 'link' ? ` (${e.url})` : e.fileName && e.fileName !== e.title ? ` (${e.fileName})` : ''} — ${translate(locale, `evidence.review.${e.reviewStatus}`)}`,
      );
  const title = (x: (typeof all)[number]) => `${x.a.text}${x.label ? ` (${x.label})` : ''}`;

  const done = all.filter((x) => x.item.status === 'done');
  children.push(para(translate(locale, 'doc.report.done'), { bold: true, after: 120 }));
  if (done.length === 0) children.push(para(translate(locale, 'doc.report.none'), { after: 240 }));
  else
    children.push(
      table([
        new TableRow({
          tableHeader: true,
          children: [
            'doc.col.number',
            'doc.col.text',
            'doc.col.deadline',
            'doc.report.completedAt',
            'doc.report.evidence',
          ].map((k) => cell(translate(locale, k), { bold: true })),
        }),
        ...done.map((x) => {
          const ev = evidenceOf(x.a.id, x.occurrenceId);
          return new TableRow({
            children: [
              cell(x.a.number ?? ''),
              cell(title(x)),
              cell(x.a.deadlineText),
              cell(x.completedAt ? dmy(x.completedAt.slice(0, 10)) : ''),
              cell(ev.length ? ev.join('\n') : translate(locale, 'doc.report.noEvidence')),
            ],
          });
        }),
      ]),
    );
  const overdue = all.filter(
    (x) =>
      x.item.status !== 'done' &&
      x.item.status !== 'cancelled' &&
      x.item.dueTo !== null &&
      x.item.dueTo < data.today,
  );
  children.push(
    para('', { after: 120 }),
    para(translate(locale, 'doc.report.overdue'), { bold: true, after: 120 }),
  );
  if (overdue.length === 0) children.push(para(translate(locale, 'doc.report.none')));
  else
    children.push(
      table([
        new TableRow({
          tableHeader: true,
          children: [
            'doc.col.number',
            'doc.col.text',
            'doc.col.deadline',
            'doc.col.executors',
            'doc.report.daysOverdue',
          ].map((k) => cell(translate(locale, k), { bold: true })),
        }),
        ...overdue.map(
          (x) =>
            new TableRow({
              children: [
                cell(x.a.number ?? ''),
                cell(title(x)),
                cell(`${x.a.deadlineText}${x.item.dueTo ? ` (${dmy(x.item.dueTo)})` : ''}`),
                cell(x.a.executors ?? ''),
                cell(String(daysOverdue(x.item, data.today))),
              ],
            }),
        ),
      ]),
    );
  const achieved = indicators ? achievementRows(indicators, locale) : [];
  if (achieved.length)
    children.push(
      para('', { after: 120 }),
      para(translate(locale, 'indicators.doc.reportSection'), { bold: true, after: 120 }),
      table([
        new TableRow({
          tableHeader: true,
          children: ACHIEVEMENT_HEADER.map((k) => cell(translate(locale, k), { bold: true })),
        }),
        ...achieved.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
      ]),
    );
  const doc = new Document({
    creator: 'Rost',
    title: translate(locale, 'doc.report.title'),
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(doc);
}
