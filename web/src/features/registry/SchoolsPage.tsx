import { useEffect, useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMunicipalities, useSchools } from '../../api/hooks';
import { apiLocale } from '../../api/client';
import { useCurrentUser } from '../../api/session';
import { useLocale, useT } from '../../i18n';
import { can } from '../../lib/access';
import { formatNumber } from '../../lib/format';
import {
  compact,
  hasSchoolFilters,
  nextSort,
  SCHOOL_TYPES,
  type SchoolSearch,
  type SchoolSort,
} from '../../lib/search';
import { useDebounced } from '../../lib/useDebounced';
import { btnClass, Button, ButtonLink } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { EmptyState, ErrorState, SkeletonRows } from '../../ui/States';
import { Pagination, SortHeader } from '../../ui/Table';
import { SchoolBadges } from '../schools/SchoolBadges';
import { RegistryTabs } from './RegistryTabs';

const route = getRouteApi('/_app/registry');
const DEFAULT_PAGE_SIZE = 25;

export default function SchoolsPage() {
  const t = useT();
  const [locale] = useLocale();
  const user = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const assigned = user.role === 'curator' || user.role === 'expert';
  const municipalities = useMunicipalities();
  const showMunicipality = (municipalities.data?.length ?? 0) > 1;

  const set = (patch: Partial<SchoolSearch>, replace = false) =>
    void navigate({ search: (prev) => compact({ ...prev, page: undefined, ...patch }), replace });

  // The search box: typed text is applied to the URL after a pause; URL changes (back/forward) refill it.
  const [text, setText] = useState(search.q ?? '');
  const settled = useDebounced(text, 300);
  useEffect(() => setText(search.q ?? ''), [search.q]);
  useEffect(() => {
    const q = settled.trim() || undefined;
    if (q !== search.q) set({ q }, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? DEFAULT_PAGE_SIZE;
  const sort = search.sort ?? 'name';
  const order = search.order ?? 'asc';
  const list = useSchools({ ...search, sort, order, page, pageSize });
  const data = list.data;
  const municipalityName = municipalities.data?.find((m) => m.id === search.municipalityId)?.name;

  const header = (col: SchoolSort, label: string, numeric?: boolean) => (
    <SortHeader
      label={label}
      active={sort === col}
      order={order}
      numeric={numeric}
      onSort={() => void navigate({ search: (prev) => nextSort(prev, col) })}
    />
  );

  return (
    <div className="stack">
      <PageHeader
        title={assigned ? t('web.nav.assignedSchools') : t('web.registry.title')}
        subtitle={
          municipalityName
            ? t('web.registry.subtitleMunicipality', { name: municipalityName })
            : t('web.registry.subtitle')
        }
        actions={
          <>
            {can.exportRegistry(user.role) && (
              <a className={btnClass('secondary')} href={`/api/registry/export?lang=${apiLocale()}`} download>
                <Icon name="download" />
                {t('web.registry.export')}
              </a>
            )}
            {can.importRegistry(user.role) && (
              <ButtonLink to="/registry/import" icon="upload">
                {t('web.registry.import')}
              </ButtonLink>
            )}
            {can.createSchool(user.role) && (
              <ButtonLink to="/schools/new" variant="primary" icon="plus">
                {t('web.registry.addSchool')}
              </ButtonLink>
            )}
          </>
        }
      />
      {!assigned && showMunicipality && <RegistryTabs />}
      <section className="card" aria-label={t('web.registry.listLabel')}>
        <div className="filters" role="search">
          <Field label={t('web.registry.search')}>
            <input
              className="input input-search"
              type="search"
              value={text}
              placeholder={t('web.registry.searchPlaceholder')}
              onChange={(e) => setText(e.target.value)}
            />
          </Field>
          {showMunicipality && (
            <Field label={t('web.schools.col.municipality')}>
              <select
                className="select"
                value={search.municipalityId ?? ''}
                onChange={(e) => set({ municipalityId: e.target.value ? Number(e.target.value) : undefined })}
              >
                <option value="">{t('web.filter.all')}</option>
                {municipalities.data?.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field label={t('web.schools.col.type')}>
            <select
              className="select"
              value={search.type ?? ''}
              onChange={(e) => set({ type: (e.target.value || undefined) as SchoolSearch['type'] })}
            >
              <option value="">{t('web.filter.allTypes')}</option>
              {SCHOOL_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {ty}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('web.filter.locality')}>
            <select
              className="select"
              value={search.locality ?? ''}
              onChange={(e) => set({ locality: (e.target.value || undefined) as SchoolSearch['locality'] })}
            >
              <option value="">{t('web.filter.any')}</option>
              <option value="urban">{t('web.locality.urban')}</option>
              <option value="rural">{t('web.locality.rural')}</option>
            </select>
          </Field>
          <Field label={t('web.school.small')}>
            <select
              className="select"
              value={search.isSmall ?? ''}
              onChange={(e) => set({ isSmall: (e.target.value || undefined) as SchoolSearch['isSmall'] })}
            >
              <option value="">{t('web.filter.any')}</option>
              <option value="true">{t('web.filter.smallOnly')}</option>
              <option value="false">{t('web.filter.notSmall')}</option>
            </select>
          </Field>
        </div>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : data && data.total === 0 ? (
          <EmptyState
            title={t('web.schools.empty')}
            icon="search"
            action={
              hasSchoolFilters(search) ? (
                <Button
                  onClick={() => {
                    setText('');
                    void navigate({ search: {} });
                  }}
                >
                  {t('web.filter.reset')}
                </Button>
              ) : undefined
            }
          >
            {hasSchoolFilters(search)
              ? t('web.schools.emptyFiltered')
              : assigned
                ? t('web.home.noAssignedText')
                : undefined}
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap tall" aria-busy={list.isFetching}>
              <table className="table">
                <caption className="sr-only">{t('web.registry.listLabel')}</caption>
                <thead>
                  <tr>
                    {header('code', t('web.schools.col.code'))}
                    {header('name', t('web.schools.col.name'))}
                    {header('municipality', t('web.schools.col.municipality'))}
                    {header('type', t('web.schools.col.type'))}
                    <th scope="col">{t('web.schools.col.features')}</th>
                    {header('students', t('web.schools.col.students'), true)}
                  </tr>
                </thead>
                <tbody style={list.isPlaceholderData ? { opacity: 0.55 } : undefined}>
                  {!data ? (
                    <SkeletonRows rows={10} cols={6} />
                  ) : (
                    data.items.map((s) => (
                      <tr key={s.id}>
                        <td className="mono nowrap">{s.code}</td>
                        <td style={{ minWidth: 240 }}>
                          <Link to="/schools/$id" params={{ id: String(s.id) }} className="cell-main">
                            {s.shortName}
                          </Link>
                          <div className="cell-sub">{s.settlement}</div>
                        </td>
                        <td className="muted" style={{ minWidth: 180 }}>
                          {s.municipalityName}
                        </td>
                        <td className="nowrap">{s.type}</td>
                        <td>
                          <div className="badges">
                            <SchoolBadges locality={s.locality} isSmall={s.isSmall} parentId={s.parentId} />
                          </div>
                        </td>
                        <td className="num">{formatNumber(s.students, locale)}</td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
            <Pagination
              page={page}
              pageSize={pageSize}
              total={data?.total ?? 0}
              onPage={(p) =>
                void navigate({ search: (prev) => compact({ ...prev, page: p === 1 ? undefined : p }) })
              }
              onPageSize={(s) => set({ pageSize: s === DEFAULT_PAGE_SIZE ? undefined : s })}
            />
          </>
        )}
      </section>
    </div>
  );
}
