import { lazy, Suspense, useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useLocale, useT } from '../../i18n';
import { btnClass, Button } from '../../ui/Button';
import { Card, PageHeader, Stat } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { Icon } from '../../ui/icons';
import { Alert, ErrorState, PageSpinner, SkeletonBlock } from '../../ui/States';
import { documentUrl, useDeleteProgramme, useProgramme, useProgrammeStatus, type Programme } from './api';
import { IndicatorsTab } from '../indicators/IndicatorsTab';
import { TargetSchoolsDialog } from './TargetSchools';
import { errorText } from '../../api/conflict';
import { formatIsoDate, formatPeriod, nextProgrammeStatus, pct, periodYears } from './model';
import type { ProgrammeTab } from './search';
import { PassportEditDialog } from './PassportEdit';
import { LevelBadge, Multiline, ProgrammeStatusBadge, ProgressBar } from './parts';

const Roadmap = lazy(() => import('./Roadmap'));
const route = getRouteApi('/_app/programmes/$id');

export default function ProgrammePage() {
  const t = useT();
  const { id } = route.useParams();
  const pid = Number(id);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const q = useProgramme(pid);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  const tab = search.tab ?? 'roadmap';
  const tabLink = (k: ProgrammeTab, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={tab === k}
      className={tab === k ? 'tab active' : 'tab'}
      onClick={() => void navigate({ search: (prev) => ({ ...prev, tab: k }), replace: true })}
    >
      {label}
    </button>
  );
  return (
    <div className="stack">
      <PageHeader
        crumbs={
          <Link to="/programmes" className="crumbs">
            {t('web.prog.title')}
          </Link>
        }
        title={p.name}
        subtitle={
          <>
            {p.schoolName ?? p.municipalityName ?? t('web.prog.owner.region')} ·{' '}
            {formatPeriod(p.periodFrom, p.periodTo)}
          </>
        }
        badges={
          <>
            <LevelBadge level={p.level} />
            <ProgrammeStatusBadge status={p.status} />
          </>
        }
        actions={<HeaderActions p={p} />}
      />
      <ProgressStats p={p} />
      <div className="tabs" role="tablist">
        {tabLink('roadmap', t('web.prog.tab.roadmap'))}
        {tabLink('passport', t('web.prog.tab.passport'))}
        {tabLink('indicators', t('web.prog.tab.indicators'))}
      </div>
      {tab === 'passport' && <PassportView p={p} />}
      {tab === 'indicators' && (
        <IndicatorsTab programmeId={p.id} periodYears={periodYears(p.periodFrom, p.periodTo)} />
      )}
      {tab === 'roadmap' && (
        <Suspense fallback={<SkeletonBlock lines={8} />}>
          <Roadmap programme={p} />
        </Suspense>
      )}
    </div>
  );
}

function HeaderActions({ p }: { p: Programme }) {
  const t = useT();
  const [locale] = useLocale();
  const [confirm, setConfirm] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const status = useProgrammeStatus(p.id);
  const del = useDeleteProgramme();
  const navigate = route.useNavigate();
  const next = nextProgrammeStatus(p.status);
  const canChange = p.permissions.edit || (p.status === 'completed' ? false : p.permissions.edit);
  return (
    <>
      <details className="menu-pop">
        <summary className={btnClass('secondary')}>
          <Icon name="download" />
          {t('web.prog.downloads')}
        </summary>
        <div className="menu-pop-list">
          <a href={documentUrl(p.id, 'document.docx', locale)} download>
            {t('web.prog.download.docx')}
          </a>
          <a href={documentUrl(p.id, 'document.xlsx', locale)} download>
            {t('web.prog.download.xlsx')}
          </a>
          <a href={documentUrl(p.id, 'report.docx', locale)} download>
            {t('web.prog.download.report')}
          </a>
        </div>
      </details>
      {p.status === 'draft' && p.permissions.edit && (
        <Button variant="danger" onClick={() => setDeleting(true)}>
          {t('web.prog.deleteDraft')}
        </Button>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('web.prog.deleteDraft')}
          action={t('web.prog.delete')}
          busy={del.isPending}
          onClose={() => setDeleting(false)}
          onConfirm={() =>
            del.mutate(
              { id: p.id, version: p.version, content: p.contentStamp },
              { onSuccess: () => void navigate({ to: '/programmes', search: {} as never }) },
            )
          }
        >
          <p>{t('web.prog.deleteDraftConfirm', { name: p.name })}</p>
          {del.isError && <Alert tone="error">{errorText(del.error, t)}</Alert>}
        </ConfirmDialog>
      )}
      {next && canChange && (
        <Button variant="primary" icon="check" onClick={() => setConfirm(true)}>
          {t(`web.prog.toStatus.${next}`)}
        </Button>
      )}
      {confirm && next && (
        <ConfirmDialog
          title={t(`web.prog.toStatus.${next}`)}
          action={t('web.prog.confirm')}
          tone="primary"
          busy={status.isPending}
          onClose={() => setConfirm(false)}
          onConfirm={() =>
            status.mutate({ status: next, version: p.version }, { onSuccess: () => setConfirm(false) })
          }
        >
          <p>
            {t('web.prog.statusConfirm', {
              from: t(`web.prog.status.${p.status}`),
              to: t(`web.prog.status.${next}`),
            })}
          </p>
          {status.isError && <Alert tone="error">{errorText(status.error, t)}</Alert>}
        </ConfirmDialog>
      )}
    </>
  );
}

