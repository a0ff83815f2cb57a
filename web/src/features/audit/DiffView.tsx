import { hasMessage } from '../../../../common/src/i18n/client.js';
import { useIndicators } from '../../api/hooks';
import type { ContextIndicator } from '../../api/types';
import { useLocale, useT, type Locale, type T } from '../../i18n';
import { DASH, formatNumber, formatSchoolYear } from '../../lib/format';
import { codeOfField, formatIndicator } from '../schools/context';
import { diffLines } from './diff';

function label(entity: string, key: string, t: T, indicators: ContextIndicator[] | undefined): string {
  if (key === 'schoolYear') return t('registry.field.schoolYear');
  if (key === 'parentId') return t('web.school.parent');
  if (entity === 'school_context') {
    const code = key.startsWith('extra.') ? key.slice(6) : codeOfField(key);
    return indicators?.find((i) => i.code === code)?.name ?? code;
  }
  if (entity === 'school' && hasMessage(`registry.field.${key}`)) return t(`registry.field.${key}`);
  if (hasMessage(`web.field.${key}`)) return t(`web.field.${key}`);
  return key;
}

function value(
  entity: string,
  key: string,
  v: unknown,
  t: T,
  locale: Locale,
  indicators: ContextIndicator[] | undefined,
): string {
  if (v === null || v === undefined || v === '') return DASH;
  if (typeof v === 'boolean') return t(v ? 'web.yes' : 'web.no');
  if (key === 'schoolYear' && typeof v === 'number') return formatSchoolYear(v);
  if (entity === 'school_context' && typeof v === 'number') {
    const code = key.startsWith('extra.') ? key.slice(6) : codeOfField(key);
    const unit = indicators?.find((i) => i.code === code)?.unit ?? 'number';
    return formatIndicator(v, unit, locale, [t('web.yes'), t('web.no')]);
  }
  if (typeof v === 'number') return key.endsWith('Id') ? `#${v}` : formatNumber(v, locale);
  if (Array.isArray(v)) return v.length ? v.map((x) => String(x)).join(', ') : DASH;
  if (typeof v === 'string') {
    if (key === 'locality' && (v === 'urban' || v === 'rural')) return t(`web.locality.${v}`);
    if (key === 'role' && hasMessage(`role.${v}`)) return t(`role.${v}`);
    if (key === 'locale') return v.toUpperCase();
    return v;
  }
  return JSON.stringify(v);
}

/** Before → after of an audit entry, with field labels in the interface language. */
export function DiffView({ entity, before, after }: { entity: string; before: unknown; after: unknown }) {
  const t = useT();
  const [locale] = useLocale();
  const indicators = useIndicators().data;
  const lines = diffLines(before, after);
  if (lines.length === 0) return null;
  const creation = before === null || before === undefined;
  return (
    <dl className="diff">
      {lines.map((l) => (
        <div key={l.key} style={{ display: 'contents' }}>
          <dt>{label(entity, l.key, t, indicators)}</dt>
          <dd>
            {creation ? (
              <span>{value(entity, l.key, l.after, t, locale, indicators)}</span>
            ) : (
              <>
                <span className="before">
                  <span className="sr-only">{t('web.diff.was')} </span>
                  {value(entity, l.key, l.before, t, locale, indicators)}
                </span>
                <span className="arrow" aria-hidden>
                  →
                </span>
                <span className="after">
                  <span className="sr-only">{t('web.diff.now')} </span>
                  {value(entity, l.key, l.after, t, locale, indicators)}
                </span>
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** «Изменение карточки школы», «Создание контекста 2024/25» … */
export function entryTitle(e: { action: string; entity: string; summary: string | null }, t: T): string {
  const action = hasMessage(`web.audit.action.${e.action}`) ? t(`web.audit.action.${e.action}`) : e.action;
  const entity = hasMessage(`web.audit.entity.${e.entity}`) ? t(`web.audit.entity.${e.entity}`) : e.entity;
  return `${action}: ${entity}`;
}
