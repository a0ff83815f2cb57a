import { useEffect, useRef, useState } from 'react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/client';
import { useCurrentUser } from '../../api/session';
import { useLocale, useT, type T } from '../../i18n';
import { formatFileSize, formatNumber } from '../../lib/format';
import { Button, ButtonLink } from '../../ui/Button';
import { Badge, Card, PageHeader, Stat } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { Alert, EmptyState, ErrorState, PageSpinner, Spinner } from '../../ui/States';
import { Pagination } from '../../ui/Table';
import {
  resultsKeys,
  uploadResults,
  useImportRows,
  useImportSchools,
  openSchoolKeys,
  useImportView,
  useJob,
  useProcedures,
  useResultsMutations,
  useSubjects,
  type CommitResult,
  type ImportOptions,
  type ImportSchool,
  type ImportView,
  useCodeNames,
} from './api';
import { canImportResults, statusTone } from './model';
import './results.css';

const route = getRouteApi('/_app/results/import');
const STEPS = ['file', 'check', 'schools', 'result'] as const;
type Step = (typeof STEPS)[number];
/** Problems that the upload options (procedure, year, grade, subject) answer. */
const OPTION_KEYS = ['results.noProcedure', 'results.noYear', 'results.noGrade', 'results.noSubject'];

function errorText(e: unknown, t: T): string {
  if (isApiError(e) && e.status === 403) return t('web.res.import.forbidden');
  return e instanceof Error ? e.message : String(e);
}

/** The results import wizard: file → check → schools → result. `?id=` resumes an upload. */
export default function ResultsImportPage() {
  const t = useT();
  const user = useCurrentUser();
  const { id } = route.useSearch();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<number | null>(null);
  const [step, setStep] = useState<Step>(id ? 'check' : 'file');
  const [done, setDone] = useState<CommitResult | null>(null);
  const view = useImportView(id ?? null);
  const job = useJob(jobId);
  const jobStatus = job.data?.status;

  // A finished job: the import's view is ready to read.
  useEffect(() => {
    if (jobStatus === 'done' || jobStatus === 'failed') {
      setJobId(null);
      if (id) void qc.invalidateQueries({ queryKey: resultsKeys.view(id) });
    }
  }, [jobStatus, id, qc]);
  // A view still parsing (a resumed upload): follow its job.
  const v = view.data;
  useEffect(() => {
    if (v && (v.status === 'parsing' || v.status === 'uploaded') && v.jobId && jobId === null)
      setJobId(v.jobId);
  }, [v, jobId]);
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [step]);

  if (!canImportResults(user.role)) {
    return (
      <div className="card">
        <EmptyState
          title={t('web.error.forbidden')}
          icon="shield"
          action={<ButtonLink to="/results">{t('web.action.back')}</ButtonLink>}
        >
          {t('web.res.import.forbidden')}
        </EmptyState>
      </div>
    );
  }

  const restart = () => {
    setJobId(null);
    setDone(null);
    setStep('file');
    void navigate({ to: '/results/import', search: {} });
  };
  const parsing = jobId !== null || v?.status === 'parsing' || v?.status === 'uploaded';

  let body: React.ReactNode;
  if (step === 'result' && done)
    body = <ResultStep done={done} fileName={v?.fileName ?? ''} onRestart={restart} />;
  else if (step === 'file' || !id)
    body = (
      <FileStep
        onUploaded={(u) => {
          if (u.view) qc.setQueryData(resultsKeys.view(u.id), u.view);
          setJobId(u.jobId);
          setStep('check');
          void navigate({ to: '/results/import', search: { id: u.id } });
        }}
      />
    );
  else if (parsing)
    body = <Parsing progress={job.data?.progress ?? 0} stage={job.data?.stageMessage ?? null} />;
  else if (view.isPending) body = <PageSpinner />;
  else if (view.isError)
    body = (
      <div className="card">
        <ErrorState error={new Error(errorText(view.error, t))} onRetry={() => void view.refetch()} />
      </div>
    );
  else if (v!.status === 'failed')
    body = (
      <Card>
        <div className="stack">
          <Alert tone="error">
            <strong>{t('web.res.import.failed')}. </strong>
            {v!.error?.message}
          </Alert>
          <div className="form-actions">
            <Button variant="primary" icon="upload" onClick={restart}>
              {t('web.res.import.another')}
            </Button>
          </div>
        </div>
      </Card>
    );
  else if (v!.status !== 'parsed')
    body = (
      <Card>
        <Alert tone="info">
          {t('web.res.import.notOpen', { status: v!.statusLabel })}{' '}
          <Link to="/results">{t('web.res.history.title')}</Link>
        </Alert>
      </Card>
    );
  else if (step === 'schools') body = <SchoolsStep view={v!} onBack={() => setStep('check')} />;
  else
    body = (
      <CheckStep
        view={v!}
        onReparsed={(j) => {
          if (j) setJobId(j);
          else void qc.invalidateQueries({ queryKey: resultsKeys.view(v!.id) });
        }}
        onSchools={() => setStep('schools')}
        onRestart={restart}
        onDone={(r) => {
          setDone(r);
          setStep('result');
        }}
      />
    );

  return (
    <div className="stack-lg">
      <PageHeader
        crumbs={
          <ol className="crumbs">
            <li>
              <Link to="/results">{t('web.res.title')}</Link>
            </li>
          </ol>
        }
        title={t('web.res.import.title')}
        subtitle={t('web.res.import.subtitle')}
      />
      <Steps current={step === 'file' && id ? 'check' : step} />
      {body}
    </div>
  );
}

