import { translate, type Locale } from '../../../../../common/src/i18n/index.js';

/**
 * Texts of the indicators that people read (no-data reasons, basis labels) are kept as catalogue keys
 * with parameters, not as sentences: they are rendered on read in the reader's language. A parameter is
 * a word as written (a school's name, a number) or itself a message (a procedure, a subject, a field),
 * e.g. `{ key: 'indicators.noData.noResults', params: { procedure: { key: 'indicators.procedure.OGE' },
 * year: 2024 } }`. Reasons stored before this (parameters already in Russian) render as they were.
 */
export interface Message {
  key: string;
  params?: Record<string, Text>;
}
/** A word as written, a number, or a catalogue message rendered in the reader's language. */
export type Text = string | number | Message;

export const isMessage = (v: unknown): v is Message =>
  typeof v === 'object' && v !== null && typeof (v as { key?: unknown }).key === 'string';

// Messages are not changed once built (the domain shares them across schools): the rendering is kept.
const rendered: Record<Locale, WeakMap<Message, string>> = { ru: new WeakMap(), en: new WeakMap() };

/** A message in a language (its parameters rendered first). */
export function renderMessage(locale: Locale, m: Message): string {
  const cache = rendered[locale];
  let s = cache.get(m);
  if (s === undefined) {
    s = translate(locale, m.key, renderParams(locale, m.params));
    cache.set(m, s);
  }
  return s;
}

/** A text in a language: words as written stay, messages are rendered. */
export function renderText(locale: Locale, t: Text): string | number {
  if (typeof t === 'string' || typeof t === 'number') return t;
  return isMessage(t) ? renderMessage(locale, t) : String(t);
}

/** Parameters with their messages rendered (what the API returns next to the sentence). */
export function renderParams(
  locale: Locale,
  params: Record<string, Text> | undefined,
): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number> = {};
  for (const k of Object.keys(params)) {
    const v = params[k];
    if (v !== undefined && v !== null) out[k] = renderText(locale, v);
  }
  return out;
}

/** The same text (messages compared by key and parameters, not by identity). */
export function sameText(a: Text | undefined, b: Text | undefined): boolean {
  if (a === b) return true;
  if (!isMessage(a) || !isMessage(b) || a.key !== b.key) return false;
  return sameParams(a.params, b.params);
}

export function sameParams(
  a: Record<string, Text> | undefined,
  b: Record<string, Text> | undefined,
): boolean {
  const pa = a ?? {};
  const pb = b ?? {};
  const ka = Object.keys(pa);
  if (ka.length !== Object.keys(pb).length) return false;
  for (const k of ka) if (!sameText(pa[k], pb[k])) return false;
  return true;
}
