import { useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useIndicators, useSchool, useSchoolHistory } from '../../api/hooks';
import { isApiError } from '../../api/client';
import type { ContextIndicator, SchoolCard } from '../../api/types';
import type { ReactNode } from 'react';
import { useLocale, useT } from '../../i18n';
import { DASH, formatDateTime, formatNumber, formatSchoolYear } from '../../lib/format';
import { Button, ButtonLink } from '../../ui/Button';
import { Badge, Card, DefList, usePageTitle } from '../../ui/Card';
import { Icon } from '../../ui/icons';
import { EmptyState, ErrorState, PageSpinner, SkeletonBlock } from '../../ui/States';
import { NotFoundPage } from '../errors/pages';
import { DiffView, entryTitle } from '../audit/DiffView';
import { formatIndicator, indicatorRows, indicatorValue } from './context';
import { ContextDialog } from './ContextDialog';
import { SchoolHeader } from './SchoolHeader';
import { useCurrentUser } from '../../api/session';
import { SchoolIdentificationSection } from '../identification/SchoolIdentification';
import { canSeeIdentification } from '../identification/model';

const route = getRouteApi('/_app/schools/$id');

export default function SchoolCardPage() {
  const { id: raw } = route.useParams();
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  return <SchoolCardView key={id} id={id} />;
}

function SchoolCardView({ id }: { id: number }) {
  const t = useT();
  const user = useCurrentUser();
  const school = useSchool(id);
  if (school.isPending) return <PageSpinner />;
  if (school.isError) {
    if (isApiError(school.error) && school.error.status === 404) return <NotFoundPage />;
    return (
      <div className="card">
        <ErrorState error={school.error} onRetry={() => void school.refetch()} />
      </div>
    );
  }
  const s = school.data;
  return (
    <div className="stack-lg">
      <Title text={s.shortName} />
      <SchoolHeader
        school={s}
        actions={
          <>
            <ButtonLink to="/schools/$id/results" params={{ id: String(id) }} icon="chart">
              {t('web.res.school.link')}
            </ButtonLink>
            {s.permissions.edit && (
              <ButtonLink to="/schools/$id/edit" params={{ id: String(id) }} variant="primary" icon="edit">
                {t('web.action.edit')}
              </ButtonLink>
            )}
          </>
        }
      />
      <Attributes school={s} />
      <ContextSection school={s} />
      {canSeeIdentification(user.role) && <SchoolIdentificationSection schoolId={id} />}
      <History id={id} />
    </div>
  );
}

function Attributes({ school: s }: { school: SchoolCard }) {
  const t = useT();
  const [locale] = useLocale();
  const n = (v: number | null) => formatNumber(v, locale);
  const f = (k: string) => t(`registry.field.${k}`);
  const students = (s.studentsNoo ?? 0) + (s.studentsOoo ?? 0) + (s.studentsSoo ?? 0);
  return (
    <div className="grid-3">
      <Card title={t('web.school.section.main')}>
        <DefList
          items={[
            [f('code'), <span className="mono">{s.code}</span>],
            [f('inn'), s.inn ? <span className="mono">{s.inn}</span> : DASH],
            [f('type'), s.type],
            [f('locality'), t(`web.locality.${s.locality}`)],
            [f('settlement'), s.settlement],
            [f('address'), s.address ?? DASH],
            [
              f('municipality'),
              <Link to="/registry" search={{ municipalityId: s.municipalityId }}>
                {s.municipalityName}
              </Link>,
            ],
            [f('shifts'), n(s.shifts)],
            [f('isSmall'), t(s.isSmall ? 'web.yes' : 'web.no')],
            ...(s.parentId !== null
              ? ([
                  [
                    t('web.school.parent'),
                    <Link to="/schools/$id" params={{ id: String(s.parentId) }}>
                      {s.parentName ?? `#${s.parentId}`}
                    </Link>,
                  ],
                ] as Array<[string, ReactNode]>)
              : []),
            ...(s.branches.length
              ? ([
                  [
                    t('web.school.branches'),
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {s.branches.map((b) => (
                        <li key={b.id}>
                          <Link to="/schools/$id" params={{ id: String(b.id) }}>
                            {b.shortName}
                          </Link>
                        </li>
                      ))}
                    </ul>,
                  ],
                ] as Array<[string, ReactNode]>)
              : []),
          ]}
        />
      </Card>
      <Card title={t('web.school.section.staff')}>
        <DefList
          items={[
            [f('teachers'), n(s.teachers)],
            [f('vacancies'), s.vacancies ? <Badge tone="amber">{n(s.vacancies)}</Badge> : n(s.vacancies)],
            [f('psychologists'), n(s.psychologists)],
            [f('speechTherapists'), n(s.speechTherapists)],
            [f('defectologists'), n(s.defectologists)],
            [f('socialPedagogues'), n(s.socialPedagogues)],
            [f('internetMbps'), n(s.internetMbps)],
          ]}
        />
      </Card>
      <Card title={t('web.school.section.students')}>
        <DefList
          items={[
            [f('studentsNoo'), n(s.studentsNoo)],
            [f('studentsOoo'), n(s.studentsOoo)],
            [f('studentsSoo'), n(s.studentsSoo)],
            [<strong>{t('web.school.studentsTotal')}</strong>, <strong>{n(students)}</strong>],
          ]}
        />
        {s.teachers ? (
          <p className="small muted" style={{ marginTop: 12 }}>
            {t('web.school.studentsPerTeacher', { value: formatNumber(students / s.teachers, locale, 1) })}
          </p>
        ) : null}
      </Card>
    </div>
  );
}

