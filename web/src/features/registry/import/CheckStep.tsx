import { useMemo, useState } from 'react';
import type { ImportPreview, ImportProblem } from '../../../api/types';
import { useLocale, useT } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { Button } from '../../../ui/Button';
import { Badge, Card, Stat } from '../../../ui/Card';
import { ConfirmDialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { Icon } from '../../../ui/icons';
import { Alert, ErrorState, Spinner } from '../../../ui/States';
import { download, fieldLabel, problemsCsv, problemsFileName } from './model';

const ALL = '*';

/** Step 3: what the file would change, every problem found, and the one all-or-nothing commit. */
export function CheckStep({
  fileName,
  preview,
  problems,
  problemCount,
  updating,
  error,
  commitError,
  committing,
  onBack,
  onRestart,
  onCommit,
}: {
  fileName: string;
  preview: ImportPreview;
  problems: ImportProblem[];
  problemCount: number;
  updating: boolean;
  error: string | null;
  commitError: { title: string; message: string } | null;
  committing: boolean;
  onBack: () => void;
  onRestart: () => void;
  onCommit: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const [confirm, setConfirm] = useState(false);
  const s = preview.summary;
  const n = (v: number) => formatNumber(v, locale);
  const nothing = s.schools + s.contexts === 0;
  const blocked = problemCount > 0 || nothing || updating || !!error;

  return (
    <div className="stack-lg" aria-busy={updating}>
      {updating && (
        <div className="row muted" role="status">
          <Spinner />
          {t('web.import.mapping.updating')}
        </div>
      )}
      {error && <ErrorState error={new Error(error)} />}
      <div className="stats" style={updating ? { opacity: 0.55 } : undefined}>
        <Stat
          label={t('web.import.check.rows')}
          value={n(s.rows)}
          note={s.skippedEmpty > 0 ? t('web.import.check.skipped', { count: n(s.skippedEmpty) }) : undefined}
        />
        <Stat label={t('web.import.check.newSchools')} value={n(s.newSchools)} />
        <Stat
          label={t('web.import.check.updatedSchools')}
          value={n(s.updatedSchools)}
          note={s.updatedSchools > 0 ? t('web.import.check.updatedNote') : undefined}
        />
        <Stat label={t('web.import.check.contexts')} value={n(s.contexts)} />
        <Stat
          label={t('web.import.check.problems')}
          value={n(problemCount)}
          tone={problemCount > 0 ? 'danger' : 'success'}
        />
      </div>

      <div id="import-commit-note">
        {commitError ? (
          <Alert tone="error">
            <strong>{commitError.title}. </strong>
            {commitError.message}
          </Alert>
        ) : problemCount > 0 ? (
          <Alert tone="warn">{t('web.import.check.blocked', { count: n(problemCount) })}</Alert>
        ) : nothing ? (
          <Alert tone="warn">{t('web.import.check.nothing')}</Alert>
        ) : (
          <Alert tone="success">{t('web.import.check.ok')}</Alert>
        )}
      </div>

      {problemCount > 0 && (
        <ProblemsTable fileName={fileName} preview={preview} problems={problems} total={problemCount} />
      )}

      {preview.sample.length > 0 && <Sample preview={preview} />}

      <div className="commit-bar">
        <Button icon="chevronLeft" onClick={onBack}>
          {t('web.import.backToMapping')}
        </Button>
        <Button onClick={onRestart}>{t('web.import.file.change')}</Button>
        <span className="spacer" />
        <Button
          variant="primary"
          icon="upload"
          disabled={blocked}
          busy={committing}
          aria-describedby="import-commit-note"
          onClick={() => setConfirm(true)}
        >
          {t('web.import.commit')}
        </Button>
      </div>

      <ConfirmDialog
        open={confirm}
        title={t('web.import.confirm.title')}
        action={t('web.import.commit')}
        tone="primary"
        icon="upload"
        onClose={() => setConfirm(false)}
        onConfirm={() => {
          setConfirm(false);
          onCommit();
        }}
      >
        <p>
          {t('web.import.confirm.text', {
            created: n(s.newSchools),
            updated: n(s.updatedSchools),
            contexts: n(s.contexts),
          })}
        </p>
      </ConfirmDialog>
    </div>
  );
}

function ProblemsTable({
  fileName,
  preview,
  problems,
  total,
}: {
  fileName: string;
  preview: ImportPreview;
  problems: ImportProblem[];
  total: number;
}) {
  const t = useT();
  const [locale] = useLocale();
  const [field, setField] = useState(ALL);
  const label = (key: string) =>
    key ? fieldLabel(key, preview.fields, preview.extraIndicators) : t('web.import.problems.wholeFile');
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of problems) m.set(p.field, (m.get(p.field) ?? 0) + 1);
    return [...m.entries()];
  }, [problems]);
  const shown = field === ALL ? problems : problems.filter((p) => p.field === field);
  const cols = {
    sheet: t('web.import.problems.sheet'),
    row: t('web.import.problems.row'),
    column: t('web.import.problems.column'),
    field: t('web.import.problems.field'),
    message: t('web.import.problems.message'),
  };
  const csv = () =>
    download(
      problemsCsv(problems, [cols.sheet, cols.row, cols.column, cols.field, cols.message], (k) =>
        k ? label(k) : '',
      ),
      problemsFileName(fileName, t('web.import.problems.fileSuffix')),
    );
  return (
    <Card
      id="import-problems"
      title={
        <>
          {t('web.import.problems.title')} <Badge tone="red">{formatNumber(total, locale)}</Badge>
        </>
      }
      actions={
        <Button size="sm" icon="download" onClick={csv}>
          {t('web.import.problems.download')}
        </Button>
      }
      flush
    >
      <div className="filters problems-filter">
        <Field label={cols.field}>
          <select className="select" value={field} onChange={(e) => setField(e.target.value)}>
            <option value={ALL}>
              {t('web.import.problems.allFields', { count: formatNumber(problems.length, locale) })}
            </option>
            {counts.map(([k, c]) => (
              <option key={k} value={k}>
                {label(k)} ({formatNumber(c, locale)})
              </option>
            ))}
          </select>
        </Field>
        {total > problems.length && (
          <p className="muted small problems-truncated">
            <Icon name="info" size={15} />{' '}
            {t('web.import.problems.truncated', {
              shown: formatNumber(problems.length, locale),
              total: formatNumber(total, locale),
            })}
          </p>
        )}
      </div>
      <div className="table-wrap tall">
        <table className="table stack-sm problems-table">
          <caption className="sr-only">{t('web.import.problems.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{cols.sheet}</th>
              <th scope="col" className="num">
                {cols.row}
              </th>
              <th scope="col">{cols.column}</th>
              <th scope="col">{cols.field}</th>
              <th scope="col">{cols.message}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={i}>
                <td data-label={cols.sheet} className="nowrap">
                  {p.sheet}
                </td>
                <td data-label={cols.row} className="num">
                  {p.row > 0 ? p.row : '—'}
                </td>
                <td data-label={cols.column} className="mono">
                  {p.column || '—'}
                </td>
                <td data-label={cols.field} style={{ minWidth: 160 }}>
                  {label(p.field)}
                </td>
                <td data-label={cols.message} style={{ minWidth: 280 }}>
                  {p.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function Sample({ preview }: { preview: ImportPreview }) {
  const t = useT();
  const [locale] = useLocale();
  const total = preview.summary.schools;
  const cols = {
    code: t('web.schools.col.code'),
    name: t('web.schools.col.name'),
    row: t('web.import.problems.row'),
    status: t('web.import.sample.status'),
  };
  return (
    <Card
      id="import-sample"
      title={t('web.import.sample.title')}
      actions={
        total > preview.sample.length ? (
          <span className="muted small">
            {t('web.import.sample.note', {
              shown: formatNumber(preview.sample.length, locale),
              total: formatNumber(total, locale),
            })}
          </span>
        ) : undefined
      }
      flush
    >
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">{t('web.import.sample.title')}</caption>
          <thead>
            <tr>
              <th scope="col" className="hide-sm">
                {cols.code}
              </th>
              <th scope="col">{cols.name}</th>
              <th scope="col" className="num hide-sm">
                {cols.row}
              </th>
              <th scope="col">{cols.status}</th>
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((s) => (
              <tr key={`${s.code}:${s.row}`}>
                <td className="mono nowrap hide-sm">{s.code}</td>
                <td>
                  {s.shortName}
                  <div className="cell-sub show-sm mono">{s.code}</div>
                </td>
                <td className="num hide-sm">{s.row}</td>
                <td className="nowrap">
                  {s.isNew ? (
                    <Badge tone="green">{t('web.import.sample.new')}</Badge>
                  ) : (
                    <Badge tone="blue">{t('web.import.sample.update')}</Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
