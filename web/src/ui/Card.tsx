import { useEffect, type ReactNode } from 'react';
import { translate } from '../../../common/src/i18n/client.js';
import { apiLocale } from '../api/client';

export function Card({
  title,
  actions,
  children,
  flush,
  footer,
  id,
  className,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  flush?: boolean;
  footer?: ReactNode;
  id?: string;
  className?: string;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section
      className={['card', className].filter(Boolean).join(' ')}
      aria-labelledby={title ? headingId : undefined}
      id={id}
    >
      {(title || actions) && (
        <div className="card-header">
          {title && <h2 id={headingId}>{title}</h2>}
          {actions}
        </div>
      )}
      <div className={flush ? 'card-body flush' : 'card-body'}>{children}</div>
      {footer && <div className="card-footer">{footer}</div>}
    </section>
  );
}

export function Badge({
  tone,
  children,
  title,
}: {
  tone?: 'blue' | 'teal' | 'green' | 'amber' | 'red';
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={tone ? `badge badge-${tone}` : 'badge'} title={title}>
      {children}
    </span>
  );
}

export function PageHeader({
  title,
  subtitle,
  actions,
  crumbs,
  badges,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  crumbs?: ReactNode;
  badges?: ReactNode;
}) {
  usePageTitle(typeof title === 'string' ? title : undefined);
  return (
    <header className="page-header">
      <div className="titles">
        {crumbs && <nav aria-label="breadcrumbs">{crumbs}</nav>}
        <h1>{title}</h1>
        {subtitle && <div className="subtitle">{subtitle}</div>}
        {badges && <div className="badges">{badges}</div>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </header>
  );
}

export function Stat({
  label,
  value,
  note,
  tone,
}: {
  label: ReactNode;
  value: ReactNode;
  note?: ReactNode;
  /** A coloured top border: `danger` for a count of problems, `success` for none. */
  tone?: 'danger' | 'success';
}) {
  return (
    <div className={tone ? `stat stat-${tone}` : 'stat'}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {note && <span className="stat-note">{note}</span>}
    </div>
  );
}

export function DefList({ items }: { items: Array<[ReactNode, ReactNode]> }) {
  return (
    <dl className="dl">
      {items.map(([k, v], i) => (
        <div key={i} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** «Реестр школ — Рост» in the browser tab. */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    const product = translate(apiLocale(), 'web.product');
    document.title = title ? `${title} — ${product}` : product;
  }, [title]);
}
