import { Suspense, useEffect, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useIsFetching } from '@tanstack/react-query';
import { useLogout, useMe, useRegion } from '../api/hooks';
import { useT } from '../i18n';
import { can } from '../lib/access';
import { initials } from '../lib/format';
import { Icon, Logo, type IconName } from './icons';
import { Button } from './Button';
import { LocaleSwitch } from './LocaleSwitch';
import { NotificationsBell } from './NotificationsBell';
import { ErrorState, PageSpinner } from './States';
import { ErrorBoundary } from './ErrorBoundary';
import type { User } from '../api/types';

interface NavItem {
  to: string;
  params?: Record<string, string>;
  label: string;
  icon: IconName;
  exact?: boolean;
}

function navItems(user: User, t: (k: string) => string): NavItem[] {
  const items: NavItem[] = [{ to: '/', label: t('web.nav.home'), icon: 'home', exact: true }];
  const r = user.role;
  if ((r === 'school_team' || r === 'teacher') && user.schoolId) {
    items.push({
      to: '/schools/$id',
      params: { id: String(user.schoolId) },
      label: t('web.nav.mySchool'),
      icon: 'school',
    });
  } else if (r === 'curator' || r === 'expert') {
    items.push({ to: '/registry', label: t('web.nav.assignedSchools'), icon: 'school', exact: true });
  } else {
    items.push({ to: '/registry', label: t('web.nav.schools'), icon: 'school', exact: true });
    items.push({ to: '/registry/municipalities', label: t('web.nav.municipalities'), icon: 'map' });
  }
  if (r !== 'school_team' && r !== 'teacher')
    items.push({ to: '/results', label: t('web.res.nav'), icon: 'chart' });
  if (r === 'regional_coordinator' || r === 'municipal_coordinator' || r === 'observer')
    items.push({ to: '/identification', label: t('web.ident.nav'), icon: 'shield' });
  items.push({ to: '/programmes', label: t('web.prog.nav.programmes'), icon: 'programme' });
  if (r !== 'school_team' && r !== 'teacher')
    items.push({ to: '/indicators', label: t('web.indicators.nav'), icon: 'chart' });
  items.push({ to: '/tasks', label: t('web.prog.nav.tasks'), icon: 'tasks' });
  return items;
}

function adminItems(user: User, t: (k: string) => string): NavItem[] {
  const items: NavItem[] = [];
  if (can.manageUsers(user.role)) items.push({ to: '/users', label: t('web.nav.users'), icon: 'users' });
  if (can.readAudit(user.role)) items.push({ to: '/audit', label: t('web.nav.audit'), icon: 'history' });
  return items;
}

/** The signed-in layout: top bar, side navigation (a drawer on phones) and the page. */
export function AppShell() {
  const me = useMe();
  const location = useLocation();
  const t = useT();
  if (me.isPending) return <PageSpinner />;
  if (me.isError) {
    return (
      <div className="center-page">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    // While the router moves to /login this layout may render once more with the new location:
    // never redirect from the login page itself (the redirect parameter would nest without end).
    if (location.pathname.startsWith('/login')) return null;
    const redirect = location.href === '/' ? undefined : location.href;
    return <Navigate to="/login" search={redirect ? { redirect } : {}} replace />;
  }
  return <Shell user={me.data.user} t={t} />;
}

function Shell({ user, t }: { user: User; t: (k: string, p?: Record<string, string>) => string }) {
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const region = useRegion();
  const logout = useLogout();
  const navigate = useNavigate();
  const fetching = useIsFetching();
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const signOut = () =>
    logout.mutate(undefined, { onSettled: () => void navigate({ to: '/login', search: {}, replace: true }) });
  const main = navItems(user, t);
  const admin = adminItems(user, t);
  const roleName = t(`role.${user.role}`);
  const link = (i: NavItem) => (
    <Link
      key={i.to}
      to={i.to}
      params={i.params}
      className="nav-link"
      activeProps={{ className: 'nav-link active', 'aria-current': 'page' }}
      activeOptions={{ exact: !!i.exact, includeSearch: false }}
    >
      <Icon name={i.icon} />
      {i.label}
    </Link>
  );

  return (
    <div className={open ? 'shell nav-open' : 'shell'}>
      <a className="skip-link" href="#main">
        {t('web.skipToContent')}
      </a>
      {fetching > 0 && <div className="loading-bar" aria-hidden />}
      <header className="topbar">
        <Button
          variant="ghost"
          icon="menu"
          className="menu-btn"
          aria-label={t('web.nav.open')}
          aria-expanded={open}
          aria-controls="sidenav"
          onClick={() => setOpen(true)}
        />
        <Link to="/" className="brand">
          <span className="brand-mark">
            <Logo />
          </span>
          {t('web.product')}
        </Link>
        {region.data?.name && <span className="region">{region.data.name}</span>}
        <span className="spacer" />
        <LocaleSwitch />
        <NotificationsBell />
        <div className="user">
          <div className="user-text">
            <span className="user-name" title={user.fullName}>
              {user.fullName}
            </span>
            <span className="user-role">{roleName}</span>
          </div>
          <span className="avatar" title={`${user.fullName} — ${roleName}`} aria-hidden>
            {initials(user.fullName)}
          </span>
        </div>
        <Button
          variant="ghost"
          icon="logout"
          onClick={signOut}
          busy={logout.isPending}
          aria-label={t('web.action.logout')}
          title={t('web.action.logout')}
        />
      </header>
      <div className="scrim" onClick={() => setOpen(false)} aria-hidden />
      <nav id="sidenav" className="sidenav" aria-label={t('web.nav.label')}>
        <div
          className="nav-drawer-only"
          style={{
            alignItems: 'center',
            gap: 8,
            padding: '0 4px 12px',
            borderBottom: '1px solid var(--c-border)',
            marginBottom: 8,
          }}
        >
          <span className="avatar">{initials(user.fullName)}</span>
          <div style={{ flex: 1, minWidth: 0, lineHeight: 1.25 }}>
            <div style={{ fontWeight: 650 }}>{user.fullName}</div>
            <div className="small muted">{roleName}</div>
          </div>
          <Button
            variant="ghost"
            icon="close"
            aria-label={t('web.nav.close')}
            onClick={() => setOpen(false)}
          />
        </div>
        {main.map(link)}
        {admin.length > 0 && <div className="nav-section">{t('web.nav.admin')}</div>}
        {admin.map(link)}
        <div
          className="nav-drawer-only"
          style={{ flexDirection: 'column', gap: 8, marginTop: 16, padding: '0 12px' }}
        >
          <LocaleSwitch />
          <Button icon="logout" onClick={signOut}>
            {t('web.action.logout')}
          </Button>
        </div>
        <div className="nav-footer">
          {region.data?.name && <div>{region.data.name}</div>}
          <div>{t('web.footer')}</div>
        </div>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <div className="main-inner">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </div>
      </main>
    </div>
  );
}
