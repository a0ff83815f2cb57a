import { Link } from '@tanstack/react-router';
import type { Municipality } from '../../api/types';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { SkeletonRows } from '../../ui/States';

/** Municipalities with their counts; a name opens the registry filtered by the municipality. */
export function MunicipalitiesTable({
  items,
  loading,
  showTotals = true,
}: {
  items: Municipality[] | undefined;
  loading?: boolean;
  showTotals?: boolean;
}) {
  const t = useT();
  const [locale] = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const total = (k: 'schools' | 'students' | 'smallSchools' | 'ruralSchools') =>
    (items ?? []).reduce((a, m) => a + m[k], 0);
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">{t('web.municipalities.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('web.municipalities.name')}</th>
            <th scope="col" className="hide-sm">
              {t('web.municipalities.kind')}
            </th>
            <th scope="col" className="num">
              {t('web.stats.schools')}
            </th>
            <th scope="col" className="num">
              {t('web.stats.students')}
            </th>
            <th scope="col" className="num">
              {t('web.stats.smallSchools')}
            </th>
            <th scope="col" className="num">
              {t('web.stats.ruralSchools')}
            </th>
          </tr>
        </thead>
        <tbody>
          {loading && !items ? (
            <SkeletonRows rows={6} cols={6} />
          ) : (
            (items ?? []).map((m) => (
              <tr key={m.id}>
                <td style={{ minWidth: 170 }}>
                  <Link to="/registry" search={{ municipalityId: m.id }} className="cell-main">
                    {m.name}
                  </Link>
                  <div className="cell-sub mono">{m.code}</div>
                </td>
                <td className="muted nowrap hide-sm">{t(`web.municipality.kind.${m.kind}`)}</td>
                <td className="num">{n(m.schools)}</td>
                <td className="num">{n(m.students)}</td>
                <td className="num">{n(m.smallSchools)}</td>
                <td className="num">{n(m.ruralSchools)}</td>
              </tr>
            ))
          )}
        </tbody>
        {showTotals && items && items.length > 1 && (
          <tfoot>
            <tr>
              <td>{t('web.municipalities.total', { count: n(items.length) })}</td>
              <td className="hide-sm" />
              <td className="num">{n(total('schools'))}</td>
              <td className="num">{n(total('students'))}</td>
              <td className="num">{n(total('smallSchools'))}</td>
              <td className="num">{n(total('ruralSchools'))}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
