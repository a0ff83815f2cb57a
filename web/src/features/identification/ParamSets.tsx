import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { Badge, Card } from '../../ui/Card';
import { ConfirmDialog, Dialog, DialogActions } from '../../ui/Dialog';
import { Checkbox, Field } from '../../ui/Field';
import { Alert, EmptyState, ErrorState, SkeletonRows } from '../../ui/States';
import { useParamSetMutations, useParamSets, type ParamSets } from './api';
import { formToParams, paramsToForm } from './model';
import { ParamsFields } from './ParamsFields';

type ParamSet = ParamSets['items'][number];

/** «Наборы параметров» (regional coordinator): create, edit and delete the named parameter sets. */
export function ParamSetsCard() {
  const t = useT();
  const q = useParamSets();
  const [editing, setEditing] = useState<ParamSet | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ParamSet | null>(null);
  return (
    <Card
      id="ident-param-sets"
      title={t('web.ident.sets.title')}
      flush
      actions={
        <Button icon="plus" onClick={() => setEditing('new')}>
          {t('web.ident.sets.add')}
        </Button>
      }
    >
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data && q.data.items.length === 0 ? (
        <EmptyState title={t('web.ident.sets.empty')} icon="empty" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <tbody>
              {!q.data ? (
                <SkeletonRows cols={3} rows={2} />
              ) : (
                q.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <span className="cell-main">{s.name}</span>{' '}
                      {s.isDefault && <Badge tone="green">{t('web.ident.params.isDefault')}</Badge>}
                      <div className="cell-sub">{summaryOf(t, s.params)}</div>
                    </td>
                    <td className="num nowrap">
                      <Button size="sm" icon="edit" onClick={() => setEditing(s)}>
                        {t('web.ident.sets.edit')}
                      </Button>{' '}
                      <Button size="sm" variant="ghost" onClick={() => setDeleting(s)}>
                        {t('web.ident.sets.delete')}
                      </Button>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <ParamSetDialog
          set={editing === 'new' ? null : editing}
          defaults={q.data?.defaults}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteDialog set={deleting} onClose={() => setDeleting(null)} />}
    </Card>
  );
}

function summaryOf(t: ReturnType<typeof useT>, params: unknown) {
  const f = paramsToForm(params);
  return t('web.ident.sets.summary', {
    threshold: f.threshold,
    min: f.minParticipants,
    mode: t(`web.ident.sets.mode.${f.mode}`),
  });
}

function ParamSetDialog({
  set,
  defaults,
  onClose,
}: {
  set: ParamSet | null;
  defaults: unknown;
  onClose: () => void;
}) {
  const t = useT();
  const { create, update } = useParamSetMutations();
  const base = set ? set.params : defaults;
  const [name, setName] = useState(set?.name ?? '');
  const [isDefault, setIsDefault] = useState(set?.isDefault ?? false);
  const [form, setForm] = useState(() => paramsToForm(base));
  const [tried, setTried] = useState(false);
  const m = set ? update : create;
  const { params, errors } = formToParams(base, form);
  const nameError = tried && !name.trim() ? t('web.ident.sets.nameRequired') : undefined;
  const fields = m.error && isApiError(m.error) ? m.error.fieldErrors : {};
  const submit = () => {
    setTried(true);
    if (!name.trim() || Object.keys(errors).length > 0) return;
    const body = { name: name.trim(), params, isDefault };
    if (set) update.mutate({ id: set.id, body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };
  return (
    <Dialog
      open
      wide
      title={set ? t('web.ident.sets.editTitle', { name: set.name }) : t('web.ident.sets.createTitle')}
      onClose={onClose}
      footer={
        <DialogActions
          action={t('web.ident.sets.save')}
          onCancel={onClose}
          onAction={submit}
          icon="check"
          busy={m.isPending}
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
        <Field label={t('web.ident.sets.name')} required error={nameError ?? fields.name}>
          <input className="input" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Checkbox label={t('web.ident.sets.isDefault')} checked={isDefault} onChange={setIsDefault} />
        <ParamsFields value={form} onChange={setForm} errors={tried ? errors : {}} />
        {m.isError && <Alert tone="error">{m.error.message}</Alert>}
      </form>
    </Dialog>
  );
}

function DeleteDialog({ set, onClose }: { set: ParamSet; onClose: () => void }) {
  const t = useT();
  const { remove } = useParamSetMutations();
  return (
    <ConfirmDialog
      title={t('web.ident.sets.deleteTitle')}
      action={t('web.ident.sets.delete')}
      busy={remove.isPending}
      onClose={onClose}
      onConfirm={() => remove.mutate(set.id, { onSuccess: onClose })}
    >
      <div className="stack">
        <p>{t('web.ident.sets.deleteText', { name: set.name })}</p>
        {remove.isError && <Alert tone="error">{remove.error.message}</Alert>}
      </div>
    </ConfirmDialog>
  );
}
