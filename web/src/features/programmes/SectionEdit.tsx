import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/States';
import { useDeleteSection, useSaveSection, type Section } from './api';
import { sectionOptions, suggestSectionNumber } from './model';

/**
 * Add a roadmap section (optionally under another one, «1.2» under «1.»), rename or renumber it,
 * move it under another parent, or delete it when it is empty.
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
  const [parent, setParent] = useState(String(section ? (section.parentId ?? '') : (parentId ?? '')));
  const [number, setNumber] = useState(
    section ? (section.number ?? '') : suggestSectionNumber(sections, parentId ?? null),
  );
  const [title, setTitle] = useState(section?.title ?? '');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const errors = isApiError(save.error) ? save.error.fieldErrors : {};
  const tooLong = number.trim().length > 20;
  // A section cannot move under itself or one of its own subsections.
  const options = sectionOptions(sections).filter((o) => !section || !o.path.includes(section.id));

  const submit = () => {
    if (!title.trim() || tooLong) return;
    save.mutate(
      {
        sectionId: section?.id ?? null,
        body: {
          parentId: parent ? Number(parent) : null,
          number: number.trim().replace(/\.$/, '') || null,
          title: title.trim(),
          ...(section ? {} : { tasks: [] }),
        },
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
          {section && !confirmDelete && (
            <Button variant="danger" className="footer-start" onClick={() => setConfirmDelete(true)}>
              {t('web.prog.delete')}
            </Button>
          )}
          <Button onClick={onClose}>{t('web.action.cancel')}</Button>
          <Button
            variant="primary"
            busy={save.isPending}
            disabled={!title.trim() || tooLong}
            onClick={submit}
          >
            {t('web.action.save')}
          </Button>
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
        {save.isError && <Alert tone="error">{save.error.message}</Alert>}
        {confirmDelete && section && (
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
                {!del.isError && (
                  <Button
                    size="sm"
                    variant="danger"
                    busy={del.isPending}
                    onClick={() => del.mutate(section.id, { onSuccess: onClose })}
                  >
                    {t('web.prog.delete')}
                  </Button>
                )}
              </span>
            }
          >
            {del.isError
              ? isApiError(del.error) && del.error.status === 409
                ? t('web.prog.sec.notEmpty')
                : del.error.message
              : t('web.prog.sec.deleteConfirm', { title: section.title })}
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
