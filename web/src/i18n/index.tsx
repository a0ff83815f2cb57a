import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isLocale, translate, type Locale, type Params } from '../../../common/src/i18n/client.js';
import { setApiLocale } from '../api/client';

export type { Locale };
export type T = (key: string, params?: Params) => string;

const STORAGE_KEY = 'rost.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    /* storage may be disabled */
  }
  return 'ru';
}

interface LocaleState {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: T;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function LocaleProvider({
  children,
  onChange,
}: {
  children: ReactNode;
  onChange?: (l: Locale) => void;
}) {
  const [locale, set] = useState<Locale>(() => {
    const l = initialLocale();
    setApiLocale(l);
    return l;
  });
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'web.product');
  }, [locale]);
  const setLocale = useCallback(
    (l: Locale) => {
      setApiLocale(l);
      try {
        localStorage.setItem(STORAGE_KEY, l);
      } catch {
        /* ignore */
      }
      set(l);
      onChange?.(l);
    },
    [onChange],
  );
  const value = useMemo<LocaleState>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

function useLocaleState(): LocaleState {
  const s = useContext(LocaleContext);
  if (!s) throw new Error('LocaleProvider is missing');
  return s;
}

/** The translation function of the current locale: `t('web.nav.home')`. */
export const useT = (): T => useLocaleState().t;
export const useLocale = (): [Locale, (l: Locale) => void] => {
  const s = useLocaleState();
  return [s.locale, s.setLocale];
};
