import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { Button } from './Button';
import type { IconName } from './icons';
import { useT } from '../i18n';

/** A modal dialog on the native <dialog> element: focus is trapped and Esc closes it. */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  wide,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const t = useT();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      style={wide ? { width: 'min(860px, calc(100vw - 24px))' } : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      aria-labelledby="dialog-title"
    >
      {open && (
        <div className="dialog-inner">
          <div className="dialog-header">
            <h2 id="dialog-title">{title}</h2>
            <Button variant="ghost" icon="close" onClick={onClose} aria-label={t('web.action.close')} />
          </div>
          <div className="dialog-body">{children}</div>
          {footer && <div className="dialog-footer">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}

/**
 * A dialog's footer: Cancel, then its action (Save unless `action` is given) — a button, or with
 * `form` the submit button of that form; `start`: buttons at the footer's start (a deletion).
 */
export function DialogActions({
  action,
  onAction,
  form,
  onCancel,
  tone = 'primary',
  icon,
  busy,
  disabled,
  start,
}: {
  action?: ReactNode;
  onAction?: () => void;
  form?: string;
  onCancel: () => void;
  tone?: 'danger' | 'primary';
  icon?: IconName | undefined;
  busy?: boolean | undefined;
  disabled?: boolean | undefined;
  start?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      {start}
      <Button onClick={onCancel}>{t('web.action.cancel')}</Button>
      <Button
        variant={tone}
        {...(icon ? { icon } : {})}
        busy={busy}
        disabled={disabled}
        {...(form ? { type: 'submit' as const, form } : { onClick: onAction })}
      >
        {action ?? t('web.action.save')}
      </Button>
    </>
  );
}

/**
 * A dialog asking to confirm one action: Cancel and the action in the footer. A destructive action
 * by default (`tone: 'danger'`, a cross); `tone: 'primary'` for a step such as a status change.
 */
export function ConfirmDialog({
  open = true,
  title,
  action,
  tone = 'danger',
  icon = tone === 'danger' ? 'close' : undefined,
  busy,
  disabled,
  onConfirm,
  onClose,
  children,
}: {
  open?: boolean;
  title: ReactNode;
  /** The action button's text. */
  action: ReactNode;
  tone?: 'danger' | 'primary';
  icon?: IconName | undefined;
  busy?: boolean;
  disabled?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <DialogActions
          action={action}
          onAction={onConfirm}
          onCancel={onClose}
          tone={tone}
          icon={icon}
          busy={busy}
          disabled={disabled}
        />
      }
    >
      {children}
    </Dialog>
  );
}

/** A dialog around a form: Cancel and Save in the footer (Save submits the form `id`). */
export function FormDialog({
  id,
  title,
  submitLabel,
  busy,
  onSubmit,
  onClose,
  wide,
  children,
}: {
  id: string;
  title: ReactNode;
  submitLabel: ReactNode;
  busy?: boolean;
  onSubmit: (e: FormEvent) => void;
  onClose: () => void;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      {...(wide ? { wide } : {})}
      footer={<DialogActions action={submitLabel} form={id} onCancel={onClose} busy={busy} />}
    >
      <form id={id} className="stack" onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </Dialog>
  );
}
