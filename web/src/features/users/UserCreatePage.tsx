import { Link, useNavigate } from '@tanstack/react-router';
import { useCreateUser } from '../../api/hooks';
import { isApiError } from '../../api/client';
import { useCurrentUser } from '../../api/session';
import { useT } from '../../i18n';
import { can } from '../../lib/access';
import { PageHeader } from '../../ui/Card';
import { Alert, EmptyState } from '../../ui/States';
import { UserFormView } from './UserFormView';
import { scopeBody } from './validation';

export default function UserCreatePage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateUser();
  if (!can.manageUsers(me.role)) {
    return (
      <div className="card">
        <EmptyState title={t('web.error.forbidden')} icon="shield" />
      </div>
    );
  }
  const err = create.error;
  const fieldErrors = isApiError(err) ? err.fieldErrors : {};
  if (isApiError(err) && err.code === 'user.loginTaken') fieldErrors.login = err.message;
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
        title={t('web.users.createTitle')}
      />
      <UserFormView
        creating
        initial={{
          login: '',
          fullName: '',
          email: '',
          password: '',
          role: 'school_team',
          municipalityId:
            me.role === 'municipal_coordinator' && me.municipalityId ? String(me.municipalityId) : '',
          schoolId: null,
          schoolIds: [],
          active: true,
        }}
        initialSchool={null}
        busy={create.isPending}
        serverErrors={fieldErrors}
        banner={
          err && !Object.keys(fieldErrors).length ? <Alert tone="error">{err.message}</Alert> : undefined
        }
        onCancel={() => void navigate({ to: '/users' })}
        onSubmit={(f) =>
          create.mutate(
            {
              login: f.login.trim(),
              fullName: f.fullName.trim(),
              email: f.email.trim() || null,
              password: f.password,
              ...scopeBody(f),
            },
            {
              onSuccess: (u) =>
                void navigate({ to: '/users/$id', params: { id: String(u.id) }, search: { created: '1' } }),
            },
          )
        }
      />
    </div>
  );
}
