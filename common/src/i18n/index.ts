import { core } from './core.js';
import { registry } from './registry.js';
import { programmes } from './programmes.js';
import { identification } from './identification.js';
import { web } from './web.js';
import { results } from './results.js';
import { webProgrammes } from './webProgrammes.js';
import { webResults } from './webResults.js';
import { webIdentification } from './webIdentification.js';

/**
 * The message catalogue. Each feature keeps its messages in its own file
 * (`{ ru: {...}, en: {...} }`, the same keys in both); they are merged here.
 * Russian is the main locale; English is the second.
 */
const parts: Array<{ ru: Record<string, string>; en: Record<string, string> }> = [
  core,
  registry,
  programmes,
  identification,
  web,
  results,
  webProgrammes,
  webResults,
  webIdentification,
];

export type Locale = 'ru' | 'en';
export const LOCALES: Locale[] = ['ru', 'en'];
export type Params = Record<string, string | number | null | undefined>;

const catalogues: Record<Locale, Record<string, string>> = { ru: {}, en: {} };
for (const part of parts) {
  Object.assign(catalogues.ru, part.ru);
  Object.assign(catalogues.en, part.en);
}

export function hasMessage(key: string): boolean {
  return key in catalogues.ru;
}

/** Translate a catalogue key, substituting {name} placeholders. Unknown keys come back as the key. */
export function translate(locale: Locale, key: string, params: Params = {}): string {
  const template = catalogues[locale][key] ?? catalogues.ru[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? '' : String(v);
  });
}

export function catalogue(locale: Locale): Readonly<Record<string, string>> {
  return catalogues[locale];
}

export function isLocale(v: unknown): v is Locale {
  return v === 'ru' || v === 'en';
}