function Steps({ current }: { current: Step }) {
  const t = useT();
  const at = STEPS.indexOf(current);
  return (
    <nav aria-label={t('web.res.import.steps')}>
      <ol className="steps">
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={i < at ? 'done' : i === at ? 'current' : undefined}
            aria-current={i === at ? 'step' : undefined}
          >
            <span className="step-num" aria-hidden>
              {i < at ? <Icon name="check" size={14} /> : i + 1}
            </span>
            <span className="step-label">{t(`web.res.import.step.${s}`)}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Parsing({ progress, stage }: { progress: number; stage: string | null }) {
  const t = useT();
  const pct = Math.round(Math.max(0, Math.min(1, progress > 1 ? progress / 100 : progress)) * 100);
  return (
    <Card title={t('web.res.import.parsing')}>
      <div className="stack" role="status">
        <div
          className="res-progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-label={t('web.res.import.parsing')}
        >
          <span style={{ width: `${pct}%` }} />
        </div>
        <div className="row muted small">
          <Spinner />
          {stage ?? `${pct} %`}
        </div>
      </div>
    </Card>
  );
}

/** The options the server may ask for: procedure, year, grade, subject. */
function OptionFields({ value, onChange }: { value: ImportOptions; onChange: (o: ImportOptions) => void }) {
  const t = useT();
  const procedures = useProcedures();
  const subjects = useSubjects();
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  return (
    <div className="res-options">
      <Field label={t('web.res.procedure')}>
        <select
          className="select"
          value={value.procedure ?? ''}
          onChange={(e) => onChange({ ...value, procedure: e.target.value || undefined })}
        >
          <option value="">{t('web.res.import.auto')}</option>
          {procedures.data?.map((p) => (
            <option key={p.code} value={p.code}>
              {p.shortName}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('web.res.year')}>
        <input
          className="input"
          inputMode="numeric"
          placeholder={t('web.res.import.auto')}
          value={value.year ?? ''}
          onChange={(e) => onChange({ ...value, year: num(e.target.value) })}
        />
      </Field>
      <Field label={t('web.res.gradeLabel')}>
        <select
          className="select"
          value={value.grade ?? ''}
          onChange={(e) => onChange({ ...value, grade: num(e.target.value) })}
        >
          <option value="">{t('web.res.import.auto')}</option>
          {Array.from({ length: 11 }, (_, i) => i + 1).map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('web.res.subject')}>
        <select
          className="select"
          value={value.subject ?? ''}
          onChange={(e) => onChange({ ...value, subject: e.target.value || undefined })}
        >
          <option value="">{t('web.res.import.auto')}</option>
          {subjects.data?.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

const cleanOptions = (o: ImportOptions): ImportOptions =>
  Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && !Number.isNaN(v)),
  ) as ImportOptions;

function FileStep({ onUploaded }: { onUploaded: (u: Awaited<ReturnType<typeof uploadResults>>) => void }) {
  const t = useT();
  const [locale] = useLocale();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onUploaded(await uploadResults(file, cleanOptions(options)));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('web.res.import.file.title')}>
      <div className="stack">
        <div
          className="dropzone"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            const f = e.dataTransfer.files[0];
            if (f) setFile(f);
          }}
        >
          <div className="dropzone-inner">
            <span className="dropzone-icon">
              <Icon name="upload" size={26} />
            </span>
            <strong className="hide-sm">{t('web.res.import.file.drop')}</strong>
            <Button icon="file" onClick={() => input.current?.click()}>
              {t('web.res.import.file.choose')}
            </Button>
            <span className="muted small">{t('web.res.import.file.hint')}</span>
          </div>
          <input
            ref={input}
            type="file"
            accept=".xlsx,.csv,.txt"
            className="sr-only"
            tabIndex={-1}
            aria-label={t('web.res.import.file.choose')}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) setFile(f);
            }}
          />
        </div>
        {file && (
          <div className="file-line">
            <Icon name="file" />
            <span className="file-name">{file.name}</span>
            <span className="muted small nowrap">{formatFileSize(file.size, locale)}</span>
          </div>
        )}
        <p className="muted small" style={{ margin: 0 }}>
          {t('web.res.import.file.options')}
        </p>
        <OptionFields value={options} onChange={setOptions} />
        {error && <Alert tone="error">{error}</Alert>}
        <div className="form-actions">
          <Button variant="primary" icon="upload" disabled={!file} busy={busy} onClick={() => void submit()}>
            {t('web.res.import.file.upload')}
          </Button>
        </div>
      </div>
    </Card>
  );
}

