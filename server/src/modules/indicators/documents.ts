/**
 * Indicators in documents: the XLSX export of a programme's indicator table, and the rows that the
 * programme's DOCX and progress report print (targets with actual values and achievement).
 * Works on the table the service presents (no database here).
 */
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { translate, type Locale } from '../../../../common/src/i18n/index.js';
import type { IndicatorTable } from '../../../../common/src/schemas/indicators.js';

export type TableData = Pick<z.infer<typeof IndicatorTable>, 'years' | 'indicators'>;
type Row = TableData['indicators'][number];

/** A number as Russian documents write it: comma decimals, at most one decimal for shares. */
export function formatNumber(v: number | null | undefined, unit: Row['unit'], locale: Locale = 'ru'): string {
  if (v === null || v === undefined) return '';
  if (unit === 'boolean') return translate(locale, v ? 'indicators.doc.yes' : 'indicators.doc.no');
  const digits = unit === 'percent' || unit === 'score' ? 1 : 2;
  const s = String(Math.round(v * 10 ** digits) / 10 ** digits);
  return locale === 'ru' ? s.replace('.', ',') : s;
}

const targetOf = (r: Row, year: number) => r.targets.find((t) => t.year === year)?.value ?? null;

/** The cell of a year in the programme's indicator table: the target, and the actual value once known. */
export function yearCell(r: Row, year: number, locale: Locale): string {
  const target = targetOf(r, year);
  const v = r.values.find((x) => x.year === year);
  const parts: string[] = [];
  if (target !== null) parts.push(formatNumber(target, r.unit, locale));
  if (v)
    parts.push(
      translate(locale, 'indicators.doc.actual', {
        value:
          v.value === null
            ? translate(locale, 'indicators.doc.noData')
            : formatNumber(v.value, r.unit, locale),
      }),
    );
  return parts.join('\n');
}

/**
 * Rows of the achievement table of the progress report: one per indicator with a value, for its
 * latest year: name, year, target, actual, achievement, how it was obtained.
 */
export function achievementRows(t: TableData, locale: Locale): string[][] {
  const out: string[][] = [];
  for (const r of t.indicators) {
    const v = [...r.values].sort((a, b) => b.year - a.year)[0];
    if (!v) continue;
    const how =
      v.method === 'computed'
        ? v.noData
          ? v.noData.message
          : translate(locale, 'indicators.doc.computed', {
              numerator: formatNumber(v.numerator, 'count', locale),
              denominator: formatNumber(v.denominator, 'count', locale),
            })
        : translate(locale, 'indicators.doc.manual', { source: v.source ?? '' });
    out.push([
      r.number ?? '',
      r.name,
      String(v.year),
      formatNumber(v.target, r.unit, locale),
      v.value === null ? translate(locale, 'indicators.doc.noData') : formatNumber(v.value, r.unit, locale),
      translate(locale, `indicators.achievement.${v.achievement}`),
      how,
    ]);
  }
  return out;
}

export const ACHIEVEMENT_HEADER = [
  'doc.col.number',
  'doc.col.indicator',
  'indicators.doc.year',
  'indicators.doc.target',
  'indicators.doc.actualHeader',
  'indicators.doc.achievement',
  'indicators.doc.how',
];

const FILL: Record<string, string> = {
  achieved: 'FFD9F2DC',
  close: 'FFFFF1C2',
  not_achieved: 'FFF9D6D5',
  no_data: 'FFEDEDED',
};

/** The programme's indicators as a workbook: the table by years, and every value with its calculation. */
export async function indicatorsXlsx(t: TableData, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(translate(locale, 'indicators.doc.sheet.table'));
  const head1 = [
    translate(locale, 'doc.col.number'),
    translate(locale, 'doc.col.indicator'),
    translate(locale, 'doc.col.unit'),
    translate(locale, 'indicators.doc.direction'),
    translate(locale, 'indicators.doc.method'),
    translate(locale, 'doc.col.baseline'),
  ];
  const head2 = head1.map(() => '');
  for (const y of t.years) {
    head1.push(String(y), '', '');
    head2.push(
      translate(locale, 'indicators.doc.target'),
      translate(locale, 'indicators.doc.actualHeader'),
      translate(locale, 'indicators.doc.achievement'),
    );
  }
  ws.addRow(head1).font = { bold: true };
  ws.addRow(head2).font = { bold: true };
  t.years.forEach((_, k) => ws.mergeCells(1, 7 + k * 3, 1, 9 + k * 3));
  ws.columns = [
    { width: 8 },
    { width: 60 },
    { width: 8 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    ...t.years.flatMap(() => [{ width: 10 }, { width: 10 }, { width: 14 }]),
  ];
  for (const r of t.indicators) {
    const cells: Array<string | number | null> = [
      r.number ?? '',
      r.name,
      r.unitLabel,
      translate(locale, `indicators.direction.${r.direction}`),
      translate(locale, `indicators.method.${r.method}`),
      r.baseline === null ? null : r.baseline,
    ];
    const fills: Array<string | null> = [];
    for (const y of t.years) {
      const v = r.values.find((x) => x.year === y);
      cells.push(
        targetOf(r, y),
        v?.value ?? null,
        v ? translate(locale, `indicators.achievement.${v.achievement}`) : '',
      );
      fills.push(v ? FILL[v.achievement]! : null);
    }
    const row = ws.addRow(cells);
    row.alignment = { wrapText: true, vertical: 'top' };
    fills.forEach((f, k) => {
      if (f) row.getCell(9 + k * 3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: f } };
    });
  }
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];

  const vs = wb.addWorksheet(translate(locale, 'indicators.doc.sheet.values'));
  vs.addRow([
    translate(locale, 'doc.col.indicator'),
    translate(locale, 'indicators.doc.year'),
    translate(locale, 'indicators.doc.actualHeader'),
    translate(locale, 'indicators.doc.numerator'),
    translate(locale, 'indicators.doc.denominator'),
    translate(locale, 'indicators.doc.counted'),
    translate(locale, 'indicators.doc.missing'),
    translate(locale, 'indicators.doc.method'),
    translate(locale, 'indicators.doc.sourceHeader'),
    translate(locale, 'indicators.doc.computedAt'),
    translate(locale, 'indicators.doc.fingerprint'),
  ]).font = { bold: true };
  vs.columns = [
    { width: 60 },
    { width: 8 },
    { width: 10 },
    { width: 12 },
    { width: 12 },
    { width: 10 },
    { width: 10 },
    { width: 14 },
    { width: 50 },
    { width: 20 },
    { width: 20 },
  ];
  for (const r of t.indicators)
    for (const v of r.values)
      vs.addRow([
        r.name,
        v.year,
        v.value,
        v.numerator,
        v.denominator,
        v.method === 'computed' ? v.counted : null,
        v.method === 'computed' ? v.missing : null,
        translate(locale, `indicators.method.${v.method}`),
        v.noData ? v.noData.message : (v.source ?? ''),
        v.computedAt.slice(0, 16).replace('T', ' '),
        v.fingerprint ? v.fingerprint.slice(0, 16) : '',
      ]).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
