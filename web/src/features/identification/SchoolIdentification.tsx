import { Link } from '@tanstack/react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { Badge, Card } from '../../ui/Card';
import { ErrorState, SkeletonBlock } from '../../ui/States';
import { useSchoolIdentification } from './api';
import { DisplayBadge } from './Changes';
import { listTone } from './model';

/** «Отбор в программу» on the school card: the school's category in every run and the latest explanation. */
export function SchoolIdentificationSection({ schoolId }: { schoolId: number }) {
  const t = useT();
  const q = useSchoolIdentification(schoolId);
  // Roles that cannot see identification get 403: the section is simply not shown.
  if (q.isError && isApiError(q.error) && (q.error.status === 403 || q.error.status === 404)) return null;
  return (
    <Card id="school-identification" title={t('web.ident.school.title')}>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <SkeletonBlock lines={3} />
      ) : q.data.length === 0 ? (
        <p className="muted">{t('web.ident.school.none')}</p>
      ) : (
        <div className="stack">
          <div className="table-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('web.ident.school.run')}</th>
                  <th scope="col">{t('web.ident.col.category')}</th>
                  <th scope="col">{t('web.ident.runs.list')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.map((h) => (
                  <tr key={h.runId}>
                    <td>
                      <Link to="/identification/runs/$id" params={{ id: String(h.runId) }}>
                        {t('web.ident.runs.name', { year: h.year, id: h.runId })}
                      </Link>
                    </td>
                    <td>
                      <DisplayBadge display={h.display} />
                      {h.inList && <span className="cell-sub"> {t('web.ident.inList')}</span>}
                    </td>
                    <td>
                      <Badge tone={listTone(h.listStatus)}>{t(`web.ident.list.${h.listStatus}`)}</Badge>
                      {h.listStatus === 'approved' && (
                        <span className="cell-sub">
                          {' '}
                          {t('web.ident.list.order', {
                            number: h.orderNumber ?? '—',
                            date: formatDate(h.orderDate),
                          })}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3 className="ident-sub">{t('web.ident.school.latest', { year: q.data[0]!.year })}</h3>
            <ul className="ident-expl">
              {q.data[0]!.explanation.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </Card>
  );
}