function CheckStep({
  view,
  onReparsed,
  onSchools,
  onRestart,
  onDone,
}: {
  view: ImportView;
  onReparsed: (jobId: number | null) => void;
  onSchools: () => void;
  onRestart: () => void;
  onDone: (r: CommitResult) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const m = useResultsMutations(view.id);
  const [confirm, setConfirm] = useState(false);
  const [options, setOptions] = useState<ImportOptions>(view.options);
  const c = view.counts;
  const asks = view.problems.some((p) => OPTION_KEYS.includes(p.key));
  return (
    <div className="stack-lg">
      <div className="file-line">
        <Icon name="file" />
        <span className="file-name">{view.fileName}</span>
        <span className="muted small nowrap">{formatFileSize(view.fileSize, locale)}</span>
      </div>
      <div className="stats">
        <Stat label={t('web.res.import.stat.schools')} value={n(c.schools)} />
        <Stat label={t('web.res.import.stat.matched')} value={n(c.matched)} />
        <Stat
          label={t('web.res.import.stat.unresolved')}
          value={n(c.unresolved)}
          tone={c.unresolved > 0 ? 'danger' : 'success'}
        />
        <Stat
          label={t('web.res.import.stat.groups')}
          value={n(c.groups)}
          note={c.students ? t('web.res.import.stat.students', { count: n(c.students) }) : undefined}
        />
        <Stat
          label={t('web.res.import.stat.problems')}
          value={n(c.problems)}
          tone={c.blocking > 0 ? 'danger' : 'success'}
          note={c.blocking ? t('web.res.import.stat.blocking', { count: n(c.blocking) }) : undefined}
        />
      </div>
      <div id="res-commit-note">
        {view.duplicateOf !== null && (
          <Alert tone="info">{t('web.res.import.duplicate', { id: view.duplicateOf })}</Alert>
        )}
        {m.commit.isError ? (
          <Alert tone="error">{errorText(m.commit.error, t)}</Alert>
        ) : c.unresolved > 0 ? (
          <Alert
            tone="warn"
            action={
              <Button variant="primary" size="sm" icon="school" onClick={onSchools}>
                {t('web.res.import.toSchools')}
              </Button>
            }
          >
            {t('web.res.import.unresolved', { count: n(c.unresolved) })}
          </Alert>
        ) : view.canCommit ? (
          <Alert tone="success">{t('web.res.import.ok')}</Alert>
        ) : (
          <Alert tone="warn">{t('web.res.import.blocked')}</Alert>
        )}
      </div>
      {asks && (
        <Card title={t('web.res.import.options.title')}>
          <div className="stack">
            <p className="muted small" style={{ margin: 0 }}>
              {t('web.res.import.options.text')}
            </p>
            <OptionFields value={options} onChange={setOptions} />
            {m.reparse.isError && <Alert tone="error">{errorText(m.reparse.error, t)}</Alert>}
            <div className="form-actions">
              <Button
                variant="primary"
                icon="refresh"
                busy={m.reparse.isPending}
                onClick={() =>
                  m.reparse.mutate(cleanOptions(options), { onSuccess: (r) => onReparsed(r.jobId) })
                }
              >
                {t('web.res.import.options.reparse')}
              </Button>
            </div>
          </div>
        </Card>
      )}
      {view.problems.length > 0 && <Problems view={view} />}
      <Sheets view={view} />
      <SchoolsTable view={view} />
      <Rows id={view.id} />
      <div className="commit-bar">
        <Button onClick={onRestart}>{t('web.res.import.file.change')}</Button>
        <Button
          variant="ghost"
          busy={m.discard.isPending}
          onClick={() => m.discard.mutate(undefined, { onSuccess: onRestart })}
        >
          {t('web.res.import.discard')}
        </Button>
        <span className="spacer" />
        {c.unresolved > 0 && (
          <Button icon="school" onClick={onSchools}>
            {t('web.res.import.toSchools')}
          </Button>
        )}
        <Button
          variant="primary"
          icon="upload"
          disabled={!view.canCommit}
          busy={m.commit.isPending}
          aria-describedby="res-commit-note"
          onClick={() => setConfirm(true)}
        >
          {t('web.res.import.commit')}
        </Button>
      </div>
      <ConfirmDialog
        open={confirm}
        title={t('web.res.import.confirm.title')}
        action={t('web.res.import.commit')}
        tone="primary"
        icon="upload"
        onClose={() => setConfirm(false)}
        onConfirm={() => {
          setConfirm(false);
          m.commit.mutate(undefined, { onSuccess: onDone });
        }}
      >
        <p>
          {t('web.res.import.confirm.text', {
            groups: n(c.groups),
            schools: n(c.matched),
            excluded: n(c.excluded),
          })}
        </p>
      </ConfirmDialog>
    </div>
  );
}

function Problems({ view }: { view: ImportView }) {
  const t = useT();
  const [locale] = useLocale();
  return (
    <Card
      id="res-problems"
      title={
        <>
          {t('web.res.import.problems.title')}{' '}
          <Badge tone="red">{formatNumber(view.counts.problems, locale)}</Badge>
        </>
      }
      flush
    >
      {view.counts.problems > view.problems.length && (
        <p className="small muted res-note">
          {t('web.res.import.shownOf', {
            shown: formatNumber(view.problems.length, locale),
            total: formatNumber(view.counts.problems, locale),
          })}
        </p>
      )}
      <div className="table-wrap tall">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('web.res.import.problems.sheet')}</th>
              <th scope="col" className="num">
                {t('web.res.import.problems.row')}
              </th>
              <th scope="col">{t('web.res.import.problems.column')}</th>
              <th scope="col">{t('web.res.import.problems.message')}</th>
              <th scope="col">{t('web.res.import.problems.severity')}</th>
            </tr>
          </thead>
          <tbody>
            {view.problems.map((p, i) => (
              <tr key={i}>
                <td className="nowrap">{p.sheet || '—'}</td>
                <td className="num">{p.row > 0 ? p.row : '—'}</td>
                <td className="mono">{p.column || '—'}</td>
                <td style={{ minWidth: 280 }}>{p.message}</td>
                <td>
                  <Badge tone={p.severity === 'error' ? 'red' : 'amber'}>
                    {t(`web.res.import.severity.${p.severity}`)}
                  </Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function Sheets({ view }: { view: ImportView }) {
  const t = useT();
  const names = useCodeNames();
  if (!view.sheets.length) return null;
  return (
    <Card title={t('web.res.import.sheets.title')} flush>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('web.res.import.problems.sheet')}</th>
              <th scope="col">{t('web.res.import.sheets.kind')}</th>
              <th scope="col">{t('web.res.procedure')}</th>
              <th scope="col" className="num">
                {t('web.res.year')}
              </th>
              <th scope="col" className="num">
                {t('web.res.gradeLabel')}
              </th>
              <th scope="col">{t('web.res.import.sheets.subjects')}</th>
              <th scope="col">{t('web.res.import.sheets.header')}</th>
            </tr>
          </thead>
          <tbody>
            {view.sheets.map((s) => (
              <tr key={s.sheet}>
                <td className="cell-main">{s.sheet}</td>
                <td>{s.kind ? t(`web.res.import.kind.${s.kind}`) : t('web.res.import.sheets.skipped')}</td>
                <td>{s.procedure ? names.procedure(s.procedure) : '—'}</td>
                <td className="num">{s.year ?? '—'}</td>
                <td className="num">{s.grade ?? '—'}</td>
                <td>{s.subjects.map(names.subject).join(', ') || '—'}</td>
                <td className="nowrap">{s.headerRows ? `${s.headerRows[0]}–${s.headerRows[1]}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

const REVIEW_PAGE = 20;

function SchoolsTable({ view }: { view: ImportView }) {
  const t = useT();
  const [locale] = useLocale();
  return (
    <Card title={t('web.res.import.schools.title')} flush>
      {view.counts.schools > view.schools.length && (
        <p className="small muted res-note">
          {t('web.res.import.shownOf', {
            shown: formatNumber(view.schools.length, locale),
            total: formatNumber(view.counts.schools, locale),
          })}
        </p>
      )}
      <div className="table-wrap tall">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('web.res.import.schools.inFile')}</th>
              <th scope="col">{t('web.res.import.schools.match')}</th>
              <th scope="col">{t('web.res.import.schools.registry')}</th>
              <th scope="col" className="num">
                {t('web.res.import.schools.rows')}
              </th>
              <th scope="col">{t('web.res.import.problems.sheet')}</th>
            </tr>
          </thead>
          <tbody>
            {view.schools.map((s) => (
              <tr key={s.key}>
                <td>
                  <div className="cell-main">{s.name}</div>
                  <div className="cell-sub">{[s.code, s.municipality].filter(Boolean).join(' · ')}</div>
                </td>
                <td>
                  <Badge tone={statusTone(s.status)}>{s.statusLabel}</Badge>
                </td>
                <td>
                  {s.schoolId ? (
                    <>
                      <Link to="/schools/$id" params={{ id: String(s.schoolId) }}>
                        {s.schoolName}
                      </Link>
                      <div className="cell-sub mono">{s.schoolCode}</div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num">{formatNumber(s.rows, locale)}</td>
                <td className="nowrap">{s.sheet ? `${s.sheet}${s.row ? `, ${s.row}` : ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function Rows({ id }: { id: number }) {
  const t = useT();
  const [locale] = useLocale();
  const [page, setPage] = useState(1);
  const rows = useImportRows(id, page);
  const names = useCodeNames();
  const n = (v: number | null) => formatNumber(v, locale);
  const d = rows.data;
  if (!d || d.total === 0) return null;
  const pages = Math.ceil(d.total / d.pageSize);
  return (
    <Card
      title={t('web.res.import.rows.title', { count: n(d.total) })}
      flush
      footer={
        pages > 1 ? (
          <div className="row">
            <Button
              size="sm"
              icon="chevronLeft"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
              aria-label={t('web.list.prev')}
            />
            <span className="small muted">
              {page} / {pages}
            </span>
            <Button
              size="sm"
              icon="chevronRight"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
              aria-label={t('web.list.next')}
            />
          </div>
        ) : undefined
      }
    >
      <div className="table-wrap tall">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('web.res.import.schools.registry')}</th>
              <th scope="col">{t('web.res.procedure')}</th>
              <th scope="col">{t('web.res.subject')}</th>
              <th scope="col" className="num">
                {t('web.res.gradeLabel')}
              </th>
              <th scope="col" className="num">
                {t('web.res.year')}
              </th>
              <th scope="col" className="num">
                {t('web.res.table.participants')}
              </th>
              <th scope="col" className="num">
                {t('web.res.table.belowMin')}
              </th>
              {([2, 3, 4, 5] as const).map((mk) => (
                <th key={mk} scope="col" className="num">
                  {t('web.res.mark', { mark: mk })}
                </th>
              ))}
              <th scope="col" className="num">
                {t('web.res.table.mean')}
              </th>
              <th scope="col">{t('web.res.import.problems.sheet')}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((r, i) => (
              <tr key={i}>
                <td>
                  {r.schoolName ?? <span className="muted">{r.fileName}</span>}
                  {r.outcome === 'unchanged' && (
                    <div className="cell-sub">
                      <Badge>{t('web.res.import.rows.unchanged')}</Badge>
                    </div>
                  )}
                </td>
                <td>{names.procedure(r.procedure)}</td>
                <td>{names.subject(r.subject)}</td>
                <td className="num">{r.grade || '—'}</td>
                <td className="num">{r.year}</td>
                <td className="num">{n(r.participants)}</td>
                <td className="num">{n(r.belowMin)}</td>
                <td className="num">{n(r.mark2)}</td>
                <td className="num">{n(r.mark3)}</td>
                <td className="num">{n(r.mark4)}</td>
                <td className="num">{n(r.mark5)}</td>
                <td className="num">{n(r.meanScore)}</td>
                <td className="nowrap">{r.sheet ? `${r.sheet}, ${r.row ?? ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** The review of schools the file names but the registry does not match (or matches twice). */
function SchoolsStep({ view, onBack }: { view: ImportView; onBack: () => void }) {
  const t = useT();
  const m = useResultsMutations(view.id);
  // Schools waiting for a decision and those decided by hand stay listed, so that a decision can
  // be changed; the server pages them (a file may name thousands of schools).
  const [page, setPage] = useState(1);
  const q = useImportSchools(view.id, 'decided', page, REVIEW_PAGE);
  const left = view.counts.unresolved;
  const [excluding, setExcluding] = useState(false);
  const excludeRest = async () => {
    setExcluding(true);
    try {
      const keys = await openSchoolKeys(view.id);
      for (let i = 0; i < keys.length; i += 5000)
        await m.resolve.mutateAsync(keys.slice(i, i + 5000).map((key) => ({ key, exclude: true })));
    } finally {
      setExcluding(false);
    }
  };
  return (
    <div className="stack-lg">
      {left > 0 ? (
        <Alert
          tone="warn"
          action={
            <Button
              size="sm"
              icon="close"
              busy={excluding}
              onClick={() => void excludeRest().catch(() => undefined)}
            >
              {t('web.res.import.review.excludeAll', { count: left })}
            </Button>
          }
        >
          {t('web.res.import.review.left', { count: left })}
        </Alert>
      ) : (
        <Alert tone="success">{t('web.res.import.review.done')}</Alert>
      )}
      {m.resolve.isError && <Alert tone="error">{errorText(m.resolve.error, t)}</Alert>}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      <p className="muted small" style={{ margin: 0 }}>
        {t('web.res.import.review.hint')}
      </p>
      {!q.data && !q.isError && <Spinner />}
      {q.data?.items.map((s) => (
        <ReviewCard
          key={s.key}
          school={s}
          busy={m.resolve.isPending && m.resolve.variables?.[0]?.key === s.key}
          onDecide={(d) => m.resolve.mutate([{ key: s.key, ...d }])}
        />
      ))}
      {q.data && q.data.total > REVIEW_PAGE && (
        <Pagination page={page} pageSize={REVIEW_PAGE} total={q.data.total} onPage={setPage} />
      )}
      <div className="commit-bar">
        <Button icon="chevronLeft" variant={left === 0 ? 'primary' : 'secondary'} onClick={onBack}>
          {t('web.res.import.review.back')}
        </Button>
      </div>
    </div>
  );
}

function ReviewCard({
  school: s,
  busy,
  onDecide,
}: {
  school: ImportSchool;
  busy: boolean;
  onDecide: (d: { schoolId?: number; exclude?: boolean }) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  return (
    <Card
      title={
        <>
          {s.name} <Badge tone={statusTone(s.status)}>{s.statusLabel}</Badge>
        </>
      }
      actions={busy ? <Spinner /> : undefined}
    >
      <div className="stack">
        <div className="small muted">
          {[
            s.code && `${t('web.res.import.review.code')}: ${s.code}`,
            s.municipality && `${t('web.res.import.review.municipality')}: ${s.municipality}`,
            s.sheet &&
              `${t('web.res.import.problems.sheet')} «${s.sheet}», ${t('web.res.import.problems.row').toLowerCase()} ${s.row ?? '—'}`,
            t('web.res.import.review.rows', { count: formatNumber(s.rows, locale) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </div>
        {s.schoolId && s.status !== 'excluded' && (
          <Alert tone="success">
            {t('web.res.import.review.chosen')}: <strong>{s.schoolName}</strong>{' '}
            <span className="mono">{s.schoolCode}</span>
          </Alert>
        )}
        {s.candidates.length > 0 ? (
          <div className="res-candidates" role="group" aria-label={t('web.res.import.review.candidates')}>
            <span className="small">{t('web.res.import.review.candidates')}:</span>
            {s.candidates.map((c) => (
              <div key={c.schoolId} className="row">
                <Button
                  size="sm"
                  variant={s.schoolId === c.schoolId ? 'primary' : 'secondary'}
                  icon={s.schoolId === c.schoolId ? 'check' : 'link'}
                  disabled={busy}
                  onClick={() => onDecide({ schoolId: c.schoolId })}
                >
                  {c.name}
                </Button>
                <span className="mono small muted">{c.code}</span>
                <span className="small muted">
                  {t('web.res.import.review.score', { score: Math.round(c.score * 100) })}
                </span>
              </div>
            ))}
          </div>
        ) : (
          <p className="small muted" style={{ margin: 0 }}>
            {t('web.res.import.review.noCandidates')}
          </p>
        )}
        <div className="row">
          <Button
            size="sm"
            variant={s.status === 'excluded' ? 'danger' : 'ghost'}
            icon="close"
            disabled={busy || s.status === 'excluded'}
            onClick={() => onDecide({ exclude: true })}
          >
            {s.status === 'excluded'
              ? t('web.res.import.review.excluded')
              : t('web.res.import.review.exclude')}
          </Button>
        </div>
      </div>
    </Card>
  );
}

function ResultStep({
  done,
  fileName,
  onRestart,
}: {
  done: CommitResult;
  fileName: string;
  onRestart: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="stack-lg">
      <Alert tone="success">
        <strong>{t('web.res.import.result.title')}. </strong>
        {t('web.res.import.result.text', { name: fileName })}
      </Alert>
      <div className="stats">
        <Stat label={t('web.res.import.result.inserted')} value={n(done.inserted)} />
        <Stat label={t('web.res.import.result.replaced')} value={n(done.replaced)} />
        <Stat label={t('web.res.import.result.unchanged')} value={n(done.unchanged)} />
        <Stat label={t('web.res.import.result.excluded')} value={n(done.excluded)} />
      </div>
      <div className="form-actions">
        <ButtonLink to="/results" variant="primary" icon="history">
          {t('web.res.history.title')}
        </ButtonLink>
        <Button icon="upload" onClick={onRestart}>
          {t('web.res.import.another')}
        </Button>
      </div>
    </div>
  );
}
