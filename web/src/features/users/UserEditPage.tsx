import { useState } from 'react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useUpdateUser, useUser } from '../../api/hooks';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/conflict';
import { useCurrentUser } from '../../api/session';
import type { User, UserPatch } from '../../api/types';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { Badge, PageHeader } from '../../ui/Card';
import { Alert, ErrorState, PageSpinner } from '../../ui/States';
import { NotFoundPage } from '../errors/pages';
import { UserFormView } from './UserFormView';
import { scopeBody, type UserForm } from './validation';

const route = getRouteApi('/_app/users/$id');

export default function UserEditPage() {
  const { id: raw } = route.useParams();
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  return <Edit key={id} id={id} />;
}

function toForm(u: User): UserForm {
  return {
    login: u.login,
    fullName: u.fullName,
    email: u.email ?? '',
    password: '',
    role: u.role,
    municipalityId: u.municipalityId ? String(u.municipalityId) : '',
    schoolId: u.schoolId,
    schoolIds: u.schoolIds,
    active: u.active,
  };
}

function Edit({ id }: { id: number }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const search = route.useSearch();
  const user = useUser(id);
  const update = useUpdateUser(id);
  const [saved, setSaved] = useState(false);

  if (user.isPending) return <PageSpinner />;
  if (user.isError) {
    if (isApiError(user.error) && user.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={user.error} onRetry={() => void user.refetch()} />;
  }
  const u = user.data;
  const self = u.id === me.id;
  const err = update.error;
  const conflict = isApiError(err) && err.status === 409;
  const fieldErrors = isApiError(err) ? err.fieldErrors : {};
  const general = err && !Object.keys(fieldErrors).length;

  const submit = (f: UserForm) => {
    const before = toForm(u);
    const body: UserPatch = { version: u.version };
    if (f.fullName.trim() !== u.fullName) body.fullName = f.fullName.trim();
    if ((f.email.trim() || null) !== u.email) body.email = f.email.trim() || null;
    if (f.password) body.password = f.password;
    if (!self) {
      const next = scopeBody(f);
      const prev = scopeBody(before);
      if (JSON.stringify(next) !== JSON.stringify(prev)) Object.assign(body, next);
      if (f.active !== u.active) body.active = f.active;
    }
    if (Object.keys(body).length === 1) {
      void navigate({ to: '/users' });
      return;
    }
    update.mutate(body, { onSuccess: () => setSaved(true) });
  };

  return (
    <div className="stack-lg">
      <PageHeader
        crumbs={
          <ol className="crumbs">
            <li>
              <Link to="/users">{t('web.users.title')}</Link>
            </li>
          </ol>
        }
        title={u.fullName}
        subtitle={
          <span className="row">
            <span className="mono">{u.login}</span>·<span>{t(`role.${u.role}`)}</span>
          </span>
        }
        badges={
          u.active ? (
            <Badge tone="green">{t('web.users.active')}</Badge>
          ) : (
            <Badge tone="red">{t('web.users.inactive')}</Badge>
          )
        }
      />
      <UserFormView
        key={`${u.id}:${u.version}`}
        initial={toForm(u)}
        initialSchool={u.schoolId ? { id: u.schoolId, shortName: u.schoolName ?? `#${u.schoolId}` } : null}
        creating={false}
        self={self}
        busy={update.isPending}
        serverErrors={fieldErrors}
        banner={
          <>
            {search.created && !saved && !err && <Alert tone="success">{t('web.users.created')}</Alert>}
            {saved && !err && <Alert tone="success">{t('web.users.saved')}</Alert>}
            {conflict && (
              <Alert
                tone="warn"
                action={
                  <Button
                    size="sm"
                    icon="refresh"
                    onClick={() => {
                      update.reset();
                      void user.refetch();
                    }}
                  >
                    {t('web.conflict.reload')}
                  </Button>
                }
              >
                {errorText(err, t)}
              </Alert>
            )}
            {general && !conflict && <Alert tone="error">{err.message}</Alert>}
          </>
        }
        onCancel={() => void navigate({ to: '/users' })}
        onSubmit={submit}
      />
    </div>
  );
}
