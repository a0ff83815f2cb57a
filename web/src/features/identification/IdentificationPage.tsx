import { useState } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useCurrentUser } from '../../api/session';
import { useLocale, useT } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert, EmptyState, ErrorState, SkeletonRows } from '../../ui/States';
import { useParamSets, useRun, useRuns, useStartRun, type Run } from './api';
import { canSeeIdentification, canStartRun, DISPLAYS, displayTone, listTone, yearOptions } from './model';
import { NotFoundPage } from '../errors/pages';
import { ParamSetsCard } from './ParamSets';
import './identification.css';

/** «Отбор школ»: the runs of the identification and, for the region, starting a new one. */
export default function IdentificationPage() {
  const t = useT();
  const user = useCurrentUser();
  const runs = useRuns();
  const [open, setOpen] = useState(false);
  if (!canSeeIdentification(user.role)) return <NotFoundPage />;
  return (
    <div className="stack-lg">
      <PageHeader
        title={t('web.ident.title')}
        subtitle={t('web.ident.subtitle')}
        actions={
          canStartRun(user.role) && (
            <Button variant="primary" icon="plus" onClick={() => setOpen(true)}>
              {t('web.ident.start')}
            </Button>
          )
        }
      />
      <Card title={t('web.ident.runs.title')} flush>
        {runs.isError ? (
          <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
        ) : runs.data && runs.data.length === 0 ? (
          <EmptyState title={t('web.ident.runs.empty')} icon="chart">
            {canStartRun(user.role) && t('web.ident.runs.emptyHint')}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table ident-runs">
              <thead>
                <tr>
                  <th scope="col">{t('web.ident.runs.run')}</th>
                  <th scope="col">{t('web.ident.runs.list')}</th>
                  <th scope="col" className="num">
                    {t('web.ident.runs.schools')}
                  </th>
                  <th scope="col">{t('web.ident.runs.counts')}</th>
                  <th scope="col">{t('web.ident.runs.created')}</th>
                </tr>
              </thead>
              <tbody>
                {!runs.data ? (
                  <SkeletonRows cols={5} rows={3} />
                ) : (
                  runs.data.map((r) => <RunRow key={r.id} run={r} />)
                )}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {canStartRun(user.role) && <ParamSetsCard />}
      {open && <StartDialog onClose={() => setOpen(false)} />}
    </div>
  );
}

function RunRow({ run: r }: { run: Run }) {
  const t = useT();
  const [locale] = useLocale();
  return (
    <tr>
      <td style={{ minWidth: 200 }}>
        <Link to="/identification/runs/$id" params={{ id: String(r.id) }} className="cell-main">
          {t('web.ident.runs.name', { year: r.year, id: r.id })}
        </Link>
        <div className="cell-sub">
          {r.paramSetName ?? t('web.ident.params.default')}
          {r.status !== 'done' && (
            <>
              {' · '}
              <Badge tone={r.status === 'failed' ? 'red' : 'amber'}>
                {t(`web.ident.runStatus.${r.status}`)}
              </Badge>
            </>
          )}
        </div>
      </td>
      <td style={{ minWidth: 150 }}>
        {r.status === 'done' ? (
          <Badge tone={listTone(r.listStatus)}>{t(`web.ident.list.${r.listStatus}`)}</Badge>
        ) : (
          '—'
        )}
        {r.listStatus === 'proposed' && r.municipalityCount > 1 && (
          <div className="cell-sub">
            {t('web.ident.list.proposedBy', { count: r.proposedCount, total: r.municipalityCount })}
          </div>
        )}
        {r.listStatus === 'approved' && (
          <div className="cell-sub">
            {t('web.ident.list.order', { number: r.orderNumber ?? '—', date: formatDate(r.orderDate) })}
          </div>
        )}
      </td>
      <td className="num">{r.status === 'done' ? formatNumber(r.schoolCount, locale) : '—'}</td>
      <td>{r.status === 'done' ? <RunCounts id={r.id} /> : '—'}</td>
      <td className="nowrap">
        {formatDateTime(r.createdAt)}
        {r.createdByName && <div className="cell-sub">{r.createdByName}</div>}
      </td>
    </tr>
  );
}

/** The run's counts per category (the list of runs does not carry them). */
function RunCounts({ id }: { id: number }) {
  const t = useT();
  const [locale] = useLocale();
  const q = useRun(id);
  if (!q.data) return <span className="cell-sub">…</span>;
  const by = q.data.byDisplay;
  return (
    <div className="ident-counts">
      {DISPLAYS.filter((d) => d !== 'none' && (by[d] ?? 0) > 0).map((d) => (
        <Badge key={d} tone={displayTone(d)} title={t(`web.ident.display.${d}`)}>
          {t(`web.ident.short.${d}`)} {formatNumber(by[d] ?? 0, locale)}
        </Badge>
      ))}
    </div>
  );
}

function StartDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const sets = useParamSets();
  const start = useStartRun();
  const years = yearOptions();
  const [year, setYear] = useState(years[1]!);
  const [setId, setSetId] = useState('');
  const submit = () =>
    start.mutate(
      { year, ...(setId ? { paramSetId: Number(setId) } : {}) },
      {
        onSuccess: (r) => void navigate({ to: '/identification/runs/$id', params: { id: String(r.run.id) } }),
      },
    );
  return (
    <Dialog
      open
      title={t('web.ident.start.title')}
      onClose={onClose}
      footer={
        <DialogActions
          action={t('web.ident.start.submit')}
          onCancel={onClose}
          onAction={submit}
          icon="chart"
          busy={start.isPending}
        />
      }
    >
      <div className="stack">
        <p className="muted">{t('web.ident.start.text')}</p>
        <Field label={t('web.ident.start.year')}>
          <select className="select" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('web.ident.start.params')}>
          <select className="select" value={setId} onChange={(e) => setSetId(e.target.value)}>
            <option value="">{t('web.ident.params.default')}</option>
            {sets.data?.items.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.isDefault ? ` (${t('web.ident.params.isDefault')})` : ''}
              </option>
            ))}
          </select>
        </Field>
        {start.isPending && <Alert tone="info">{t('web.ident.start.running')}</Alert>}
        {start.isError && <Alert tone="error">{start.error.message}</Alert>}
      </div>
    </Dialog>
  );
}
