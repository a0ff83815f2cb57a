import { useState } from 'react';
import { api, call, isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/States';
import { useDeleteSection, useInvalidateProgramme, useSaveSection, type Section } from './api';
import { errorText } from '../../api/conflict';
import { renumbering, sectionOptions, suggestSectionNumber } from './model';

/**
 * Add a roadmap section (optionally under another one, «1.2» under «1.»), rename or renumber it
 * (the nested numbers follow), move it under another parent, or delete it when it is empty. A change
 * or deletion carries the version the user saw: a concurrent change (409) is explained and the
 * current section can be loaded.
 */
export function SectionEditDialog({
  programmeId,
  sections,
  section,
  parentId,
  onClose,
}: {
  programmeId: number;
  sections: Section[];
  /** null: a new section */
  section: Section | null;
  /** the parent of a new section */
  parentId?: number | null;
  onClose: () => void;
}) {
  const t = useT();
  const save = useSaveSection(programmeId);
  const del = useDeleteSection(programmeId);
  const inv = useInvalidateProgramme();
  const [base, setBase] = useState(section);
  const [parent, setParent] = useState(String(section ? (section.parentId ?? '') : (parentId ?? '')));
  const [number, setNumber] = useState(
    section ? (section.number ?? '') : suggestSectionNumber(sections, parentId ?? null),
  );
  const [title, setTitle] = useState(section?.title ?? '');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [gone, setGone] = useState(false);
  const errors = isApiError(save.error) ? save.error.fieldErrors : {};
  const conflict = isApiError(save.error) && save.error.code === 'error.conflict';
  const delConflict = isApiError(del.error) && del.error.code === 'error.conflict';
  const renumber = base ? renumbering(base.number, number) : null;

  /** Load the section as it is now (after a 409): the form shows it, the version is the current one. */
  const reload = async () => {
    if (!base) return;
    setReloading(true);
    try {
      const road = await call(
        api.GET('/api/programmes/{id}/roadmap', { params: { path: { id: programmeId }, query: {} } }),
      );
      inv(programmeId);
      const fresh = road.sections.find((x) => x.id === base.id);
      save.reset();
      del.reset();
      if (!fresh) {
        setGone(true);
        return;
      }
      setBase(fresh);
      setParent(String(fresh.parentId ?? ''));
      setNumber(fresh.number ?? '');
      setTitle(fresh.title);
    } finally {
      setReloading(false);
    }
  };
  const reloadButton = (
    <Button size="sm" icon="refresh" busy={reloading} onClick={() => void reload()}>
      {t('web.prog.conflictReload')}
    </Button>
  );
  const tooLong = number.trim().length > 20;
  // A section cannot move under itself or one of its own subsections.
  const options = sectionOptions(sections).filter((o) => !base || !o.path.includes(base.id));

  const submit = () => {
    if (!title.trim() || tooLong || conflict || gone) return;
    const fields = {
      parentId: parent ? Number(parent) : null,
      number: number.trim().replace(/\.$/, '') || null,
      title: title.trim(),
    };
    save.mutate(
      {
        sectionId: base?.id ?? null,
        body: base ? { ...fields, version: base.version } : { ...fields, tasks: [] },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog
      open
      title={section ? t('web.prog.sec.edit') : t('web.prog.sec.add')}
      onClose={onClose}
      footer={
        <>
          {base && !confirmDelete && !gone && (
            <Button variant="danger" className="footer-start" onClick={() => setConfirmDelete(true)}>
              {t('web.prog.delete')}
            </Button>
          )}
          <DialogActions
            onCancel={onClose}
            onAction={submit}
            busy={save.isPending}
            disabled={!title.trim() || tooLong || conflict || gone}
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
        {gone && <Alert tone="warn">{t('web.prog.sec.gone')}</Alert>}
        {conflict ? (
          <Alert tone="warn" action={reloadButton}>
            <strong>{t('web.prog.conflictTitle')}</strong> {errorText(save.error, t)}
          </Alert>
        ) : (
          save.isError && <Alert tone="error">{save.error.message}</Alert>
        )}
        {confirmDelete && base && !gone && (
          <Alert
            tone={delConflict ? 'warn' : del.isError ? 'error' : 'warn'}
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
                {delConflict && reloadButton}
                {!del.isError && (
                  <Button
                    size="sm"
                    variant="danger"
                    busy={del.isPending}
                    onClick={() =>
                      del.mutate({ sectionId: base.id, version: base.version }, { onSuccess: onClose })
                    }
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
              ) : isApiError(del.error) && del.error.code === 'programmes.sectionNotEmpty' ? (
                t('web.prog.sec.notEmpty')
              ) : (
                del.error.message
              )
            ) : (
              t('web.prog.sec.deleteConfirm', { title: base.title })
            )}
          </Alert>
        )}
        <div className="form-grid">
          <Field label={t('web.prog.sec.parent')} className="span-all" error={errors.parentId}>
            <select
              className="select"
              value={parent}
              onChange={(e) => {
                setParent(e.target.value);
                if (!section)
                  setNumber(suggestSectionNumber(sections, e.target.value ? Number(e.target.value) : null));
              }}
            >
              <option value="">{t('web.prog.sec.topLevel')}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('web.prog.sec.number')}
            hint={t('web.prog.sec.numberHint')}
            error={tooLong ? t('web.prog.sec.numberTooLong') : errors.number}
          >
            <input className="input" value={number} onChange={(e) => setNumber(e.target.value)} />
          </Field>
          {renumber && (
            <div className="span-all">
              <Alert tone="info">{t('web.prog.sec.renumberHint', renumber)}</Alert>
            </div>
          )}
          <Field label={t('web.prog.sec.title')} required error={errors.title} className="span-all">
            <textarea
              className="textarea"
              rows={2}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </Field>
        </div>
      </form>
    </Dialog>
  );
}
