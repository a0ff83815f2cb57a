import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from './Button';
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
