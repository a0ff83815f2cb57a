import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { useT } from '../../i18n';
import { Badge } from '../../ui/Card';
import type { DiffItem } from './api';
import { displayTone } from './model';

export function DisplayBadge({ display }: { display: string }) {
  const t = useT();
  return (
    <Badge tone={displayTone(display)} title={t(`web.ident.display.${display}`)}>
      {t(`web.ident.short.${display}`)}
    </Badge>
  );
}

/** Three columns: entered, stayed, left — used by the year-to-year difference and the what-if. */
export function ChangeLists({
  entered,
  stayed,
  left,
}: {
  entered: DiffItem[];
  stayed?: DiffItem[];
  left: DiffItem[];
}) {
  const t = useT();
  const col = (key: string, items: DiffItem[] | undefined, body: (i: DiffItem) => ReactNode) =>
    items && (
      <section className="ident-change" aria-label={t(key)}>
        <h3>
          {t(key)} <span className="muted">({items.length})</span>
        </h3>
        {items.length === 0 ? (
          <p className="muted">{t('web.ident.diff.empty')}</p>
        ) : (
          <ul>
            {items.slice(0, 50).map((i) => (
              <li key={i.schoolId}>
                <Link to="/schools/$id" params={{ id: String(i.schoolId) }}>
                  {i.shortName}
                </Link>
                <div className="cell-sub">
                  {i.municipalityName} · {body(i)}
                </div>
              </li>
            ))}
            {items.length > 50 && (
              <li className="muted">{t('web.ident.diff.more', { count: items.length - 50 })}</li>
            )}
          </ul>
        )}
      </section>
    );
  return (
    <div className="ident-changes">
      {col('web.ident.diff.entered', entered, (i) => t(`web.ident.display.${i.displayAfter}`))}
      {col('web.ident.diff.stayed', stayed, (i) =>
        i.changed
          ? `${t(`web.ident.short.${i.displayBefore}`)} → ${t(`web.ident.short.${i.displayAfter}`)}`
          : t(`web.ident.display.${i.displayAfter}`),
      )}
      {col('web.ident.diff.left', left, (i) =>
        t('web.ident.diff.was', { category: t(`web.ident.display.${i.displayBefore}`) }),
      )}
    </div>
  );
}