function ProgressStats({ p }: { p: Programme }) {
  const t = useT();
  const g = p.progress;
  return (
    <div className="stats">
      <Stat
        label={t('web.prog.stat.total')}
        value={g.total}
        note={t('web.prog.stat.dueByNow', { n: String(g.dueByNow) })}
      />
      <Stat label={t('web.prog.stat.done')} value={`${pct(g.shareDone)} %`} note={`${g.done} / ${g.total}`} />
      <Stat
        label={t('web.prog.stat.onTime')}
        value={`${pct(g.shareDoneOnTime)} %`}
        note={`${g.doneOnTime} / ${g.dueByNow}`}
        tone={g.dueByNow > 0 && g.doneOnTime === g.dueByNow ? 'success' : undefined}
      />
      <Stat
        label={t('web.prog.stat.overdue')}
        value={g.overdue}
        note={t('web.prog.stat.dueSoon', { n: String(g.dueSoon) })}
        tone={g.overdue > 0 ? 'danger' : 'success'}
      />
    </div>
  );
}

function PassportView({ p }: { p: Programme }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [editingSchools, setEditingSchools] = useState(false);
  const order =
    p.orderNumber || p.orderDate
      ? t('web.prog.orderLine', {
          issuer: p.orderIssuer ? `${p.orderIssuer} ` : '',
          number: p.orderNumber ?? '—',
          date: formatIsoDate(p.orderDate),
        })
      : '—';
  const list = (xs: string[]) =>
    xs.length ? (
      <ol className="pp-list">
        {xs.map((x, i) => (
          <li key={i}>{x}</li>
        ))}
      </ol>
    ) : (
      <span className="muted">—</span>
    );
  return (
    <div className="grid-2" style={{ gridTemplateColumns: 'minmax(0, 2fr) minmax(280px, 1fr)' }}>
      <Card
        title={t('web.prog.tab.passport')}
        actions={
          p.permissions.edit && (
            <Button size="sm" icon="edit" onClick={() => setEditing(true)}>
              {t('web.action.edit')}
            </Button>
          )
        }
      >
        {editing && <PassportEditDialog programme={p} onClose={() => setEditing(false)} />}
        {editingSchools && <TargetSchoolsDialog programme={p} onClose={() => setEditingSchools(false)} />}
        <dl className="pp-kv">
          <dt>{t('web.prog.f.name')}</dt>
          <dd>{p.name}</dd>
          <dt>{t('web.prog.f.legal')}</dt>
          <dd>{order}</dd>
          <dt>{t('web.prog.col.period')}</dt>
          <dd>{formatPeriod(p.periodFrom, p.periodTo)}</dd>
          <dt>{t('web.prog.f.developers')}</dt>
          <dd>
            <Multiline text={p.developers} />
          </dd>
          <dt>{t('web.prog.f.executors')}</dt>
          <dd>
            <Multiline text={p.executors} />
          </dd>
          <dt>{t('web.prog.f.goals')}</dt>
          <dd>
            <Multiline text={p.goals} />
          </dd>
          <dt>{t('web.prog.f.tasks')}</dt>
          <dd>{list(p.tasks)}</dd>
          <dt>{t('web.prog.f.expectedResults')}</dt>
          <dd>
            <Multiline text={p.expectedResults} />
          </dd>
          <dt>{t('web.prog.f.stages')}</dt>
          <dd>{list(p.stages)}</dd>
          <dt>{t('web.prog.f.controllers')}</dt>
          <dd>
            <Multiline text={p.controllers} />
          </dd>
          <dt>
            {t('web.prog.f.targetSchools')}
            {p.permissions.edit && (
              <div>
                <Button size="sm" variant="ghost" icon="edit" onClick={() => setEditingSchools(true)}>
                  {t('web.action.edit')}
                </Button>
              </div>
            )}
          </dt>
          <dd>
            {p.targetSchools.length ? (
              <div className="badges">
                {p.targetSchools.map((s) => (
                  <Link key={s.id} to="/schools/$id" params={{ id: String(s.id) }} className="badge">
                    {s.shortName}
                  </Link>
                ))}
              </div>
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
        </dl>
      </Card>
      <div className="stack">
        <Card title={t('web.prog.progressTitle')}>
          <ProgressBar p={p.progress} />
        </Card>
        {p.parentId && (
          <Card title={t('web.prog.parent')}>
            <Link to="/programmes/$id" params={{ id: String(p.parentId) }}>
              {p.parentName}
            </Link>
          </Card>
        )}
        <Card title={t('web.prog.children', { n: String(p.children.length) })} flush>
          {p.children.length === 0 ? (
            <p className="muted" style={{ padding: '12px 16px', margin: 0 }}>
              {t('web.prog.noChildren')}
            </p>
          ) : (
            <ul className="link-list" style={{ padding: '12px 16px 12px 34px' }}>
              {p.children.map((c) => (
                <li key={c.id}>
                  <Link to="/programmes/$id" params={{ id: String(c.id) }}>
                    {c.name}
                  </Link>{' '}
                  <ProgrammeStatusBadge status={c.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
