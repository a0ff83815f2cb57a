import { translate, type Locale } from '../../../../../common/src/i18n/index.js';

/** Number formatting for explanations: decimal comma and a true minus sign in Russian. */
export function formatNumber(
  locale: Locale,
  value: number,
  digits: number,
  options: { sign?: boolean } = {},
): string {
  const rounded = Number(value.toFixed(digits));
  const abs = Math.abs(rounded).toFixed(digits);
  const body = locale === 'ru' ? abs.replace('.', ',') : abs;
  if (rounded < 0) return (locale === 'ru' ? '−' : '-') + body;
  if (options.sign && rounded > 0) return '+' + body;
  return body;
}

/** A share 0..1 as a percentage with one decimal: 0.4118 → "41,2". */
export function formatPercent(locale: Locale, share: number): string {
  return formatNumber(locale, share * 100, 1);
}

/** A threshold 0..1 as a percentage without needless decimals: 0.3 → "30", 0.255 → "25,5". */
export function formatThreshold(locale: Locale, share: number): string {
  const s = formatNumber(locale, share * 100, 1);
  return s.replace(/[.,]0$/, '');
}

/** Russian plural form: 1 участник, 2 участника, 5 участников (one / few / many). */
export function pluralForm(n: number): 'one' | 'few' | 'many' {
  const a = Math.abs(Math.trunc(n));
  const d = a % 10;
  const dd = a % 100;
  if (d === 1 && dd !== 11) return 'one';
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return 'few';
  return 'many';
}

export function participants(locale: Locale, n: number): string {
  const form = locale === 'ru' ? pluralForm(n) : n === 1 ? 'one' : 'many';
  return translate(locale, `identification.participants.${form}`, { n });
}

/** Join list items: "a, b, и c" (long items) or "a, b и c" (short items). */
export function joinList(locale: Locale, items: readonly string[], style: 'long' | 'short' = 'long'): string {
  if (items.length <= 1) return items[0] ?? '';
  const last = translate(
    locale,
    style === 'long' ? 'identification.list.lastLong' : 'identification.list.lastShort',
  );
  return items.slice(0, -1).join(', ') + last + items[items.length - 1];
}

/** A catalogue label, or the code itself when the catalogue has none (region-defined codes). */
export function label(locale: Locale, prefix: string, code: string): string {
  const key = `identification.${prefix}.${code}`;
  const v = translate(locale, key);
  return v === key ? code : v;
}
