import { Link } from '@tanstack/react-router';
import { useIndicators, useMunicipalities, useRegion, useSchool, useSchools } from '../../api/hooks';
import { useCurrentUser } from '../../api/session';
import type { SchoolCard, User } from '../../api/types';
import { useLocale, useT, type T } from '../../i18n';
import { can, homeKind } from '../../lib/access';
import { addressName, DASH, formatNumber, formatSchoolYear } from '../../lib/format';
import { ButtonLink } from '../../ui/Button';
import { Card, Stat, usePageTitle } from '../../ui/Card';
import { Icon, type IconName } from '../../ui/icons';
import { EmptyState, ErrorState, SkeletonBlock, SkeletonRows } from '../../ui/States';
import { MunicipalitiesTable } from '../registry/MunicipalitiesTable';
import { SchoolBadges } from '../schools/SchoolBadges';
import { formatIndicator, indicatorValue } from '../schools/context';

function greeting(t: T, d = new Date()) {
  const h = d.getHours();
  return t(
    h < 5 ? 'web.home.evening' : h < 12 ? 'web.home.morning' : h < 18 ? 'web.home.day' : 'web.home.evening',
  );
}

export function HomePage() {
  const user = useCurrentUser();
  const t = useT();
  const kind = homeKind(user.role);
  usePageTitle(t('web.nav.home'));
  return (
    <div className="stack-lg">
      <header className="greeting stack" style={{ gap: 6 }}>
        <h1>
          {greeting(t)}, {addressName(user.fullName)}
        </h1>
        <Scope user={user} />
      </header>
      {kind === 'school' ? (
        <SchoolPanel id={user.schoolId} />
      ) : kind === 'assigned' ? (
        <AssignedStats />
      ) : (
        <RegionStats />
      )}
      {kind !== 'school' && <QuickLinks user={user} />}
      {kind === 'region' && <MunicipalitiesPanel />}
      {kind === 'observer' && <MunicipalitiesPanel />}
      {kind === 'municipality' && <SchoolsPanel title={t('web.home.municipalitySchools')} />}
      {kind === 'assigned' && <SchoolsPanel title={t('web.home.assignedSchools')} assigned />}
    </div>
  );
}

function Scope({ user }: { user: User }) {
  const t = useT();
  const region = useRegion();
  const role = t(`role.${user.role}`);
  let scope: string;
  switch (homeKind(user.role)) {
    case 'region':
      scope = t('web.home.scope.region', { region: region.data?.name ?? '…' });
      break;
    case 'municipality':
      scope = user.municipalityName ?? '—';
      break;
    case 'school':
      scope = user.schoolName ?? t('web.home.scope.noSchool');
      break;
    case 'assigned':
      scope = t('web.home.scope.assigned', { count: user.schoolIds.length });
      break;
    case 'observer':
      scope =
        user.schoolName ??
        user.municipalityName ??
        t('web.home.scope.region', { region: region.data?.name ?? '…' });
      break;
  }
  return (
    <p className="scope-line">
      <span className="badge badge-blue">{role}</span>
      <Icon name="map" size={15} />
      <span>{scope}</span>
    </p>
  );
}

function RegionStats() {
  const t = useT();
  const [locale] = useLocale();
  const region = useRegion();
  if (region.isError) return <ErrorState error={region.error} onRetry={() => void region.refetch()} />;
  const d = region.data;
  const v = (n: number | undefined) =>
    n === undefined ? (
      <span className="skeleton" style={{ width: 70, height: 22 }} />
    ) : (
      formatNumber(n, locale)
    );
  return (
    <section aria-label={t('web.home.summary')} className="stats">
      <Stat label={t('web.stats.municipalities')} value={v(d?.municipalities)} />
      <Stat label={t('web.stats.schools')} value={v(d?.schools)} />
      <Stat label={t('web.stats.students')} value={v(d?.students)} />
      <Stat
        label={t('web.stats.smallSchools')}
        value={v(d?.smallSchools)}
        note={
          d && d.schools
            ? t('web.stats.share', { share: formatNumber((d.smallSchools / d.schools) * 100, locale, 0) })
            : undefined
        }
      />
      <Stat
        label={t('web.stats.ruralSchools')}
        value={v(d?.ruralSchools)}
        note={
          d && d.schools
            ? t('web.stats.share', { share: formatNumber((d.ruralSchools / d.schools) * 100, locale, 0) })
            : undefined
        }
      />
    </section>
  );
}

const ASSIGNED_QUERY = { pageSize: 200, sort: 'name' } as const;

