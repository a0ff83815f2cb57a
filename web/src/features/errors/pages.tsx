import type { ErrorComponentProps } from '@tanstack/react-router';
import { useT } from '../../i18n';
import { ButtonLink } from '../../ui/Button';
import { ErrorState } from '../../ui/States';

export function NotFoundPage() {
  const t = useT();
  return (
    <div className="card">
      <div className="not-found">
        <div className="code" aria-hidden>
          404
        </div>
        <h1>{t('web.notFound.title')}</h1>
        <p className="muted">{t('web.notFound.text')}</p>
        <ButtonLink to="/" variant="primary" icon="home">
          {t('web.notFound.home')}
        </ButtonLink>
      </div>
    </div>
  );
}

export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  return (
    <div className="card">
      <ErrorState error={error} onRetry={reset} />
    </div>
  );
}
