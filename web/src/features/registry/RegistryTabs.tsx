import { Link } from '@tanstack/react-router';
import { useT } from '../../i18n';

export function RegistryTabs() {
  const t = useT();
  return (
    <nav className="tabs" aria-label={t('web.registry.title')}>
      <Link
        to="/registry"
        className="tab"
        activeProps={{ className: 'tab active', 'aria-current': 'page' }}
        activeOptions={{ exact: true, includeSearch: false }}
      >
        {t('web.nav.schools')}
      </Link>
      <Link
        to="/registry/municipalities"
        className="tab"
        activeProps={{ className: 'tab active', 'aria-current': 'page' }}
      >
        {t('web.nav.municipalities')}
      </Link>
      <Link
        to="/registry/indicators"
        className="tab"
        activeProps={{ className: 'tab active', 'aria-current': 'page' }}
      >
        {t('web.indicators.title')}
      </Link>
    </nav>
  );
}
