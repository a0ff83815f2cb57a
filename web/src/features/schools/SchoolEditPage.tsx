import { useState } from 'react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useSchool, useUpdateSchool } from '../../api/hooks';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/conflict';
import type { SchoolCard, SchoolPatch } from '../../api/types';
import { useLocale, useT } from '../../i18n';
import { Button, ButtonLink } from '../../ui/Button';
import { Alert, ErrorState, PageSpinner } from '../../ui/States';
import { EmptyState } from '../../ui/States';
import { NotFoundPage } from '../errors/pages';
import { changedAttributes, formToAttributes } from './fields';
import { cardToForm, SchoolFormView } from './SchoolForm';
import { SchoolHeader } from './SchoolHeader';

const route = getRouteApi('/_app/schools/$id/edit');

export default function SchoolEditPage() {
  const { id: raw } = route.useParams();
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  return <Edit key={id} id={id} />;
}

function Edit({ id }: { id: number }) {
  const t = useT();
  const [locale] = useLocale();
  const navigate = useNavigate();
  const school = useSchool(id);
  const update = useUpdateSchool(id);
  // The version the form was filled from: a reload after a conflict refills the form.
  const [base, setBase] = useState<SchoolCard | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (school.isPending) return <PageSpinner />;
  if (school.isError) {
    if (isApiError(school.error) && school.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={school.error} onRetry={() => void school.refetch()} />;
  }
  const card = base ?? school.data;
  if (!school.data.permissions.edit) {
    return (
      <div className="card">
        <EmptyState
          title={t('web.school.noEdit')}
          icon="shield"
          action={
            <ButtonLink to="/schools/$id" params={{ id: String(id) }}>
              {t('web.action.back')}
            </ButtonLink>
          }
        />
      </div>
    );
  }

  const err = update.error;
  const conflict = isApiError(err) && err.status === 409 && err.code === 'error.conflict';
  const fieldErrors = isApiError(err) ? err.fieldErrors : {};
  if (isApiError(err) && err.code === 'org.codeTaken') fieldErrors.code = err.message;
  if (isApiError(err) && err.code === 'org.parentInvalid') fieldErrors.parentId = err.message;
  const showGeneral = err && !conflict && !Object.keys(fieldErrors).length;

  const reload = async () => {
    const r = await school.refetch();
    if (r.data) {
      setBase(r.data);
      update.reset();
      setNotice(t('web.conflict.reloaded'));
    }
  };

  return (
    <div className="stack-lg">
      <SchoolHeader school={card} title={t('web.school.editTitle')} />
      <SchoolFormView
        key={`${card.id}:${card.version}`}
        initial={cardToForm(card, locale)}
        initialParent={
          card.parentId !== null
            ? { id: card.parentId, shortName: card.parentName ?? `#${card.parentId}` }
            : null
        }
        creating={false}
        selfId={card.id}
        busy={update.isPending}
        serverErrors={fieldErrors}
        banner={
          <>
            {conflict && (
              <Alert
                tone="warn"
                action={
                  <>
                    <Button size="sm" variant="primary" icon="refresh" onClick={() => void reload()}>
                      {t('web.conflict.reload')}
                    </Button>
                    <ButtonLink size="sm" to="/schools/$id" params={{ id: String(id) }}>
                      {t('web.conflict.open')}
                    </ButtonLink>
                  </>
                }
              >
                <strong>{t('web.conflict.title')}</strong>
                <br />
                {errorText(err, t)}
              </Alert>
            )}
            {showGeneral && <Alert tone="error">{err.message}</Alert>}
            {notice && !err && <Alert tone="info">{notice}</Alert>}
          </>
        }
        onCancel={() => void navigate({ to: '/schools/$id', params: { id: String(id) } })}
        onSubmit={(f) => {
          const changed = changedAttributes(formToAttributes(f), card as unknown as Record<string, unknown>);
          if (Object.keys(changed).length === 0) {
            void navigate({ to: '/schools/$id', params: { id: String(id) } });
            return;
          }
          update.mutate({ version: card.version, ...changed } as SchoolPatch, {
            onSuccess: () => void navigate({ to: '/schools/$id', params: { id: String(id) } }),
          });
        }}
      />
    </div>
  );
}