/** Curators and experts: the summary of their own schools (counted here from the list). */
function AssignedStats() {
  const t = useT();
  const [locale] = useLocale();
  const q = useSchools(ASSIGNED_QUERY);
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data?.items;
  const v = (n: number | undefined) =>
    n === undefined ? (
      <span className="skeleton" style={{ width: 70, height: 22 }} />
    ) : (
      formatNumber(n, locale)
    );
  const count = (f: (s: NonNullable<typeof items>[number]) => boolean) => items?.filter(f).length;
  return (
    <section aria-label={t('web.home.summary')} className="stats">
      <Stat
        label={t('web.stats.municipalities')}
        value={v(items && new Set(items.map((s) => s.municipalityId)).size)}
      />
      <Stat label={t('web.stats.schools')} value={v(q.data?.total)} />
      <Stat label={t('web.stats.students')} value={v(items?.reduce((a, s) => a + s.students, 0))} />
      <Stat label={t('web.stats.smallSchools')} value={v(count((s) => s.isSmall))} />
      <Stat label={t('web.stats.ruralSchools')} value={v(count((s) => s.locality === 'rural'))} />
    </section>
  );
}

function QuickLinks({ user }: { user: User }) {
  const t = useT();
  const links: Array<{
    to: string;
    params?: Record<string, string>;
    icon: IconName;
    title: string;
    desc: string;
  }> = [];
  const kind = homeKind(user.role);
  if (kind === 'school' && user.schoolId) {
    links.push({
      to: '/schools/$id',
      params: { id: String(user.schoolId) },
      icon: 'school',
      title: t('web.home.link.mySchool'),
      desc: t('web.home.link.mySchoolDesc'),
    });
  } else if (kind === 'assigned') {
    links.push({
      to: '/registry',
      icon: 'school',
      title: t('web.home.link.assigned'),
      desc: t('web.home.link.assignedDesc'),
    });
  } else {
    links.push({
      to: '/registry',
      icon: 'school',
      title: t('web.home.link.registry'),
      desc: t('web.home.link.registryDesc'),
    });
    links.push({
      to: '/registry/municipalities',
      icon: 'map',
      title: t('web.home.link.municipalities'),
      desc: t('web.home.link.municipalitiesDesc'),
    });
  }
  if (can.createSchool(user.role))
    links.push({
      to: '/schools/new',
      icon: 'plus',
      title: t('web.home.link.newSchool'),
      desc: t('web.home.link.newSchoolDesc'),
    });
  if (can.manageUsers(user.role))
    links.push({
      to: '/users',
      icon: 'users',
      title: t('web.home.link.users'),
      desc: t('web.home.link.usersDesc'),
    });
  if (can.readAudit(user.role))
    links.push({
      to: '/audit',
      icon: 'history',
      title: t('web.home.link.audit'),
      desc: t('web.home.link.auditDesc'),
    });
  return (
    <nav aria-label={t('web.home.quickLinks')} className="quick-links">
      {links.map((l) => (
        <Link key={l.to} to={l.to} params={l.params} className="quick-link">
          <span className="ql-icon">
            <Icon name={l.icon} />
          </span>
          <span>
            <strong>{l.title}</strong>
            <span className="desc">{l.desc}</span>
          </span>
        </Link>
      ))}
    </nav>
  );
}

function MunicipalitiesPanel() {
  const t = useT();
  const m = useMunicipalities();
  return (
    <Card
      title={t('web.home.municipalities')}
      flush
      actions={
        <ButtonLink to="/registry/municipalities" variant="ghost" size="sm">
          {t('web.action.all')}
        </ButtonLink>
      }
    >
      {m.isError ? (
        <ErrorState error={m.error} onRetry={() => void m.refetch()} />
      ) : (
        <MunicipalitiesTable items={m.data} loading={m.isPending} />
      )}
    </Card>
  );
}

