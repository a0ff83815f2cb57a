import type { Locale } from '../../../common/src/i18n/client.js';

/** Number formatting follows the UI locale; Russian is the primary one (`1 234,5`). */
const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'ru-RU');

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, min: number, max: number): Intl.NumberFormat {
  const key = `${locale}:${min}:${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: min, maximumFractionDigits: max });
    cache.set(key, f);
  }
  return f;
}

export const DASH = '—';

/** An integer or a decimal with up to `maxDigits` digits; `—` for missing values. */
export function formatNumber(v: number | null | undefined, locale: Locale = 'ru', maxDigits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return nf(locale, 0, maxDigits).format(v);
}

/** A share in per cent with exactly one decimal: `18,3 %`. */
export function formatPercent(v: number | null | undefined, locale: Locale = 'ru'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return `${nf(locale, 1, 1).format(v)}\u00a0%`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `dd.mm.yyyy hh:mm` in the browser's time zone. */
export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return DASH;
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return DASH;
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `dd.mm.yyyy`. */
export function formatDate(iso: string | Date | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/** A school year given by its autumn year: 2024 → `2024/25`. */
export function formatSchoolYear(year: number): string {
  return `${year}/${pad((year + 1) % 100)}`;
}

/** The autumn year of the school year that contains `d` (a school year starts on 1 September). */
export function currentSchoolYear(d: Date = new Date()): number {
  return d.getMonth() >= 8 ? d.getFullYear() : d.getFullYear() - 1;
}

/**
 * Parse a number typed by a person: accepts a decimal comma, spaces as thousands separators.
 * Returns null for an empty string and NaN for text that is not a number.
 */
export function parseDecimal(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return Number.NaN;
  return Number(s);
}

/** The value of a number for an input field: `1,5` in Russian, no grouping. */
export function numberToInput(v: number | null | undefined, locale: Locale = 'ru'): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return locale === 'ru' ? s.replace('.', ',') : s;
}

/** «Соколова Ирина Петровна» → «Ирина Петровна»; one-word names stay as they are. */
export function addressName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return parts.length >= 2 ? parts.slice(1, 3).join(' ') : fullName.trim();
}

/** «Соколова Ирина Петровна» → «СИ» (for an avatar). */
export function initials(fullName: string): string {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
}

/** A file size for people: `820 байт`, `204,8 КБ`, `1,4 МБ` (binary units, as the upload limit). */
export function formatFileSize(bytes: number, locale: Locale = 'ru'): string {
  const [value, unit] =
    bytes < 1024
      ? [bytes, 'byte']
      : bytes < 1024 * 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}
