import { lazy, Suspense, useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { isApiError } from '../../api/client';
import { useCurrentUser } from '../../api/session';
import { useLocale, useT } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Badge, Card, PageHeader, Stat } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { Pagination } from '../../ui/Table';
import {
  Alert,
  EmptyState,
  ErrorState,
  PageSpinner,
  SkeletonBlock,
  SkeletonRows,
  Spinner,
} from '../../ui/States';
import { compact } from '../../lib/search';
import { NotFoundPage } from '../errors/pages';
import {
  exportUrl,
  useApprove,
  useDiff,
  usePropose,
  useRun,
  useRunJob,
  useRunSchool,
  useRunSchools,
  useScatter,
  type RunSchool,
  type RunSummary,
  type SchoolsQuery,
} from './api';
import {
  canApprove,
  canPropose,
  canStartRun,
  DISPLAY_COLOR,
  DISPLAYS,
  firstSentence,
  isIsoDate,
  listTone,
  scatterSeries,
} from './model';
import { Figures } from './Figures';
import { WhatIfCard } from './WhatIf';
import { ChangeLists, DisplayBadge } from './Changes';
import type { RunSearch } from './search';
import './identification.css';

const ScatterChartView = lazy(() => import('./Scatter'));
const route = getRouteApi('/_app/identification/runs/$id');

export default function RunPage() {
  const { id: raw } = route.useParams();
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  return <RunView key={id} id={id} />;
}

function RunView({ id }: { id: number }) {
  const t = useT();
  const user = useCurrentUser();
  const q = useRun(id);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  /** Change the filters in the URL (a new filter starts again from the first page). */
  const setSearch = (patch: Partial<RunSearch>) =>
    void navigate({ search: (prev) => compact({ ...prev, page: undefined, ...patch }), replace: true });
  if (q.isPending) return <PageSpinner />;
  if (q.isError) {
    if (isApiError(q.error) && (q.error.status === 404 || q.error.status === 403)) return <NotFoundPage />;
    return (
      <div className="card">
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </div>
    );
  }
  const s = q.data;
  const r = s.run;
  const category = search.category ?? '';
  return (
    <div className="stack-lg">
      <PageHeader
        title={t('web.ident.run.title', { year: r.year })}
        crumbs={
          <ol className="crumbs">
            <li>
              <Link to="/identification">{t('web.ident.title')}</Link>
            </li>
          </ol>
        }
        subtitle={t('web.ident.run.subtitle', {
          id: r.id,
          params: r.paramSetName ?? t('web.ident.params.default'),
          date: formatDateTime(r.createdAt),
        })}
        badges={
          r.status === 'done' ? (
            <Badge tone={listTone(r.listStatus)}>{t(`web.ident.list.${r.listStatus}`)}</Badge>
          ) : (
            <Badge tone={r.status === 'failed' ? 'red' : 'amber'}>
              {t(`web.ident.runStatus.${r.status}`)}
            </Badge>
          )
        }
        actions={r.status === 'done' ? <Actions summary={s} /> : undefined}
      />
      {r.status === 'running' && <RunProgress jobId={r.jobId} />}
      {r.status === 'failed' && (
        <Alert tone="error">
          {t('web.ident.runStatus.failed')}
          {r.error ? `: ${r.error}` : ''}
        </Alert>
      )}
      {r.status === 'done' && (
        <>
          {r.listStatus === 'approved' && (
            <Alert tone="success">
              {t('web.ident.approved.banner', {
                number: r.orderNumber ?? '—',
                date: formatDate(r.orderDate),
              })}
            </Alert>
          )}
          {r.listStatus === 'proposed' && (
            <Alert tone="info">
              {canPropose(user.role)
                ? t('web.ident.proposed.mine')
                : t('web.ident.proposed.count', {
                    count: r.proposedCount,
                    total: r.municipalityCount,
                  })}
            </Alert>
          )}
          <SummaryCards
            summary={s}
            active={category}
            onPick={(d) => setSearch({ category: category === d ? undefined : (d as RunSearch['category']) })}
          />
          <SchoolsCard summary={s} search={search} setSearch={setSearch} />
          <ScatterCard id={id} />
          <DiffCard id={id} />
          {canStartRun(user.role) && r.listStatus !== 'approved' && <WhatIfCard id={id} params={s.params} />}
        </>
      )}
    </div>
  );
}

