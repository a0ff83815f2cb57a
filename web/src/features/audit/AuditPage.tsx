import { useEffect, useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useAudit } from '../../api/hooks';
import { useCurrentUser } from '../../api/session';
import { useT } from '../../i18n';
import { can } from '../../lib/access';
import { DASH, formatDateTime } from '../../lib/format';
import { compact, type AuditSearch } from '../../lib/search';
import { useDebounced } from '../../lib/useDebounced';
import { Button } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { Field } from '../../ui/Field';
import { EmptyState, ErrorState, SkeletonRows } from '../../ui/States';
import { Pagination } from '../../ui/Table';
import { DiffView } from './DiffView';
import type { AuditEntry } from '../../api/types';
import { hasMessage } from '../../../../common/src/i18n/client.js';

const route = getRouteApi('/_app/audit');
const PAGE_SIZE = 50;
const ENTITIES = ['school', 'school_context', 'user', 'context_indicator', 'region'] as const;
const ACTIONS = ['create', 'update', 'delete', 'import', 'seed', 'login'] as const;

/** Where an audit entry's object can be opened. */
function EntityLink({ e }: { e: AuditEntry }) {
  const t = useT();
  const entity = hasMessage(`web.audit.entity.${e.entity}`) ? t(`web.audit.entity.${e.entity}`) : e.entity;
  const schoolId =
    e.entity === 'school'
      ? e.entityId
      : e.entity === 'school_context'
        ? e.entityId?.split(':')[0]
        : undefined;
  return (
    <div>
      <div>{entity}</div>
      <div className="cell-sub">
        {schoolId && /^\d+$/.test(schoolId) ? (
          <Link to="/schools/$id" params={{ id: schoolId }}>
            {t('web.audit.openSchool', { id: schoolId })}
          </Link>
        ) : e.entity === 'user' && e.entityId ? (
          <Link to="/users/$id" params={{ id: e.entityId }}>
            #{e.entityId}
          </Link>
        ) : (
          (e.entityId ?? '')
        )}
      </div>
    </div>
  );
}

export default function AuditPage() {
  const t = useT();
  const me = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const set = (patch: Partial<AuditSearch>, replace = false) =>
    void navigate({ search: (prev) => compact({ ...prev, page: undefined, ...patch }), replace });
  const [login, setLogin] = useState(search.userLogin ?? '');
  const settled = useDebounced(login, 350);
  useEffect(() => setLogin(search.userLogin ?? ''), [search.userLogin]);
  useEffect(() => {
    const v = settled.trim() || undefined;
    if (v !== search.userLogin) set({ userLogin: v }, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  const page = search.page ?? 1;
  const audit = useAudit({ ...search, page, pageSize: PAGE_SIZE });

  if (!can.readAudit(me.role)) {
    return (
      <div className="card">
        <EmptyState title={t('web.error.forbidden')} icon="shield" />
      </div>
    );
  }
  const filtered = Object.keys(search).some((k) => k !== 'page');
  const label = (prefix: string, v: string) => (hasMessage(`${prefix}.${v}`) ? t(`${prefix}.${v}`) : v);

  return (
    <div className="stack">
      <PageHeader title={t('web.audit.title')} subtitle={t('web.audit.subtitle')} />
      <section className="card" aria-label={t('web.audit.title')}>
        <div
          className="filters"
          role="search"
          style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))' }}
        >
          <Field label={t('web.audit.user')}>
            <input
              className="input input-search"
              type="search"
              value={login}
              placeholder={t('web.audit.userPlaceholder')}
              onChange={(e) => setLogin(e.target.value)}
            />
          </Field>
          <Field label={t('web.audit.entity')}>
            <select
              className="select"
              value={search.entity ?? ''}
              onChange={(e) => set({ entity: e.target.value || undefined, entityId: undefined })}
            >
              <option value="">{t('web.filter.all')}</option>
              {ENTITIES.map((v) => (
                <option key={v} value={v}>
                  {label('web.audit.entity', v)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('web.audit.action')}>
            <select
              className="select"
              value={search.action ?? ''}
              onChange={(e) => set({ action: e.target.value || undefined })}
            >
              <option value="">{t('web.filter.all')}</option>
              {ACTIONS.map((v) => (
                <option key={v} value={v}>
                  {label('web.audit.action', v)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('web.audit.from')}>
            <input
              className="input"
              type="date"
              value={search.from ?? ''}
              max={search.to}
              onChange={(e) => set({ from: e.target.value || undefined })}
            />
          </Field>
          <Field label={t('web.audit.to')}>
            <input
              className="input"
              type="date"
              value={search.to ?? ''}
              min={search.from}
              onChange={(e) => set({ to: e.target.value || undefined })}
            />
          </Field>
        </div>
        {search.entityId && (
          <div className="row" style={{ padding: '8px 16px', borderBottom: '1px solid var(--c-border)' }}>
            <span className="small muted">{t('web.audit.entityId', { id: search.entityId })}</span>
            <Button size="sm" variant="ghost" icon="close" onClick={() => set({ entityId: undefined })}>
              {t('web.filter.reset')}
            </Button>
          </div>
        )}
        {audit.isError ? (
          <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
        ) : audit.data && audit.data.total === 0 ? (
          <EmptyState
            title={t('web.audit.empty')}
            icon="history"
            action={
              filtered ? (
                <Button
                  onClick={() => {
                    setLogin('');
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
                <caption className="sr-only">{t('web.audit.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('web.audit.at')}</th>
                    <th scope="col">{t('web.audit.user')}</th>
                    <th scope="col">{t('web.audit.action')}</th>
                    <th scope="col">{t('web.audit.entity')}</th>
                    <th scope="col">{t('web.audit.changes')}</th>
                  </tr>
                </thead>
                <tbody style={audit.isPlaceholderData ? { opacity: 0.55 } : undefined}>
                  {!audit.data ? (
                    <SkeletonRows rows={10} cols={5} />
                  ) : (
                    audit.data.items.map((e) => (
                      <tr key={e.id}>
                        <td className="nowrap" style={{ fontWeight: 600 }}>
                          {formatDateTime(e.at)}
                        </td>
                        <td className="mono nowrap" data-label={t('web.audit.user')}>
                          {e.userLogin ?? DASH}
                        </td>
                        <td className="nowrap" data-label={t('web.audit.action')}>
                          {label('web.audit.action', e.action)}
                        </td>
                        <td style={{ minWidth: 160 }} data-label={t('web.audit.entity')}>
                          <EntityLink e={e} />
                        </td>
                        <td style={{ minWidth: 300 }} data-label={t('web.audit.changes')}>
                          {e.summary && !(e.entity === 'school' && e.action === 'update') && (
                            <div className="small" style={{ marginBottom: 4 }}>
                              {e.summary}
                            </div>
                          )}
                          <DiffView entity={e.entity} before={e.before} after={e.after} />
                        </td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
            <Pagination
              page={page}
              pageSize={PAGE_SIZE}
              total={audit.data?.total ?? 0}
              onPage={(p) =>
                void navigate({ search: (prev) => compact({ ...prev, page: p === 1 ? undefined : p }) })
              }
            />
          </>
        )}
      </section>
    </div>
  );
}
