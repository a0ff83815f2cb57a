import { LOCALES } from '../../../common/src/i18n/client.js';
import { useLocale, useT } from '../i18n';

export function LocaleSwitch() {
  const [locale, setLocale] = useLocale();
  const t = useT();
  return (
    <div className="seg" role="group" aria-label={t('web.locale.label')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          aria-pressed={l === locale}
          onClick={() => setLocale(l)}
          lang={l}
          title={t(`web.locale.${l}`)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
