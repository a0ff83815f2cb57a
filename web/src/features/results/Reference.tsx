import { useState, type FormEvent } from 'react';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Badge, Card } from '../../ui/Card';
import { ConfirmDialog, FormDialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert, EmptyState, ErrorState, SkeletonRows } from '../../ui/States';
import { isApiError } from '../../api/client';
import {
  useProcedures,
  useReferenceMutations,
  useSubjects,
  useTemplates,
  useThresholds,
  type Subject,
  type Template,
  type Threshold,
  useCodeNames,
} from './api';
import {
  mappingLines,
  parseSynonyms,
  validateSubject,
  validateThreshold,
  type ThresholdForm,
} from './reference';

type T = ReturnType<typeof useT>;

/** The reference data of results: mapping templates, minimum thresholds and the subject catalogue. */
export function ReferenceSection({ canEditCatalog }: { canEditCatalog: boolean }) {
  const t = useT();
  return (
    <div className="stack-lg">
      {!canEditCatalog && <Alert tone="info">{t('web.res.ref.readonly')}</Alert>}
      <Templates />
      <Thresholds canEdit={canEditCatalog} />
      <Subjects canEdit={canEditCatalog} />
    </div>
  );
}

// ------------------------------------------------------------------------------------------------
// templates

function Templates() {
  const t = useT();
  const q = useTemplates();
  const names = useCodeNames();
  const m = useReferenceMutations();
  const [rename, setRename] = useState<Template | null>(null);
  const [remove, setRemove] = useState<Template | null>(null);
  return (
    <Card id="res-templates" title={t('web.res.ref.templates.title')} flush>
      <p className="small muted res-note">{t('web.res.ref.templates.hint')}</p>
      {m.deleteTemplate.isError && (
        <div className="res-note">
          <Alert tone="error">{m.deleteTemplate.error.message}</Alert>
        </div>
      )}
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data && q.data.length === 0 ? (
        <EmptyState title={t('web.res.ref.templates.empty')} icon="file" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('web.res.ref.templates.name')}</th>
                <th scope="col">{t('web.res.ref.templates.maps')}</th>
                <th scope="col">{t('web.res.ref.templates.created')}</th>
                <th scope="col">
                  <span className="sr-only">{t('web.res.history.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {!q.data ? (
                <SkeletonRows cols={4} rows={2} />
              ) : (
                q.data.map((tpl) => {
                  const lines = mappingLines(tpl.mapping, t, names);
                  return (
                    <tr key={tpl.id}>
                      <td className="cell-main">{tpl.name}</td>
                      <td>
                        {lines.length ? (
                          <ul className="res-map">
                            {lines.map((l) => (
                              <li key={l}>{l}</li>
                            ))}
                          </ul>
                        ) : (
                          <span className="muted">{t('web.res.ref.templates.nothing')}</span>
                        )}
                      </td>
                      <td style={{ minWidth: 170 }}>
                        {tpl.createdBy ?? '—'}
                        <div className="cell-sub">{formatDateTime(tpl.createdAt)}</div>
                      </td>
                      <td className="nowrap">
                        {tpl.canDelete && (
                          <div className="row res-actions">
                            <Button size="sm" icon="edit" onClick={() => setRename(tpl)}>
                              {t('web.res.ref.templates.rename')}
                            </Button>
                            <Button
                              size="sm"
                              variant="danger"
                              icon="close"
                              busy={m.deleteTemplate.isPending && m.deleteTemplate.variables === tpl.id}
                              onClick={() => setRemove(tpl)}
                            >
                              {t('web.res.ref.templates.delete')}
                            </Button>
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
      )}
      {rename && <RenameDialog template={rename} onClose={() => setRename(null)} />}
      <ConfirmDialog
        open={!!remove}
        title={t('web.res.ref.templates.deleteTitle')}
        action={t('web.res.ref.templates.delete')}
        onClose={() => setRemove(null)}
        onConfirm={() => {
          const id = remove!.id;
          setRemove(null);
          m.deleteTemplate.mutate(id);
        }}
      >
        {remove && <p>{t('web.res.ref.templates.deleteText', { name: remove.name })}</p>}
      </ConfirmDialog>
    </Card>
  );
}

function RenameDialog({ template, onClose }: { template: Template; onClose: () => void }) {
  const t = useT();
  const m = useReferenceMutations();
  const [name, setName] = useState(template.name);
  const [submitted, setSubmitted] = useState(false);
  const trimmed = name.trim();
  const error = trimmed.length < 2 || trimmed.length > 200 ? t('web.res.ref.err.name') : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (error) return;
    m.renameTemplate.mutate({ id: template.id, name: trimmed }, { onSuccess: onClose });
  };
  return (
    <FormDialog
      id="res-rename"
      title={t('web.res.ref.templates.renameTitle')}
      submitLabel={t('web.res.ref.save')}
      busy={m.renameTemplate.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      {m.renameTemplate.isError && <Alert tone="error">{m.renameTemplate.error.message}</Alert>}
      <Field label={t('web.res.ref.templates.name')} required error={submitted ? error : undefined}>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={240} />
      </Field>
    </FormDialog>
  );
}

// ------------------------------------------------------------------------------------------------
// thresholds

function thresholdLabel(
  x: Pick<Threshold, 'procedure' | 'subject' | 'year'>,
  t: T,
  names: ReturnType<typeof useCodeNames>,
) {
  return [
    names.procedure(x.procedure),
    x.subject === '*' ? t('web.res.ref.thresholds.allSubjects') : names.subject(x.subject),
    x.year === 0 ? t('web.res.ref.thresholds.allYears') : String(x.year),
  ].join(', ');
}

function Thresholds({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const [locale] = useLocale();
  const q = useThresholds();
  const names = useCodeNames();
  const m = useReferenceMutations();
  const [edit, setEdit] = useState<Threshold | 'new' | null>(null);
  const [remove, setRemove] = useState<Threshold | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const num = (v: number) => v.toLocaleString(locale === 'en' ? 'en-GB' : 'ru-RU');
  return (
    <Card
      id="res-thresholds"
      title={t('web.res.ref.thresholds.title')}
      flush
      actions={
        canEdit && (
          <Button size="sm" variant="primary" icon="plus" onClick={() => setEdit('new')}>
            {t('web.res.ref.thresholds.add')}
          </Button>
        )
      }
    >
      <p className="small muted res-note">{t('web.res.ref.thresholds.hint')}</p>
      {done && (
        <div className="res-note">
          <Alert tone="success">{done}</Alert>
        </div>
      )}
      {m.deleteThreshold.isError && (
        <div className="res-note">
          <Alert tone="error">{m.deleteThreshold.error.message}</Alert>
        </div>
      )}
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <div className="table-wrap tall">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('web.res.procedure')}</th>
                <th scope="col">{t('web.res.subject')}</th>
                <th scope="col" className="num">
                  {t('web.res.ref.thresholds.year')}
                </th>
                <th scope="col">{t('web.res.ref.thresholds.kind')}</th>
                <th scope="col" className="num">
                  {t('web.res.ref.thresholds.minShort')}
                </th>
                <th scope="col">{t('web.res.ref.thresholds.note')}</th>
                <th scope="col">{t('web.res.ref.thresholds.updated')}</th>
                {canEdit && (
                  <th scope="col">
                    <span className="sr-only">{t('web.res.history.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {!q.data ? (
                <SkeletonRows cols={canEdit ? 8 : 7} rows={5} />
              ) : (
                q.data.map((x) => (
                  <tr key={x.id}>
                    <td>{names.procedure(x.procedure)}</td>
                    <td>
                      {x.subject === '*' ? (
                        <span className="muted">{t('web.res.ref.thresholds.allSubjects')}</span>
                      ) : (
                        names.subject(x.subject)
                      )}
                    </td>
                    <td className="num">
                      {x.year === 0 ? (
                        <span className="muted">{t('web.res.ref.thresholds.allYears')}</span>
                      ) : (
                        x.year
                      )}
                    </td>
                    <td>{t(`web.res.ref.thresholds.kind.${x.kind}`)}</td>
                    <td className="num">{num(x.minValue)}</td>
                    <td className="small">{x.note ?? ''}</td>
                    <td className="small nowrap">
                      {x.updatedBy ?? '—'}
                      <div className="cell-sub">{formatDateTime(x.updatedAt)}</div>
                    </td>
                    {canEdit && (
                      <td className="nowrap">
                        <div className="row res-actions">
                          <Button
                            size="sm"
                            icon="edit"
                            aria-label={`${t('web.res.ref.thresholds.edit')}: ${thresholdLabel(x, t, names)}`}
                            title={t('web.res.ref.thresholds.edit')}
                            onClick={() => setEdit(x)}
                          />
                          <Button
                            size="sm"
                            variant="danger"
                            icon="close"
                            aria-label={`${t('web.res.ref.thresholds.delete')}: ${thresholdLabel(x, t, names)}`}
                            title={t('web.res.ref.thresholds.delete')}
                            busy={m.deleteThreshold.isPending && m.deleteThreshold.variables === x.id}
                            onClick={() => setRemove(x)}
                          />
                        </div>
                      </td>
                    )}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
      {edit && (
        <ThresholdDialog
          initial={edit === 'new' ? null : edit}
          onClose={() => setEdit(null)}
          onSaved={(n) => {
            setEdit(null);
            setDone(t('web.res.ref.thresholds.saved', { count: num(n) }));
          }}
        />
      )}
      <ConfirmDialog
        open={!!remove}
        title={t('web.res.ref.thresholds.deleteTitle')}
        action={t('web.res.ref.thresholds.delete')}
        onClose={() => setRemove(null)}
        onConfirm={() => {
          const id = remove!.id;
          setRemove(null);
          setDone(null);
          m.deleteThreshold.mutate(id, {
            onSuccess: (r) => setDone(t('web.res.ref.thresholds.deleted', { count: num(r.recomputed) })),
          });
        }}
      >
        {remove && (
          <p>{t('web.res.ref.thresholds.deleteText', { what: thresholdLabel(remove, t, names) })}</p>
        )}
      </ConfirmDialog>
    </Card>
  );
}

function ThresholdDialog({
  initial,
  onClose,
  onSaved,
}: {
  initial: Threshold | null;
  onClose: () => void;
  onSaved: (recomputed: number) => void;
}) {
  const t = useT();
  const procedures = useProcedures();
  const subjects = useSubjects();
  const m = useReferenceMutations();
  const [form, setForm] = useState<ThresholdForm>(() => ({
    procedure: initial?.procedure ?? '',
    subject: initial?.subject ?? '*',
    year: initial && initial.year !== 0 ? String(initial.year) : '',
    kind: initial?.kind ?? 'score',
    minValue: initial ? String(initial.minValue) : '',
    note: initial?.note ?? '',
  }));
  const [submitted, setSubmitted] = useState(false);
  const v = validateThreshold(form);
  const server = isApiError(m.putThreshold.error) ? m.putThreshold.error.fieldErrors : {};
  const err = (k: keyof ThresholdForm) => (submitted && v.errors[k] ? t(v.errors[k]) : server[k]);
  const set = <K extends keyof ThresholdForm>(k: K, value: ThresholdForm[K]) =>
    setForm({ ...form, [k]: value });
  const labels: Record<keyof ThresholdForm, string> = {
    procedure: t('web.res.procedure'),
    subject: t('web.res.subject'),
    year: t('web.res.ref.thresholds.year'),
    kind: t('web.res.ref.thresholds.kind'),
    minValue: t('web.res.ref.thresholds.min'),
    note: t('web.res.ref.thresholds.note'),
  };
  const wrong = (Object.keys(v.errors) as Array<keyof ThresholdForm>).map((k) => labels[k]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!v.body) return;
    m.putThreshold.mutate(v.body, { onSuccess: (r) => onSaved(r.recomputed) });
  };
  return (
    <FormDialog
      id="res-threshold"
      title={t('web.res.ref.thresholds.editTitle')}
      submitLabel={t('web.res.ref.save')}
      busy={m.putThreshold.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      {submitted && wrong.length > 0 && (
        <Alert tone="error">{t('web.res.ref.err.fix', { fields: wrong.join(', ') })}</Alert>
      )}
      {m.putThreshold.isError && <Alert tone="error">{m.putThreshold.error.message}</Alert>}
      <div className="grid-2">
        <Field label={labels.procedure} required error={err('procedure')}>
          <select
            className="input"
            value={form.procedure}
            disabled={!!initial}
            onChange={(e) => set('procedure', e.target.value)}
          >
            <option value="">—</option>
            {procedures.data?.map((p) => (
              <option key={p.code} value={p.code}>
                {p.shortName}
              </option>
            ))}
          </select>
        </Field>
        <Field label={labels.subject} error={err('subject')}>
          <select
            className="input"
            value={form.subject}
            disabled={!!initial}
            onChange={(e) => set('subject', e.target.value)}
          >
            <option value="*">{t('web.res.ref.thresholds.allSubjects')}</option>
            {subjects.data?.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={labels.year} hint={t('web.res.ref.thresholds.yearHint')} error={err('year')}>
          <input
            className="input"
            inputMode="numeric"
            value={form.year}
            disabled={!!initial}
            onChange={(e) => set('year', e.target.value)}
          />
        </Field>
        <Field label={labels.kind} error={err('kind')}>
          <select
            className="input"
            value={form.kind}
            onChange={(e) => set('kind', e.target.value as ThresholdForm['kind'])}
          >
            <option value="score">{t('web.res.ref.thresholds.kind.score')}</option>
            <option value="mark">{t('web.res.ref.thresholds.kind.mark')}</option>
          </select>
        </Field>
        <Field
          label={labels.minValue}
          required
          hint={t(`web.res.ref.thresholds.minHint.${form.kind}`)}
          error={err('minValue')}
        >
          <input
            className="input"
            inputMode="decimal"
            value={form.minValue}
            onChange={(e) => set('minValue', e.target.value)}
          />
        </Field>
      </div>
      <Field label={labels.note} error={err('note')}>
        <textarea
          className="input"
          rows={2}
          value={form.note}
          onChange={(e) => set('note', e.target.value)}
        />
      </Field>
    </FormDialog>
  );
}

// ------------------------------------------------------------------------------------------------
// subjects

function Subjects({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const q = useSubjects();
  const [edit, setEdit] = useState<Subject | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <Card
      id="res-subjects"
      title={t('web.res.ref.subjects.title')}
      flush
      actions={
        canEdit && (
          <Button size="sm" variant="primary" icon="plus" onClick={() => setEdit('new')}>
            {t('web.res.ref.subjects.add')}
          </Button>
        )
      }
    >
      <p className="small muted res-note">{t('web.res.ref.subjects.hint')}</p>
      {done && (
        <div className="res-note">
          <Alert tone="success">{done}</Alert>
        </div>
      )}
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <div className="table-wrap tall">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('web.res.ref.subjects.name')}</th>
                <th scope="col">{t('web.res.ref.subjects.code')}</th>
                <th scope="col">{t('web.res.ref.subjects.synonyms')}</th>
                {canEdit && (
                  <th scope="col">
                    <span className="sr-only">{t('web.res.history.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {!q.data ? (
                <SkeletonRows cols={canEdit ? 4 : 3} rows={5} />
              ) : (
                q.data.map((s) => (
                  <tr key={s.code}>
                    <td className="cell-main">
                      {s.name} {s.builtin && <Badge>{t('web.res.ref.subjects.builtin')}</Badge>}
                    </td>
                    <td className="mono">{s.code}</td>
                    <td>
                      <div className="res-chips">
                        {s.synonyms.map((x) => (
                          <span key={x} className="res-chip">
                            {x}
                          </span>
                        ))}
                      </div>
                    </td>
                    {canEdit && (
                      <td className="nowrap">
                        <Button size="sm" icon="edit" onClick={() => setEdit(s)}>
                          {t('web.res.ref.subjects.edit')}
                        </Button>
                      </td>
                    )}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
      {edit && (
        <SubjectDialog
          initial={edit === 'new' ? null : edit}
          existing={q.data ?? []}
          onClose={() => setEdit(null)}
          onSaved={(name) => {
            setEdit(null);
            setDone(t('web.res.ref.subjects.saved', { name }));
          }}
        />
      )}
    </Card>
  );
}

function SubjectDialog({
  initial,
  existing,
  onClose,
  onSaved,
}: {
  initial: Subject | null;
  existing: Subject[];
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const t = useT();
  const m = useReferenceMutations();
  const [code, setCode] = useState(initial?.code ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [synonyms, setSynonyms] = useState((initial?.synonyms ?? []).join('\n'));
  const [submitted, setSubmitted] = useState(false);
  const v = validateSubject({ code, name, synonyms }, initial ? null : new Set(existing.map((s) => s.code)));
  const server = isApiError(m.putSubject.error) ? m.putSubject.error.fieldErrors : {};
  const err = (k: 'code' | 'name' | 'synonyms') => (submitted && v.errors[k] ? t(v.errors[k]) : server[k]);
  const labels = {
    code: t('web.res.ref.subjects.code'),
    name: t('web.res.ref.subjects.name'),
    synonyms: t('web.res.ref.subjects.synonyms'),
  };
  const wrong = (Object.keys(v.errors) as Array<keyof typeof labels>).map((k) => labels[k]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (wrong.length) return;
    m.putSubject.mutate(
      { code: code.trim(), name: name.trim(), synonyms: parseSynonyms(synonyms) },
      { onSuccess: (r) => onSaved(r.name) },
    );
  };
  return (
    <FormDialog
      id="res-subject"
      title={t('web.res.ref.subjects.editTitle')}
      submitLabel={t('web.res.ref.save')}
      busy={m.putSubject.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      {submitted && wrong.length > 0 && (
        <Alert tone="error">{t('web.res.ref.err.fix', { fields: wrong.join(', ') })}</Alert>
      )}
      {m.putSubject.isError && <Alert tone="error">{m.putSubject.error.message}</Alert>}
      <div className="grid-2">
        <Field label={labels.code} required hint={t('web.res.ref.subjects.codeHint')} error={err('code')}>
          <input
            className="input mono"
            value={code}
            disabled={!!initial}
            onChange={(e) => setCode(e.target.value)}
            maxLength={41}
          />
        </Field>
        <Field label={labels.name} required error={err('name')}>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={240} />
        </Field>
      </div>
      <Field label={labels.synonyms} hint={t('web.res.ref.subjects.synonymsHint')} error={err('synonyms')}>
        <textarea className="input" rows={5} value={synonyms} onChange={(e) => setSynonyms(e.target.value)} />
      </Field>
    </FormDialog>
  );
}
