import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useCurrentUser } from '../../api/session';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatFileSize, formatNumber } from '../../lib/format';
import { Button, ButtonLink } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { Pagination } from '../../ui/Table';
import { Alert, EmptyState, ErrorState, SkeletonRows } from '../../ui/States';
import { useImportHistory, useRollback, type HistoryItem } from './api';
import { canImportResults, importTone } from './model';
import { SummarySection } from './Summary';
import { ReferenceSection } from './Reference';
import './results.css';

/** Results: the region and municipality summaries, and for coordinators the import history. */
export default function ResultsPage() {
  const t = useT();
  const user = useCurrentUser();
  const importer = canImportResults(user.role);
  const [tab, setTab] = useState<'history' | 'summary' | 'reference'>(importer ? 'history' : 'summary');
  return (
    <div className="stack-lg">
      <PageHeader
        title={t('web.res.title')}
        subtitle={t('web.res.subtitle')}
        actions={
          importer && (
            <ButtonLink to="/results/import" search={{}} variant="primary" icon="upload">
              {t('web.res.import.open')}
            </ButtonLink>
          )
        }
      />
      {importer && (
        <div className="tabs res-tabs" role="tablist">
          {(['history', 'summary', 'reference'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              className={tab === k ? 'tab active' : 'tab'}
              onClick={() => setTab(k)}
            >
              {t(`web.res.tab.${k}`)}
            </button>
          ))}
        </div>
      )}
      {tab === 'history' && importer ? (
        <History />
      ) : tab === 'reference' && importer ? (
        <ReferenceSection canEditCatalog={user.role === 'regional_coordinator'} />
      ) : (
        <SummarySection />
      )}
    </div>
  );
}

function History() {
  const t = useT();
  const [locale] = useLocale();
  const [page, setPage] = useState(1);
  const q = useImportHistory(page);
  const rollback = useRollback();
  const [confirm, setConfirm] = useState<HistoryItem | null>(null);
  const [rolled, setRolled] = useState<{ removed: number; restored: number } | null>(null);
  const n = (v: number | null) => formatNumber(v, locale);
  return (
    <Card id="res-history" title={t('web.res.history.title')} flush>
      {rolled && (
        <div style={{ padding: 12 }}>
          <Alert tone="success">
            {t('web.res.history.rolled', { removed: n(rolled.removed), restored: n(rolled.restored) })}
          </Alert>
        </div>
      )}
      {rollback.isError && (
        <div style={{ padding: 12 }}>
          <Alert tone="error">{rollback.error.message}</Alert>
        </div>
      )}
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data && q.data.total === 0 ? (
        <EmptyState title={t('web.res.history.empty')} icon="history" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('web.res.history.file')}</th>
                <th scope="col">{t('web.res.history.status')}</th>
                <th scope="col">{t('web.res.history.who')}</th>
                <th scope="col" className="num">
                  {t('web.res.history.schools')}
                </th>
                <th scope="col" className="num">
                  {t('web.res.history.groups')}
                </th>
                <th scope="col" className="num">
                  {t('web.res.history.written')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('web.res.history.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {!q.data ? (
                <SkeletonRows cols={7} rows={4} />
              ) : (
                q.data.items.map((i) => (
                  <tr key={i.id}>
                    <td style={{ minWidth: 200 }}>
                      <div className="cell-main">{i.fileName}</div>
                      <div className="cell-sub">
                        #{i.id}
                        {/* generated imports (the demo) have no file: no format, no size */}
                        {i.format && ` · ${i.format.toUpperCase()} · ${formatFileSize(i.fileSize, locale)}`}
                        {i.problems > 0 && ` · ${t('web.res.history.problems', { count: n(i.problems) })}`}
                      </div>
                    </td>
                    <td>
                      <Badge tone={importTone(i.status)}>{i.statusLabel}</Badge>
                      {i.committedAt && <div className="cell-sub">{formatDateTime(i.committedAt)}</div>}
                      {i.rolledBackAt && <div className="cell-sub">{formatDateTime(i.rolledBackAt)}</div>}
                    </td>
                    <td style={{ minWidth: 190 }}>
                      {i.createdBy ?? '—'}
                      <div className="cell-sub">{formatDateTime(i.createdAt)}</div>
                    </td>
                    <td className="num">{n(i.schools)}</td>
                    <td className="num">{n(i.groups)}</td>
                    <td className="num nowrap">
                      {i.inserted === null ? (
                        '—'
                      ) : (
                        <>
                          {t('web.res.history.inserted', { count: n(i.inserted) })}
                          <div className="cell-sub">
                            {t('web.res.history.replacedUnchanged', {
                              replaced: n(i.replaced),
                              unchanged: n(i.unchanged),
                            })}
                          </div>
                        </>
                      )}
                    </td>
                    <td className="nowrap">
                      {(i.status === 'parsed' || i.status === 'parsing') && (
                        <Link to="/results/import" search={{ id: i.id }}>
                          {t('web.res.history.continue')}
                        </Link>
                      )}
                      {i.status === 'committed' && (
                        <Button
                          size="sm"
                          variant="danger"
                          icon="refresh"
                          busy={rollback.isPending && rollback.variables === i.id}
                          onClick={() => setConfirm(i)}
                        >
                          {t('web.res.history.rollback')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
      {q.data && q.data.total > q.data.pageSize && (
        <Pagination page={page} pageSize={q.data.pageSize} total={q.data.total} onPage={setPage} />
      )}
      <ConfirmDialog
        open={!!confirm}
        title={t('web.res.history.confirm.title')}
        action={t('web.res.history.rollback')}
        icon="refresh"
        onClose={() => setConfirm(null)}
        onConfirm={() => {
          const c = confirm!;
          setConfirm(null);
          setRolled(null);
          rollback.mutate(c.id, { onSuccess: (r) => setRolled(r) });
        }}
      >
        {confirm && (
          <p>
            {t('web.res.history.confirm.text', {
              name: confirm.fileName,
              date: formatDateTime(confirm.committedAt),
              groups: n(confirm.groups),
            })}
          </p>
        )}
      </ConfirmDialog>
    </Card>
  );
}
