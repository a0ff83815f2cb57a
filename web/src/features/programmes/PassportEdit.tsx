import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/States';
import { progKeys, useInvalidateProgramme, type Programme, type ProgrammePatch } from './api';
import { errorText } from '../../api/conflict';

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
const orNull = (s: string) => (s.trim() ? s.trim() : null);

const toForm = (p: Programme) => ({
  name: p.name,
  orderIssuer: p.orderIssuer ?? '',
  orderNumber: p.orderNumber ?? '',
  orderDate: p.orderDate ?? '',
  periodFrom: p.periodFrom ?? '',
  periodTo: p.periodTo ?? '',
  developers: p.developers ?? '',
  executors: p.executors ?? '',
  goals: p.goals ?? '',
  tasks: p.tasks.join('\n'),
  expectedResults: p.expectedResults ?? '',
  stages: p.stages.join('\n'),
  controllers: p.controllers ?? '',
});

/** Edit the passport; a concurrent change (409) is explained and the current version can be loaded. */
export function PassportEditDialog({ programme, onClose }: { programme: Programme; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const inv = useInvalidateProgramme();
  const [base, setBase] = useState(programme);
  const [f, setF] = useState(() => toForm(programme));
  const save = useMutation({
    mutationFn: (body: ProgrammePatch) =>
      call(api.PATCH('/api/programmes/{id}', { params: { path: { id: programme.id } }, body })),
    onSuccess: (p) => {
      qc.setQueryData(progKeys.one(p.id), p);
      inv(p.id);
      onClose();
    },
  });
  const conflict = isApiError(save.error) && save.error.status === 409;
  const errors = isApiError(save.error) ? save.error.fieldErrors : {};
  const reload = async () => {
    const fresh = await call(api.GET('/api/programmes/{id}', { params: { path: { id: programme.id } } }));
    qc.setQueryData(progKeys.one(fresh.id), fresh);
    setBase(fresh);
    setF(toForm(fresh));
    save.reset();
  };
  const submit = () =>
    save.mutate({
      version: base.version,
      name: f.name.trim(),
      orderIssuer: orNull(f.orderIssuer),
      orderNumber: orNull(f.orderNumber),
      orderDate: f.orderDate || null,
      developers: orNull(f.developers),
      executors: orNull(f.executors),
      goals: orNull(f.goals),
      tasks: lines(f.tasks),
      expectedResults: orNull(f.expectedResults),
      periodFrom: f.periodFrom || null,
      periodTo: f.periodTo || null,
      stages: lines(f.stages),
      controllers: orNull(f.controllers),
    });
  const field = (k: keyof typeof f, multiline = false, type = 'text') => (
    <PassportField
      name={k}
      value={f[k]}
      onChange={(v) => setF({ ...f, [k]: v })}
      error={errors[k]}
      multiline={multiline}
      type={type}
      wide={multiline || k === 'name'}
    />
  );
  return (
    <Dialog
      open
      wide
      title={t('web.prog.editPassport')}
      onClose={onClose}
      footer={
        <DialogActions
          onCancel={onClose}
          onAction={submit}
          busy={save.isPending}
          disabled={f.name.trim().length < 3 || conflict}
        />
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {conflict ? (
          <Alert
            tone="warn"
            action={
              <Button size="sm" icon="refresh" onClick={() => void reload()}>
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
          {field('name')}
          {field('orderIssuer')}
          {field('orderNumber')}
          {field('orderDate', false, 'date')}
          {field('periodFrom', false, 'date')}
          {field('periodTo', false, 'date')}
          {field('developers', true)}
          {field('executors', true)}
          {field('goals', true)}
          {field('tasks', true)}
          {field('expectedResults', true)}
          {field('stages', true)}
          {field('controllers', true)}
        </div>
      </form>
    </Dialog>
  );
}

/** One field of the programme passport form (used by the create and the edit dialogs). */
export function PassportField({
  name,
  value,
  onChange,
  error,
  multiline = false,
  type = 'text',
  wide = multiline,
}: {
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  multiline?: boolean;
  type?: string;
  wide?: boolean;
}) {
  const t = useT();
  return (
    <Field
      label={t(`web.prog.f.${name}`)}
      hint={name === 'tasks' || name === 'stages' ? t('web.prog.f.linesHint') : undefined}
      error={error}
      required={name === 'name'}
      className={wide ? 'span-all' : undefined}
    >
      {multiline ? (
        <textarea className="textarea" rows={3} value={value} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input className="input" type={type} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}