function SchoolsPanel({ title, assigned }: { title: string; assigned?: boolean }) {
  const t = useT();
  const [locale] = useLocale();
  const q = useSchools(assigned ? ASSIGNED_QUERY : { pageSize: 10, sort: 'students', order: 'desc' });
  return (
    <Card
      title={title}
      flush
      actions={
        <ButtonLink to="/registry" variant="ghost" size="sm">
          {t('web.action.all')}
        </ButtonLink>
      }
    >
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data && q.data.items.length === 0 ? (
        <EmptyState title={assigned ? t('web.home.noAssigned') : t('web.schools.empty')} icon="school">
          {assigned ? t('web.home.noAssignedText') : undefined}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('web.schools.col.name')}</th>
                <th scope="col">{t('web.schools.col.municipality')}</th>
                <th scope="col">{t('web.schools.col.type')}</th>
                <th scope="col" className="num">
                  {t('web.schools.col.students')}
                </th>
              </tr>
            </thead>
            <tbody>
              {!q.data ? (
                <SkeletonRows rows={5} cols={4} />
              ) : (
                q.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to="/schools/$id" params={{ id: String(s.id) }} className="cell-main">
                        {s.shortName}
                      </Link>
                      <div className="cell-sub">{s.settlement}</div>
                    </td>
                    <td className="muted">{s.municipalityName}</td>
                    <td>
                      <div className="badges">
                        <SchoolBadges
                          type={s.type}
                          locality={s.locality}
                          isSmall={s.isSmall}
                          parentId={null}
                        />
                      </div>
                    </td>
                    <td className="num">{formatNumber(s.students, locale)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function SchoolPanel({ id }: { id: number | null }) {
  const t = useT();
  const [locale] = useLocale();
  if (id === null) return <EmptyState title={t('web.home.scope.noSchool')} icon="school" />;
  return <SchoolPanelInner id={id} t={t} locale={locale} />;
}

function SchoolPanelInner({ id, t, locale }: { id: number; t: T; locale: 'ru' | 'en' }) {
  const s = useSchool(id);
  if (s.isError) return <ErrorState error={s.error} onRetry={() => void s.refetch()} />;
  if (!s.data) {
    return (
      <div className="card card-body">
        <SkeletonBlock />
      </div>
    );
  }
  const c = s.data;
  const students = (c.studentsNoo ?? 0) + (c.studentsOoo ?? 0) + (c.studentsSoo ?? 0);
  return (
    <div className="stack">
      <Card
        title={c.shortName}
        actions={
          <ButtonLink
            to="/schools/$id"
            params={{ id: String(id) }}
            variant="primary"
            size="sm"
            icon="chevronRight"
          >
            {t('web.home.openCard')}
          </ButtonLink>
        }
      >
        <div className="stack" style={{ gap: 10 }}>
          <p className="muted">{c.fullName}</p>
          <div className="badges">
            <SchoolBadges
              type={c.type}
              locality={c.locality}
              isSmall={c.isSmall}
              parentId={c.parentId}
              parentName={c.parentName}
            />
          </div>
          <p className="small muted">
            {c.municipalityName} · {c.settlement}
          </p>
        </div>
      </Card>
      <section className="stats" aria-label={t('web.home.summary')}>
        <Stat label={t('web.stats.students')} value={formatNumber(students, locale)} />
        <Stat label={t('registry.field.teachers')} value={formatNumber(c.teachers, locale)} />
        <Stat label={t('registry.field.vacancies')} value={formatNumber(c.vacancies, locale)} />
        <Stat label={t('web.school.contextYears')} value={formatNumber(c.context.length, locale)} />
      </section>
      <ContextSnapshot school={c} />
    </div>
  );
}

/** The latest school year of the social context, with the change since the year before. */
function ContextSnapshot({ school }: { school: SchoolCard }) {
  const t = useT();
  const [locale] = useLocale();
  const indicators = useIndicators();
  const rows = [...school.context].sort((a, b) => b.schoolYear - a.schoolYear);
  const [last, prev] = rows;
  const list = (indicators.data ?? []).filter((i) => i.builtin);
  const yesNo: [string, string] = [t('web.yes'), t('web.no')];
  return (
    <Card
      title={
        last
          ? t('web.home.contextTitle', { year: formatSchoolYear(last.schoolYear) })
          : t('web.school.section.context')
      }
      flush
      actions={
        <ButtonLink
          to="/schools/$id"
          params={{ id: String(school.id) }}
          hash="context"
          variant="ghost"
          size="sm"
        >
          {t('web.home.contextAll')}
        </ButtonLink>
      }
    >
      {!last ? (
        <EmptyState title={t('web.context.empty')} icon="chart">
          {school.permissions.edit ? t('web.context.emptyEdit') : undefined}
        </EmptyState>
      ) : !indicators.data ? (
        <div className="card-body">
          <SkeletonBlock />
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('web.context.indicator')}</th>
                <th scope="col" className="num">
                  {formatSchoolYear(last.schoolYear)}
                </th>
                {prev && (
                  <th scope="col" className="num">
                    {t('web.home.contextChange', { year: formatSchoolYear(prev.schoolYear) })}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((i) => {
                const v = indicatorValue(last, i.code);
                const p = prev ? indicatorValue(prev, i.code) : null;
                const d = v !== null && p !== null ? v - p : null;
                return (
                  <tr key={i.code}>
                    <td>{i.name}</td>
                    <td className="num">{formatIndicator(v, i.unit, locale, yesNo)}</td>
                    {prev && (
                      <td className="num muted">
                        {d === null
                          ? DASH
                          : `${d > 0 ? '+' : d < 0 ? '−' : '±'}${formatNumber(Math.abs(d), locale, 1)}`}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
