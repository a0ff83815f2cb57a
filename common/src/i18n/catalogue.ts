/**
 * A message catalogue built from feature parts (`{ ru: {...}, en: {...} }`, the same keys in both).
 * Russian is the main locale; English is the second.
 */
export type Locale = 'ru' | 'en';
export const LOCALES: Locale[] = ['ru', 'en'];
export type Params = Record<string, string | number | null | undefined>;
export type CataloguePart = { ru: Record<string, string>; en: Record<string, string> };

export function isLocale(v: unknown): v is Locale {
  return v === 'ru' || v === 'en';
}

export function createCatalogue(parts: CataloguePart[]) {
  const catalogues: Record<Locale, Record<string, string>> = { ru: {}, en: {} };
  for (const part of parts) {
    Object.assign(catalogues.ru, part.ru);
    Object.assign(catalogues.en, part.en);
  }
  return {
    hasMessage(key: string): boolean {
      return key in catalogues.ru;
    },
    /** Translate a key, substituting {name} placeholders. Unknown keys come back as the key. */
    translate(locale: Locale, key: string, params: Params = {}): string {
      const template = catalogues[locale][key] ?? catalogues.ru[key] ?? key;
      return template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const v = params[name];
        return v === undefined || v === null ? '' : String(v);
      });
    },
    catalogue(locale: Locale): Readonly<Record<string, string>> {
      return catalogues[locale];
    },
  };
}
