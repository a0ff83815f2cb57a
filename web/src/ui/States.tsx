import type { ReactNode } from 'react';
import { Icon, type IconName } from './icons';
import { Button } from './Button';
import { useT } from '../i18n';

export function Spinner({ label }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

export function PageSpinner() {
  const t = useT();
  return (
    <div className="center-page">
      <Spinner label={t('web.loading')} />
    </div>
  );
}

export function EmptyState({
  title,
  children,
  icon = 'empty',
  action,
}: {
  title: ReactNode;
  children?: ReactNode;
  icon?: IconName;
  action?: ReactNode;
}) {
  return (
    <div className="state">
      <div className="state-icon">
        <Icon name={icon} size={22} />
      </div>
      <h3>{title}</h3>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: ReactNode;
}) {
  const t = useT();
  const message = error instanceof Error ? error.message : String(error ?? '');
  return (
    <div className="state error" role="alert">
      <div className="state-icon">
        <Icon name="alert" size={22} />
      </div>
      <h3>{title ?? t('web.error.title')}</h3>
      {message && <p>{message}</p>}
      {onRetry && (
        <Button icon="refresh" onClick={onRetry}>
          {t('web.action.retry')}
        </Button>
      )}
    </div>
  );
}

export function Alert({
  tone = 'info',
  children,
  action,
}: {
  tone?: 'info' | 'error' | 'warn' | 'success';
  children: ReactNode;
  action?: ReactNode;
}) {
  const icon: IconName = tone === 'success' ? 'check' : tone === 'info' ? 'info' : 'alert';
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' || tone === 'warn' ? 'alert' : 'status'}>
      <Icon name={icon} />
      <div className="alert-body">
        <div>{children}</div>
        {action && <div className="row">{action}</div>}
      </div>
    </div>
  );
}

/** Placeholder rows of a table while its data loads. */
export function SkeletonRows({ rows = 8, cols }: { rows?: number; cols: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} aria-hidden>
          {Array.from({ length: cols }, (_, c) => (
            <td key={c}>
              <span
                className="skeleton"
                style={{ width: `${c === 1 ? 60 + ((r * 13) % 35) : 40 + ((r * 7 + c * 11) % 45)}%` }}
              />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

export function SkeletonBlock({ lines = 4 }: { lines?: number }) {
  return (
    <div className="stack" aria-hidden>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton" style={{ width: `${55 + ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}