function ContextSection({ school }: { school: SchoolCard }) {
  const t = useT();
  const [locale] = useLocale();
  const indicators = useIndicators();
  const [dialog, setDialog] = useState<{ year: number | null } | null>(null);
  const rows = [...school.context].sort((a, b) => a.schoolYear - b.schoolYear);
  const list: ContextIndicator[] = indicators.data ? indicatorRows(indicators.data, rows) : [];
  const edit = school.permissions.edit;
  const yesNo: [string, string] = [t('web.yes'), t('web.no')];
  return (
    <Card
      id="context"
      title={t('web.school.section.context')}
      flush
      actions={
        edit && (
          <Button size="sm" icon="plus" onClick={() => setDialog({ year: null })} disabled={!indicators.data}>
            {t('web.context.addYear')}
          </Button>
        )
      }
    >
      {indicators.isError ? (
        <ErrorState error={indicators.error} onRetry={() => void indicators.refetch()} />
      ) : !indicators.data ? (
        <div className="card-body">
          <SkeletonBlock />
        </div>
      ) : rows.length === 0 ? (
        <EmptyState title={t('web.context.empty')} icon="chart">
          {edit ? t('web.context.emptyEdit') : undefined}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table context-table">
            <caption className="sr-only">{t('web.school.section.context')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.context.indicator')}</th>
                {rows.map((r) => (
                  <th key={r.schoolYear} scope="col" className="num">
                    <div className="year-head">
                      <span>{formatSchoolYear(r.schoolYear)}</span>
                      {edit && (
                        <button
                          type="button"
                          className="btn btn-ghost btn-sm"
                          style={{ minHeight: 24, padding: '0 6px' }}
                          onClick={() => setDialog({ year: r.schoolYear })}
                          aria-label={t('web.context.editYear', { year: formatSchoolYear(r.schoolYear) })}
                        >
                          <Icon name="edit" size={13} />
                          {t('web.action.edit')}
                        </button>
                      )}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.code}>
                  <th scope="row">
                    {i.name}
                    {!i.builtin && (
                      <span className="ind-extra badge" title={t('web.context.regionalHint')}>
                        {t('web.context.regional')}
                      </span>
                    )}
                  </th>
                  {rows.map((r) => (
                    <td key={r.schoolYear} className="num">
                      {formatIndicator(indicatorValue(r, i.code), i.unit, locale, yesNo)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog && indicators.data && (
        <ContextDialog school={school} year={dialog.year} indicators={list} onClose={() => setDialog(null)} />
      )}
    </Card>
  );
}

function History({ id }: { id: number }) {
  const t = useT();
  const h = useSchoolHistory(id);
  return (
    <Card title={t('web.school.section.history')}>
      {h.isError ? (
        <ErrorState error={h.error} onRetry={() => void h.refetch()} />
      ) : !h.data ? (
        <SkeletonBlock />
      ) : h.data.length === 0 ? (
        <EmptyState title={t('web.history.empty')} icon="history" />
      ) : (
        <ol className="timeline">
          {h.data.map((e) => (
            <li key={e.id}>
              <span className="t-icon" aria-hidden>
                <Icon
                  name={e.action === 'create' ? 'plus' : e.action === 'update' ? 'edit' : 'history'}
                  size={15}
                />
              </span>
              <div>
                <div className="t-head">
                  <strong>{entryTitle(e, t)}</strong>
                  {e.entity === 'school_context' && e.summary && <Badge>{e.summary}</Badge>}
                  <span className="small muted">
                    {formatDateTime(e.at)} · {e.userLogin ?? DASH}
                  </span>
                </div>
                <DiffView entity={e.entity} before={e.before} after={e.after} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function Title({ text }: { text: string }) {
  usePageTitle(text);
  return null;
}
