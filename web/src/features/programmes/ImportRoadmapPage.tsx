import { useRef, useState, type DragEvent } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation } from '@tanstack/react-query';
import { useMunicipalities } from '../../api/hooks';
import { useCurrentUser } from '../../api/session';
import { api, call, postForm } from '../../api/client';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { Alert } from '../../ui/States';
import { SchoolPicker, type PickedSchool } from '../schools/SchoolPicker';
import { useInvalidateProgramme, type ImportBody, type ParsedRoadmap, type ProgrammeLevel } from './api';
import { creatableLevels } from './ProgrammesPage';
import { toImportBody, type EditableRow } from './importModel';
import { formatPeriod } from './model';

export default function ImportRoadmapPage() {
  const t = useT();
  const user = useCurrentUser();
  const levels = creatableLevels(user.role);
  const [level, setLevel] = useState<ProgrammeLevel>(levels[levels.length - 1] ?? 'school');
  const [municipalityId, setMunicipalityId] = useState<number | undefined>(user.municipalityId ?? undefined);
  const [school, setSchool] = useState<PickedSchool[]>(
    user.schoolId ? [{ id: user.schoolId, shortName: user.schoolName ?? '' }] : [],
  );
  const municipalities = useMunicipalities();
  const [parsed, setParsed] = useState<ParsedRoadmap | null>(null);
  const [rows, setRows] = useState<EditableRow[]>([]);
  const [name, setName] = useState('');
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const navigate = useNavigate();
  const inv = useInvalidateProgramme();

  const parse = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return postForm<ParsedRoadmap>('/api/programmes/import/parse', form);
    },
    onSuccess: (p) => {
      setParsed(p);
      setRows(p.activities.map((a, i) => ({ ...a, key: i, deleted: false, edited: false })));
      setName(p.passport.name);
      setOrderNumber(p.passport.orderNumber ?? '');
      setOrderDate(p.passport.orderDate ?? '');
    },
  });
  const save = useMutation({
    mutationFn: (body: ImportBody) => call(api.POST('/api/programmes/import', { body })),
    onSuccess: (r) => {
      inv(r.programmeId);
      void navigate({ to: '/programmes/$id', params: { id: String(r.programmeId) } });
    },
  });
  const target = {
    level,
    ...(level === 'municipality' ? { municipalityId: municipalityId ?? null } : {}),
    ...(level === 'school' ? { schoolId: school[0]?.id ?? null } : {}),
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) parse.mutate(f);
  };
  const update = (key: number, patch: Partial<EditableRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch, edited: true } : r)));
  const kept = rows.filter((r) => !r.deleted);
  const sectionTitle = new Map(
    (parsed?.sections ?? []).map((s) => [s.key, `${s.number ? `${s.number}. ` : ''}${s.title}`]),
  );

  return (
    <div className="stack">
      <PageHeader
        crumbs={
          <Link to="/programmes" className="crumbs">
            {t('web.prog.title')}
          </Link>
        }
        title={t('web.prog.import.title')}
        subtitle={t('web.prog.import.subtitle')}
      />
      <Card title={t('web.prog.import.step1')}>
        <div className="stack">
          <div className="form-grid">
            <Field label={t('web.prog.col.level')}>
              <select
                className="select"
                value={level}
                onChange={(e) => setLevel(e.target.value as ProgrammeLevel)}
              >
                {levels.map((l) => (
                  <option key={l} value={l}>
                    {t(`web.prog.level.${l}`)}
                  </option>
                ))}
              </select>
            </Field>
            {level === 'municipality' && (
              <Field label={t('web.schools.col.municipality')}>
                <select
                  className="select"
                  value={municipalityId ?? ''}
                  disabled={user.role === 'municipal_coordinator'}
                  onChange={(e) => setMunicipalityId(e.target.value ? Number(e.target.value) : undefined)}
                >
                  <option value="">—</option>
                  {municipalities.data?.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            {level === 'school' && user.role !== 'school_team' && (
              <Field label={t('web.prog.f.school')} className="span-2">
                <SchoolPicker
                  value={school}
                  onChange={setSchool}
                  municipalityId={user.municipalityId ?? undefined}
                />
              </Field>
            )}
          </div>
          <div
            className={over ? 'dropzone over' : 'dropzone'}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
          >
            <div className="dropzone-inner">
              <span className="dropzone-icon">
                <Icon name="upload" size={22} />
              </span>
              <strong>{t('web.prog.import.drop')}</strong>
              <span className="muted small">{t('web.prog.import.formats')}</span>
              <Button icon="file" busy={parse.isPending} onClick={() => input.current?.click()}>
                {t('web.prog.chooseFile')}
              </Button>
              <input
                ref={input}
                type="file"
                hidden
                data-testid="roadmap-file"
                accept=".docx,.xlsx,.txt,.csv,.tsv"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) parse.mutate(f);
                  e.target.value = '';
                }}
              />
            </div>
          </div>
          {parse.isError && <Alert tone="error">{parse.error.message}</Alert>}
        </div>
      </Card>
      {parsed && (
        <>
          <Card
            title={t('web.prog.import.step2')}
            actions={
              <span className="muted small">
                {parsed.fileName} ·{' '}
                {t('web.prog.import.summary', {
                  sections: String(parsed.sections.length),
                  activities: String(kept.length),
                  indicators: String(parsed.indicators.length),
                })}
              </span>
            }
          >
            <div className="form-grid">
              <Field label={t('web.prog.f.name')} required className="span-all">
                <textarea
                  className="textarea"
                  rows={2}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              </Field>
              <Field label={t('web.prog.f.orderNumber')}>
                <input
                  className="input"
                  value={orderNumber}
                  onChange={(e) => setOrderNumber(e.target.value)}
                />
              </Field>
              <Field label={t('web.prog.f.orderDate')}>
                <input
                  className="input"
                  type="date"
                  value={orderDate}
                  onChange={(e) => setOrderDate(e.target.value)}
                />
              </Field>
              <Field label={t('web.prog.col.period')}>
                <input
                  className="input"
                  readOnly
                  value={formatPeriod(parsed.passport.periodFrom, parsed.passport.periodTo)}
                />
              </Field>
            </div>
            {parsed.problems.length > 0 && (
              <details className="stack" style={{ marginTop: 12 }} open={parsed.problems.length <= 6}>
                <summary>
                  <strong>{t('web.prog.import.problems', { n: String(parsed.problems.length) })}</strong>
                </summary>
                <ul className="pp-list small">
                  {parsed.problems.map((p, i) => (
                    <li key={i} className={p.severity === 'error' ? 'text-danger' : undefined}>
                      {t('web.prog.import.row', { n: String(p.row) })}: {p.message}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </Card>
          <Card title={t('web.prog.import.activities')} flush>
            <div className="table-wrap tall">
              <table className="table import-table">
                <thead>
                  <tr>
                    <th scope="col">№</th>
                    <th scope="col">{t('web.prog.a.text')}</th>
                    <th scope="col">{t('web.prog.import.deadlineWritten')}</th>
                    <th scope="col">{t('web.prog.import.deadlineParsed')}</th>
                    <th scope="col">{t('web.prog.a.executors')}</th>
                    <th scope="col" />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => {
                    const sec = r.sectionKey ? sectionTitle.get(r.sectionKey) : undefined;
                    const prevSec = i > 0 ? rows[i - 1]!.sectionKey : undefined;
                    return [
                      sec && r.sectionKey !== prevSec && (
                        <tr key={`s${r.key}`} className="roadmap-section">
                          <td colSpan={6}>{sec}</td>
                        </tr>
                      ),
                      <tr key={r.key} style={r.deleted ? { opacity: 0.45 } : undefined}>
                        <td className="nowrap mono">{r.number}</td>
                        <td className="col-text">
                          <textarea
                            className="textarea"
                            rows={2}
                            aria-label={t('web.prog.a.text')}
                            value={r.text}
                            disabled={r.deleted}
                            onChange={(e) => update(r.key, { text: e.target.value })}
                          />
                        </td>
                        <td style={{ minWidth: 160 }}>
                          <input
                            className="input"
                            aria-label={t('web.prog.import.deadlineWritten')}
                            value={r.deadlineText}
                            disabled={r.deleted}
                            onChange={(e) => update(r.key, { deadlineText: e.target.value })}
                          />
                        </td>
                        <td style={{ minWidth: 150 }}>
                          {r.edited && r.deadlineText !== r.deadline.original ? (
                            <span className="muted small">{t('web.prog.import.reparse')}</span>
                          ) : (
                            <>
                              {r.deadlineLabel}
                              {r.deadline.needsReview && (
                                <span className="needs-review">
                                  <Icon name="alert" size={13} />
                                  {t('web.prog.needsReview')}
                                </span>
                              )}
                            </>
                          )}
                        </td>
                        <td className="muted small" style={{ minWidth: 160 }}>
                          {r.executors ?? '—'}
                        </td>
                        <td>
                          {r.deleted ? (
                            <Button size="sm" onClick={() => update(r.key, { deleted: false })}>
                              {t('web.prog.import.restore')}
                            </Button>
                          ) : (
                            <Button
                              size="sm"
                              variant="ghost"
                              icon="close"
                              aria-label={t('web.prog.import.delete')}
                              title={t('web.prog.import.delete')}
                              onClick={() => update(r.key, { deleted: true })}
                            />
                          )}
                        </td>
                      </tr>,
                    ];
                  })}
                </tbody>
              </table>
            </div>
            <div className="card-footer">
              <div className="form-actions" style={{ flexWrap: 'wrap' }}>
                {save.isError && <Alert tone="error">{save.error.message}</Alert>}
                <Badge>{t('web.prog.import.willSave', { n: String(kept.length) })}</Badge>
                <span className="spacer" />
                <Button onClick={() => setParsed(null)}>{t('web.action.cancel')}</Button>
                <Button
                  variant="primary"
                  icon="check"
                  busy={save.isPending}
                  disabled={kept.length === 0 || name.trim().length < 3}
                  onClick={() =>
                    save.mutate(
                      toImportBody(parsed, rows, target, {
                        name: name.trim(),
                        orderNumber: orderNumber.trim() || null,
                        orderDate: orderDate || null,
                      }),
                    )
                  }
                >
                  {t('web.prog.import.save')}
                </Button>
              </div>
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