/** The progress of a run being computed (the job's stage for its author; a spinner for others). */
function RunProgress({ jobId }: { jobId: number | null }) {
  const t = useT();
  const job = useRunJob(jobId);
  const pct = Math.round(Math.max(0, Math.min(1, job.data?.progress ?? 0)) * 100);
  return (
    <Card title={t('web.ident.progress.title')}>
      <div className="stack" role="status">
        <p className="muted">{t('web.ident.progress.text')}</p>
        <div
          className="ident-progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-label={t('web.ident.progress.title')}
        >
          <span style={{ width: `${pct}%` }} />
        </div>
        <div className="row muted small">
          <Spinner />
          {job.data?.stageMessage ?? t('web.ident.progress.waiting')}
        </div>
      </div>
    </Card>
  );
}

function Actions({ summary: s }: { summary: RunSummary }) {
  const t = useT();
  const [locale] = useLocale();
  const user = useCurrentUser();
  const r = s.run;
  const [dialog, setDialog] = useState<'propose' | 'approve' | null>(null);
  return (
    <>
      <a className="btn" href={exportUrl(r.id, 'list.docx', locale)} download>
        <Icon name="download" size={17} />
        DOCX
      </a>
      <a className="btn" href={exportUrl(r.id, 'list.xlsx', locale)} download>
        <Icon name="download" size={17} />
        XLSX
      </a>
      {canPropose(user.role) && r.listStatus === 'draft' && (
        <Button variant="primary" icon="check" onClick={() => setDialog('propose')}>
          {t('web.ident.propose')}
        </Button>
      )}
      {canApprove(user.role) && r.listStatus !== 'approved' && (
        <Button variant="primary" icon="check" onClick={() => setDialog('approve')}>
          {t('web.ident.approve')}
        </Button>
      )}
      {dialog === 'propose' && <ProposeDialog id={r.id} onClose={() => setDialog(null)} />}
      {dialog === 'approve' && <ApproveDialog id={r.id} onClose={() => setDialog(null)} />}
    </>
  );
}

function ProposeDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useT();
  const m = usePropose(id);
  const [note, setNote] = useState('');
  return (
    <ConfirmDialog
      title={t('web.ident.propose.title')}
      action={t('web.ident.propose')}
      tone="primary"
      busy={m.isPending}
      onClose={onClose}
      onConfirm={() => m.mutate(note.trim() || null, { onSuccess: onClose })}
    >
      <div className="stack">
        <p>{t('web.ident.propose.text')}</p>
        <Field label={t('web.ident.propose.note')}>
          <textarea
            className="input"
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Field>
        {m.isError && <Alert tone="error">{m.error.message}</Alert>}
      </div>
    </ConfirmDialog>
  );
}

function ApproveDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useT();
  const m = useApprove(id);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [touched, setTouched] = useState(false);
  const numberError = touched && !number.trim() ? t('web.ident.approve.numberRequired') : undefined;
  const dateError = touched && !isIsoDate(date) ? t('web.ident.approve.dateInvalid') : undefined;
  const fields = m.error && isApiError(m.error) ? m.error.fieldErrors : {};
  const submit = () => {
    setTouched(true);
    if (!number.trim() || !isIsoDate(date)) return;
    m.mutate({ orderNumber: number.trim(), orderDate: date }, { onSuccess: onClose });
  };
  return (
    <ConfirmDialog
      title={t('web.ident.approve.title')}
      action={t('web.ident.approve')}
      tone="primary"
      icon="check"
      busy={m.isPending}
      onClose={onClose}
      onConfirm={submit}
    >
      <div className="stack">
        <p>{t('web.ident.approve.text')}</p>
        <Field label={t('web.ident.approve.number')} required error={numberError ?? fields.orderNumber}>
          <input
            className="input"
            maxLength={50}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
          />
        </Field>
        <Field label={t('web.ident.approve.date')} required error={dateError ?? fields.orderDate}>
          <input className="input" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        {m.isError && <Alert tone="error">{m.error.message}</Alert>}
      </div>
    </ConfirmDialog>
  );
}

