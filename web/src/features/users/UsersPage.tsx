import { useEffect, useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMunicipalities, useUsers } from '../../api/hooks';
import { useCurrentUser } from '../../api/session';
import { useLocale, useT } from '../../i18n';
import { can } from '../../lib/access';
import { formatNumber, DASH } from '../../lib/format';
import { compact, ROLES, type UserSearch } from '../../lib/search';
import { useDebounced } from '../../lib/useDebounced';
import { Button, ButtonLink } from '../../ui/Button';
import { Badge, PageHeader } from '../../ui/Card';
import { Field } from '../../ui/Field';
import { EmptyState, ErrorState, SkeletonRows } from '../../ui/States';
import { scopeText } from './scope';

const route = getRouteApi('/_app/users');

export default function UsersPage() {
  const t = useT();
  const [locale] = useLocale();
  const me = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const regional = me.role === 'regional_coordinator';
  const municipalities = useMunicipalities(regional);
  const [text, setText] = useState(search.q ?? '');
  const settled = useDebounced(text, 300);
  const set = (patch: Partial<UserSearch>, replace = false) =>
    void navigate({ search: (prev) => compact({ ...prev, ...patch }), replace });
  useEffect(() => setText(search.q ?? ''), [search.q]);
  useEffect(() => {
    const q = settled.trim() || undefined;
    if (q !== search.q) set({ q }, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  const users = useUsers(search);

  if (!can.manageUsers(me.role)) {
    return (
      <div className="card">
        <EmptyState title={t('web.error.forbidden')} icon="shield" />
      </div>
    );
  }
  const filtered = !!(search.q || search.role || search.municipalityId);

  return (
    <div className="stack">
      <PageHeader
        title={t('web.users.title')}
        subtitle={
          regional
            ? t('web.users.subtitleRegion')
            : t('web.users.subtitleMunicipality', { name: me.municipalityName ?? '' })
        }
        actions={
          <ButtonLink to="/users/new" variant="primary" icon="plus">
            {t('web.users.add')}
          </ButtonLink>
        }
      />
      <section className="card" aria-label={t('web.users.title')}>
        <div className="filters" role="search">
          <Field label={t('web.users.search')}>
            <input
              className="input input-search"
              type="search"
              value={text}
              placeholder={t('web.users.searchPlaceholder')}
              onChange={(e) => setText(e.target.value)}
            />
          </Field>
          <Field label={t('web.field.role')}>
            <select
              className="select"
              value={search.role ?? ''}
              onChange={(e) => set({ role: (e.target.value || undefined) as UserSearch['role'] })}
            >
              <option value="">{t('web.filter.allRoles')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          {regional && (
            <Field label={t('registry.field.municipality')}>
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
        </div>
        {users.isError ? (
          <ErrorState error={users.error} onRetry={() => void users.refetch()} />
        ) : users.data && users.data.length === 0 ? (
          <EmptyState
            title={t('web.users.empty')}
            icon="users"
            action={
              filtered ? (
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
          />
        ) : (
          <>
            <div className="table-wrap tall">
              <table className="table stack-sm">
                <caption className="sr-only">{t('web.users.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('web.field.fullName')}</th>
                    <th scope="col">{t('web.field.role')}</th>
                    <th scope="col">{t('web.users.scope')}</th>
                    <th scope="col">{t('web.field.email')}</th>
                    <th scope="col">{t('web.users.status')}</th>
                  </tr>
                </thead>
                <tbody style={users.isPlaceholderData ? { opacity: 0.55 } : undefined}>
                  {!users.data ? (
                    <SkeletonRows rows={8} cols={5} />
                  ) : (
                    users.data.map((u) => (
                      <tr key={u.id}>
                        <td style={{ minWidth: 220 }}>
                          <Link to="/users/$id" params={{ id: String(u.id) }} className="cell-main">
                            {u.fullName}
                          </Link>
                          <div className="cell-sub mono">{u.login}</div>
                        </td>
                        <td className="nowrap" data-label={t('web.field.role')}>
                          {t(`role.${u.role}`)}
                        </td>
                        <td style={{ minWidth: 200 }} data-label={t('web.users.scope')}>
                          {scopeText(u, t)}
                        </td>
                        <td className="muted" data-label={t('web.field.email')}>
                          {u.email ?? DASH}
                        </td>
                        <td data-label={t('web.users.status')}>
                          {u.active ? (
                            <Badge tone="green">{t('web.users.active')}</Badge>
                          ) : (
                            <Badge tone="red">{t('web.users.inactive')}</Badge>
                          )}
                        </td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
            {users.data && (
              <div className="list-footer">
                {t('web.users.count', { count: formatNumber(users.data.length, locale) })}
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}
