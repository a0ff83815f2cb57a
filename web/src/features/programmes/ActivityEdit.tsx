import { useState } from 'react';
import { api, call, isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/States';
import {
  ACTIVITY_LEVELS,
  PRODUCT_TYPES,
  useDeleteActivity,
  useSaveActivity,
  type Activity,
  type Section,
} from './api';
import { errorText } from '../../api/conflict';
import { sectionOptions } from './model';

type Form = {
  sectionId: string;
  number: string;
  text: string;
  level: string;
  task: string;
  deadlineText: string;
  executors: string;
  plannedResult: string;
  productText: string;
  productType: string;
};

const toForm = (a: Activity | null, sectionId?: number | null): Form => ({
  sectionId: a?.sectionId ? String(a.sectionId) : !a && sectionId ? String(sectionId) : '',
  number: a?.number ?? '',
  text: a?.text ?? '',
  level: a?.level ?? '',
  task: a?.task ?? '',
  deadlineText: a?.deadlineText ?? '',
  executors: a?.executors ?? '',
  plannedResult: a?.plannedResult ?? '',
  productText: a?.productText ?? '',
  productType: a?.productType ?? '',
});

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/**
 * Add, edit or delete an activity; a change or deletion carries the version the user saw, and a
 * concurrent change (409) is explained and the fresh version can be loaded.
 */
export function ActivityEditDialog({
  programmeId,
  sections,
  activity,
  sectionId,
  onClose,
}: {
  programmeId: number;
  sections: Section[];
  activity: Activity | null;
  /** the section of a new activity */
  sectionId?: number | null;
  onClose: () => void;
}) {
  const t = useT();
  const save = useSaveActivity(programmeId);
  const del = useDeleteActivity(programmeId);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [base, setBase] = useState(activity);
  const [f, setF] = useState<Form>(() => toForm(activity, sectionId));
  const [reloading, setReloading] = useState(false);
  const conflict = isApiError(save.error) && save.error.status === 409;
  const delConflict = isApiError(del.error) && del.error.code === 'error.conflict';
  const errors = isApiError(save.error) ? save.error.fieldErrors : {};
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  const submit = () => {
    const body = {
      sectionId: f.sectionId ? Number(f.sectionId) : null,
      number: orNull(f.number),
      text: f.text.trim(),
      level: (f.level || null) as Activity['level'],
      task: orNull(f.task),
      deadlineText: f.deadlineText.trim(),
      executors: orNull(f.executors),
      plannedResult: orNull(f.plannedResult),
      productText: orNull(f.productText),
      productType: (f.productType || null) as Activity['productType'],
    };
    save.mutate(
      { id: base?.id ?? null, body: base ? { ...body, version: base.version } : body },
      { onSuccess: onClose },
    );
  };
  const reload = async () => {
    if (!base) return;
    setReloading(true);
    try {
      const fresh = await call(api.GET('/api/activities/{id}', { params: { path: { id: base.id } } }));
      setBase(fresh);
      setF(toForm(fresh));
      save.reset();
      del.reset();
    } finally {
      setReloading(false);
    }
  };

  return (
    <Dialog
      open
      wide
      title={activity ? t('web.prog.editActivity') : t('web.prog.addActivity')}
      onClose={onClose}
      footer={
        <>
          {base && !confirmDelete && (
            <Button variant="danger" className="footer-start" onClick={() => setConfirmDelete(true)}>
              {t('web.prog.delete')}
            </Button>
          )}
          <DialogActions
            onCancel={onClose}
            onAction={submit}
            busy={save.isPending}
            disabled={!f.text.trim() || conflict}
          />
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {confirmDelete && base && (
          <Alert
            tone={del.isError ? 'error' : 'warn'}
            action={
              <span className="row" style={{ gap: 6 }}>
                <Button
                  size="sm"
                  onClick={() => {
                    setConfirmDelete(false);
                    del.reset();
                  }}
                >
                  {t('web.action.cancel')}
                </Button>
                {delConflict ? (
                  <Button size="sm" icon="refresh" busy={reloading} onClick={() => void reload()}>
                    {t('web.prog.conflictReload')}
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    variant="danger"
                    busy={del.isPending}
                    onClick={() => del.mutate({ id: base.id, version: base.version }, { onSuccess: onClose })}
                  >
                    {t('web.prog.delete')}
                  </Button>
                )}
              </span>
            }
          >
            {del.isError ? (
              delConflict ? (
                <>
                  <strong>{t('web.prog.conflictTitle')}</strong> {errorText(del.error, t)}
                </>
              ) : (
                del.error.message
              )
            ) : (
              t('web.prog.deleteActivityConfirm', {
                what: `${base.number ? `${base.number} ` : ''}${base.text}`.slice(0, 160),
              })
            )}
          </Alert>
        )}
        {conflict ? (
          <Alert
            tone="warn"
            action={
              <Button size="sm" icon="refresh" busy={reloading} onClick={() => void reload()}>
                {t('web.prog.conflictReload')}
              </Button>
            }
          >
            <strong>{t('web.prog.conflictTitle')}</strong> {errorText(save.error, t)}
          </Alert>
        ) : (
          save.isError && <Alert tone="error">{save.error.message}</Alert>
        )}
        <div className="form-grid">
          <Field label={t('web.prog.a.section')}>
            <select className="select" value={f.sectionId} onChange={set('sectionId')}>
              <option value="">—</option>
              {sectionOptions(sections).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="№" error={errors.number}>
            <input className="input" value={f.number} onChange={set('number')} />
          </Field>
          <Field label={t('web.prog.col.level')}>
            <select className="select" value={f.level} onChange={set('level')}>
              <option value="">—</option>
              {ACTIVITY_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`web.prog.alevel.${l}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('web.prog.a.text')} required error={errors.text} className="span-all">
            <textarea className="textarea" rows={3} value={f.text} onChange={set('text')} />
          </Field>
          <Field
            label={t('web.prog.a.deadline')}
            hint={t('web.prog.a.deadlineHint')}
            error={errors.deadlineText}
            className="span-2"
          >
            <input className="input" value={f.deadlineText} onChange={set('deadlineText')} />
          </Field>
          <Field label={t('web.prog.a.executors')} error={errors.executors} className="span-all">
            <textarea className="textarea" rows={2} value={f.executors} onChange={set('executors')} />
          </Field>
          <Field label={t('web.prog.a.task')} className="span-all">
            <input className="input" value={f.task} onChange={set('task')} />
          </Field>
          <Field label={t('web.prog.a.result')} className="span-all">
            <textarea className="textarea" rows={2} value={f.plannedResult} onChange={set('plannedResult')} />
          </Field>
          <Field label={t('web.prog.a.product')} className="span-2">
            <input className="input" value={f.productText} onChange={set('productText')} />
          </Field>
          <Field label={t('web.prog.a.productType')}>
            <select className="select" value={f.productType} onChange={set('productType')}>
              <option value="">—</option>
              {PRODUCT_TYPES.map((p) => (
                <option key={p} value={p}>
                  {t(`web.prog.product.${p}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </form>
    </Dialog>
  );
}
