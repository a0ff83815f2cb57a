import { Link, useNavigate } from '@tanstack/react-router';
import { useCreateSchool } from '../../api/hooks';
import { isApiError } from '../../api/client';
import { useCurrentUser } from '../../api/session';
import type { SchoolCreate } from '../../api/types';
import { useT } from '../../i18n';
import { can } from '../../lib/access';
import { ButtonLink } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { Alert, EmptyState } from '../../ui/States';
import { formToAttributes } from './fields';
import { emptyForm, SchoolFormView } from './SchoolForm';

export default function SchoolCreatePage() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateSchool();
  if (!can.createSchool(user.role)) {
    return (
      <div className="card">
        <EmptyState
          title={t('web.error.forbidden')}
          icon="shield"
          action={<ButtonLink to="/registry">{t('web.action.back')}</ButtonLink>}
        />
      </div>
    );
  }
  const err = create.error;
  const fieldErrors = isApiError(err) ? err.fieldErrors : {};
  if (isApiError(err) && err.code === 'org.codeTaken') fieldErrors.code = err.message;
  if (isApiError(err) && err.code === 'org.parentInvalid') fieldErrors.parentId = err.message;
  const initial = emptyForm();
  if (user.role === 'municipal_coordinator' && user.municipalityId)
    initial.municipalityId = String(user.municipalityId);
  return (
    <div className="stack-lg">
      <PageHeader
        crumbs={
          <ol className="crumbs">
            <li>
              <Link to="/registry">{t('web.registry.title')}</Link>
            </li>
          </ol>
        }
        title={t('web.school.createTitle')}
        subtitle={t('web.school.createSubtitle')}
      />
      <SchoolFormView
        initial={initial}
        initialParent={null}
        creating
        busy={create.isPending}
        serverErrors={fieldErrors}
        banner={
          err && !Object.keys(fieldErrors).length ? <Alert tone="error">{err.message}</Alert> : undefined
        }
        onCancel={() => void navigate({ to: '/registry' })}
        onSubmit={(f) => {
          const body = {
            ...formToAttributes(f),
            municipalityId: Number(f.municipalityId),
          } as unknown as SchoolCreate;
          create.mutate(body, {
            onSuccess: (card) => void navigate({ to: '/schools/$id', params: { id: String(card.id) } }),
          });
        }}
      />
    </div>
  );
}
