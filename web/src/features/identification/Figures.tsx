import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { hasMessage } from '../../../../common/src/i18n/client.js';
import { readFigures } from './figures';

/** The figures behind an explanation: the rule's cells, the model and the context index. */
export function Figures({ figures }: { figures: unknown }) {
  const t = useT();
  const [locale] = useLocale();
  const f = readFigures(figures);
  const label = (group: string, code: string) =>
    hasMessage(`web.ident.${group}.${code}`) ? t(`web.ident.${group}.${code}`) : code;
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, locale, 1)} %`);
  return (
    <div className="ident-figures">
      {f.cells.length > 0 && (
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="ident-caption">{t('web.ident.fig.rule')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.ident.fig.year')}</th>
                <th scope="col">{t('web.ident.fig.procedure')}</th>
                <th scope="col">{t('web.ident.fig.subject')}</th>
                <th scope="col" className="num">
                  {t('web.ident.col.participants')}
                </th>
                <th scope="col" className="num">
                  {t('web.ident.fig.below')}
                </th>
                <th scope="col" className="num">
                  {t('web.ident.col.share')}
                </th>
                <th scope="col" className="num">
                  {t('web.ident.fig.lower')}
                </th>
                <th scope="col">{t('web.ident.fig.status')}</th>
              </tr>
            </thead>
            <tbody>
              {f.cells.map((c, i) => (
                <tr key={i}>
                  <td>{c.year}</td>
                  <td>{label('proc', c.procedure)}</td>
                  <td>
                    {label('subj', c.subject)}
                    {c.grade !== null && ` · ${c.grade}`}
                  </td>
                  <td className="num">{formatNumber(c.participants, locale)}</td>
                  <td className="num">{formatNumber(c.below, locale)}</td>
                  <td className="num">{pct(c.participants > 0 ? c.below / c.participants : null)}</td>
                  <td className="num">{pct(c.lower)}</td>
                  <td>
                    <span className={`ident-cell ident-cell-${c.status}`}>{label('cell', c.status)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="dl ident-model">
        {f.model && (
          <>
            <dt>{t('web.ident.fig.shrunken')}</dt>
            <dd>{pct(f.model.shrunken)}</dd>
            <dt>{t('web.ident.fig.expected')}</dt>
            <dd>{pct(f.model.expected)}</dd>
            <dt>{t('web.ident.fig.residualZ')}</dt>
            <dd>{f.model.residualZ === null ? '—' : formatNumber(f.model.residualZ, locale)}</dd>
          </>
        )}
        {f.context && (
          <>
            <dt>{t('web.ident.fig.index')}</dt>
            <dd>
              {f.context.index === null ? '—' : formatNumber(f.context.index, locale)}
              {f.context.unfavourable && ` · ${t('web.ident.display.unfavourable')}`}
            </dd>
            {f.context.components.length > 0 && (
              <>
                <dt>{t('web.ident.fig.components')}</dt>
                <dd>
                  {f.context.components
                    .map((c) => `${label('ind', c.code)}: ${formatNumber(c.value, locale)}`)
                    .join('; ')}
                </dd>
              </>
            )}
          </>
        )}
      </dl>
    </div>
  );
}
