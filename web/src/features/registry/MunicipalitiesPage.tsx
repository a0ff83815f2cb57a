import { useMunicipalities } from '../../api/hooks';
import { useCurrentUser } from '../../api/session';
import { apiLocale } from '../../api/client';
import { useT } from '../../i18n';
import { can } from '../../lib/access';
import { btnClass } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { Icon } from '../../ui/icons';
import { EmptyState, ErrorState } from '../../ui/States';
import { MunicipalitiesTable } from './MunicipalitiesTable';
import { RegistryTabs } from './RegistryTabs';

export default function MunicipalitiesPage() {
  const t = useT();
  const user = useCurrentUser();
  const m = useMunicipalities();
  return (
    <div className="stack">
      <PageHeader
        title={t('web.registry.title')}
        subtitle={t('web.municipalities.subtitle')}
        actions={
          can.exportRegistry(user.role) && (
            <a className={btnClass('secondary')} href={`/api/registry/export?lang=${apiLocale()}`} download>
              <Icon name="download" />
              {t('web.registry.export')}
            </a>
          )
        }
      />
      <RegistryTabs />
      <section className="card" aria-label={t('web.municipalities.title')}>
        {m.isError ? (
          <ErrorState error={m.error} onRetry={() => void m.refetch()} />
        ) : m.data && m.data.length === 0 ? (
          <EmptyState title={t('web.municipalities.empty')} icon="map" />
        ) : (
          <MunicipalitiesTable items={m.data} loading={m.isPending} />
        )}
      </section>
    </div>
  );
}