function SummaryCards({
  summary: s,
  active,
  onPick,
}: {
  summary: RunSummary;
  active: string;
  onPick: (d: string) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  return (
    <div className="ident-stats">
      <Stat
        label={t('web.ident.stat.inList')}
        value={formatNumber(s.inList, locale)}
        note={t('web.ident.stat.ofTotal', { total: formatNumber(s.total, locale) })}
      />
      {DISPLAYS.filter((d) => d !== 'none').map((d) => (
        <button
          key={d}
          type="button"
          className={active === d ? 'stat ident-stat active' : 'stat ident-stat'}
          style={{ borderTopColor: DISPLAY_COLOR[d] }}
          aria-pressed={active === d}
          onClick={() => onPick(d)}
        >
          <span className="stat-label">{t(`web.ident.display.${d}`)}</span>
          <span className="stat-value">{formatNumber(s.byDisplay[d] ?? 0, locale)}</span>
        </button>
      ))}
    </div>
  );
}

const PAGE_SIZE = 20;

function SchoolsCard({
  summary: s,
  search,
  setSearch,
}: {
  summary: RunSummary;
  search: RunSearch;
  setSearch: (patch: Partial<RunSearch>) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const [open, setOpen] = useState<number | null>(null);
  const page = search.page ?? 1;
  const query: SchoolsQuery = {
    page,
    pageSize: PAGE_SIZE,
    ...(search.municipalityId ? { municipalityId: search.municipalityId } : {}),
    ...(search.category ? { category: search.category } : {}),
    ...(search.q?.trim() ? { search: search.q.trim() } : {}),
  };
  const q = useRunSchools(s.run.id, query);
  const change = (patch: Partial<RunSearch>) => {
    setOpen(null);
    setSearch(patch);
  };
  return (
    <Card id="ident-schools" title={t('web.ident.schools.title')} flush>
      <div className="ident-filters">
        {s.byMunicipality.length > 1 && (
          <Field label={t('web.ident.filter.municipality')}>
            <select
              className="select"
              value={search.municipalityId ?? ''}
              onChange={(e) =>
                change({ municipalityId: e.target.value ? Number(e.target.value) : undefined })
              }
            >
              <option value="">{t('web.ident.filter.all')}</option>
              {s.byMunicipality.map((m) => (
                <option key={m.municipalityId} value={m.municipalityId}>
                  {m.name} ({formatNumber(m.inList, locale)} / {formatNumber(m.total, locale)})
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('web.ident.filter.category')}>
          <select
            className="select"
            value={search.category ?? ''}
            onChange={(e) => change({ category: (e.target.value || undefined) as RunSearch['category'] })}
          >
            <option value="">{t('web.ident.filter.all')}</option>
            {DISPLAYS.map((d) => (
              <option key={d} value={d}>
                {t(`web.ident.display.${d}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('web.ident.filter.search')}>
          <input
            className="input"
            type="search"
            value={search.q ?? ''}
            placeholder={t('web.ident.filter.searchHint')}
            onChange={(e) => change({ q: e.target.value || undefined })}
          />
        </Field>
      </div>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data && q.data.total === 0 ? (
        <EmptyState title={t('web.ident.schools.empty')} icon="search" />
      ) : (
        <div className="table-wrap">
          <table className="table ident-table">
            <thead>
              <tr>
                <th scope="col">{t('web.ident.col.school')}</th>
                <th scope="col">{t('web.ident.col.category')}</th>
                <th scope="col" className="num">
                  {t('web.ident.col.participants')}
                </th>
                <th scope="col" className="num">
                  {t('web.ident.col.share')}
                </th>
                <th scope="col">{t('web.ident.col.why')}</th>
              </tr>
            </thead>
            <tbody>
              {!q.data ? (
                <SkeletonRows cols={5} rows={6} />
              ) : (
                q.data.items.map((x) => (
                  <SchoolRow
                    key={x.schoolId}
                    runId={s.run.id}
                    school={x}
                    open={open === x.schoolId}
                    onToggle={() => setOpen((o) => (o === x.schoolId ? null : x.schoolId))}
                  />
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
      {q.data && q.data.total > 0 && (
        <Pagination
          page={page}
          pageSize={q.data.pageSize}
          total={q.data.total}
          onPage={(p) => {
            setOpen(null);
            setSearch({ page: p === 1 ? undefined : p });
          }}
        />
      )}
    </Card>
  );
}

function SchoolRow({
  runId,
  school: x,
  open,
  onToggle,
}: {
  runId: number;
  school: RunSchool;
  open: boolean;
  onToggle: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const panelId = `ident-expl-${x.schoolId}`;
  return (
    <>
      <tr className={open ? 'ident-row open' : 'ident-row'}>
        <td style={{ minWidth: 200 }}>
          <Link to="/schools/$id" params={{ id: String(x.schoolId) }} className="cell-main">
            {x.shortName}
          </Link>
          <div className="cell-sub">{x.municipalityName}</div>
        </td>
        <td>
          <DisplayBadge display={x.display} />
          {x.inList && <div className="cell-sub">{t('web.ident.inList')}</div>}
        </td>
        <td className="num">{formatNumber(x.participants, locale)}</td>
        <td className="num">{x.share === null ? '—' : `${formatNumber(x.share * 100, locale, 1)} %`}</td>
        <td className="ident-why">
          <span>{firstSentence(x.explanation) || '—'}</span>{' '}
          <button
            type="button"
            className="linklike"
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            onClick={onToggle}
          >
            {open ? t('web.ident.collapse') : t('web.ident.expand')}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="ident-detail-row">
          <td colSpan={5} id={panelId}>
            <SchoolDetail runId={runId} schoolId={x.schoolId} explanation={x.explanation} />
          </td>
        </tr>
      )}
    </>
  );
}

function SchoolDetail({
  runId,
  schoolId,
  explanation,
}: {
  runId: number;
  schoolId: number;
  explanation: string[];
}) {
  const t = useT();
  const q = useRunSchool(runId, schoolId, true);
  return (
    <div className="ident-detail">
      <h3>{t('web.ident.explanation')}</h3>
      <ul className="ident-expl">
        {explanation.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      {q.isError ? (
        <Alert tone="error">{q.error.message}</Alert>
      ) : !q.data ? (
        <SkeletonBlock lines={3} />
      ) : (
        <Figures figures={q.data.figures} />
      )}
    </div>
  );
}

function ScatterCard({ id }: { id: number }) {
  const t = useT();
  const q = useScatter(id);
  return (
    <Card id="ident-scatter" title={t('web.ident.scatter.title')}>
      <p className="muted ident-note">{t('web.ident.scatter.hint')}</p>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <SkeletonBlock lines={8} />
      ) : scatterSeries(q.data.points).length === 0 ? (
        <EmptyState title={t('web.ident.scatter.empty')} icon="chart">
          {t('web.ident.scatter.emptyHint')}
        </EmptyState>
      ) : (
        <Suspense fallback={<SkeletonBlock lines={8} />}>
          <ScatterChartView data={q.data} />
        </Suspense>
      )}
    </Card>
  );
}

function DiffCard({ id }: { id: number }) {
  const t = useT();
  const q = useDiff(id);
  if (q.isError) {
    return (
      <Card title={t('web.ident.diff.title')}>
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </Card>
    );
  }
  if (!q.data) return null;
  const d = q.data;
  const prev = d.previousRun;
  return (
    <Card id="ident-diff" title={t('web.ident.diff.title')}>
      {!prev ? (
        <p className="muted">{t('web.ident.diff.none')}</p>
      ) : (
        <div className="stack">
          <p className="muted">
            {t('web.ident.diff.against', {
              year: prev.year,
              number: prev.orderNumber ?? '—',
              date: formatDate(prev.orderDate),
            })}
          </p>
          <ChangeLists entered={d.entered} stayed={d.stayed} left={d.left} />
        </div>
      )}
    </Card>
  );
}
