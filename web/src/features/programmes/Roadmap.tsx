import { lazy, Suspense, useMemo, useState } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { useT } from '../../i18n';
import { useDebounced } from '../../lib/useDebounced';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { Alert, EmptyState, ErrorState, SkeletonBlock, SkeletonRows } from '../../ui/States';
import { errorText } from '../../api/conflict';
import { isApiError } from '../../api/client';
import {
  ACTIVITY_LEVELS,
  ACTIVITY_STATUSES,
  useMoveSection,
  useRoadmap,
  type Activity,
  type Programme,
  type RoadmapQuery,
  type Section,
} from './api';
import { groupRoadmap, normalisedDeadline } from './model';
import { ActivityStatusBadge } from './parts';
import { ActivityEditDialog } from './ActivityEdit';
import { ActivityDialog } from './ActivityPanel';
import { SectionEditDialog } from './SectionEdit';

const Gantt = lazy(() => import('./Gantt'));
const route = getRouteApi('/_app/programmes/$id');

export default function Roadmap({ programme }: { programme: Programme }) {
  const t = useT();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const view = search.view ?? 'table';
  const [status, setStatus] = useState<RoadmapQuery['status'] | ''>('');
  const [level, setLevel] = useState<RoadmapQuery['level'] | ''>('');
  const [schoolId, setSchoolId] = useState<number | ''>('');
  const [ownerText, setOwnerText] = useState('');
  const owner = useDebounced(ownerText, 300).trim();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [editing, setEditing] = useState<{ activity: Activity | null; sectionId?: number | null } | null>(
    null,
  );
  const [sectionEdit, setSectionEdit] = useState<{
    section: Section | null;
    parentId?: number | null;
  } | null>(null);
  const canEdit = programme.permissions.edit;
  const move = useMoveSection(programme.id);
  /** Its neighbours under the same parent (the sections come in their order). */
  const siblingsOf = (section: Section) =>
    (rm.data?.sections ?? []).filter((x) => x.parentId === section.parentId).map((x) => x.id);
  /** The edit buttons of a section row: move it, an activity into it, a subsection, the section itself. */
  const sectionTools = (section: Section) => {
    const siblings = siblingsOf(section);
    const at = siblings.indexOf(section.id);
    const label = `${section.number ?? ''} ${section.title}`;
    return (
      <span className="roadmap-section-tools">
        <Button
          size="sm"
          variant="ghost"
          icon="chevronUp"
          aria-label={`${t('web.prog.sec.moveUp')}: ${label}`}
          title={t('web.prog.sec.moveUp')}
          disabled={at <= 0 || move.isPending}
          onClick={() => move.mutate({ sectionId: section.id, direction: 'up', version: section.version })}
        />
        <Button
          size="sm"
          variant="ghost"
          icon="chevronDown"
          aria-label={`${t('web.prog.sec.moveDown')}: ${label}`}
          title={t('web.prog.sec.moveDown')}
          disabled={at < 0 || at >= siblings.length - 1 || move.isPending}
          onClick={() => move.mutate({ sectionId: section.id, direction: 'down', version: section.version })}
        />
        <Button
          size="sm"
          variant="ghost"
          icon="plus"
          aria-label={`${t('web.prog.sec.addActivityHere')}: ${section.number ?? ''} ${section.title}`}
          onClick={() => setEditing({ activity: null, sectionId: section.id })}
        >
          {t('web.prog.sec.activity')}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          icon="plus"
          aria-label={`${t('web.prog.sec.addSub')}: ${section.number ?? ''} ${section.title}`}
          onClick={() => setSectionEdit({ section: null, parentId: section.id })}
        >
          {t('web.prog.sec.sub')}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          icon="edit"
          aria-label={`${t('web.prog.sec.edit')}: ${section.number ?? ''} ${section.title}`}
          title={t('web.prog.sec.edit')}
          onClick={() => setSectionEdit({ section })}
        />
      </span>
    );
  };
  const query: RoadmapQuery = {
    ...(status ? { status } : {}),
    ...(level ? { level } : {}),
    ...(schoolId ? { schoolId } : {}),
    ...(owner ? { owner } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const filtered = Object.keys(query).length > 0;
  const rm = useRoadmap(programme.id, query);
  const groups = useMemo(
    () => (rm.data ? groupRoadmap(rm.data.sections, rm.data.activities, !filtered) : []),
    [rm.data, filtered],
  );
  const open = (id: number | undefined) =>
    void navigate({ search: (prev) => ({ ...prev, activity: id }), replace: !id });
  const reset = () => {
    setStatus('');
    setLevel('');
    setSchoolId('');
    setOwnerText('');
    setFrom('');
    setTo('');
  };

  return (
    <section className="card roadmap-card" aria-label={t('web.prog.tab.roadmap')}>
      <div className="card-header">
        <h2>{t('web.prog.tab.roadmap')}</h2>
        <div className="row" style={{ gap: 8 }}>
          <div className="seg view-switch" role="group" aria-label={t('web.prog.view')}>
            <button
              type="button"
              aria-pressed={view === 'table'}
              onClick={() =>
                void navigate({ search: (prev) => ({ ...prev, view: undefined }), replace: true })
              }
            >
              {t('web.prog.view.table')}
            </button>
            <button
              type="button"
              aria-pressed={view === 'gantt'}
              onClick={() => void navigate({ search: (prev) => ({ ...prev, view: 'gantt' }), replace: true })}
            >
              {t('web.prog.view.gantt')}
            </button>
          </div>
          {canEdit && (
            <Button size="sm" icon="plus" onClick={() => setSectionEdit({ section: null })}>
              {t('web.prog.sec.add')}
            </Button>
          )}
          {canEdit && (
            <Button size="sm" variant="primary" icon="plus" onClick={() => setEditing({ activity: null })}>
              {t('web.prog.addActivity')}
            </Button>
          )}
        </div>
      </div>
      {move.isError && (
        <Alert tone={isApiError(move.error) && move.error.code === 'error.conflict' ? 'warn' : 'error'}>
          {isApiError(move.error) && move.error.code === 'error.conflict' && (
            <strong>{t('web.prog.conflictTitle')} </strong>
          )}
          {errorText(move.error, t)}
        </Alert>
      )}
      <div className="filters" role="search">
        <Field label={t('web.prog.col.status')}>
          <select
            className="select"
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
          >
            <option value="">{t('web.filter.all')}</option>
            <option value="open">{t('web.prog.astatus.open')}</option>
            {ACTIVITY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`web.prog.astatus.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('web.prog.a.owner')}>
          <input
            className="input input-search"
            type="search"
            value={ownerText}
            placeholder={t('web.prog.a.ownerPlaceholder')}
            onChange={(e) => setOwnerText(e.target.value)}
          />
        </Field>
        <Field label={t('web.prog.col.level')}>
          <select className="select" value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
            <option value="">{t('web.filter.all')}</option>
            {ACTIVITY_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`web.prog.alevel.${l}`)}
              </option>
            ))}
          </select>
        </Field>
        {programme.targetSchools.length > 0 && (
          <Field label={t('web.prog.a.school')}>
            <select
              className="select"
              value={schoolId}
              onChange={(e) => setSchoolId(e.target.value ? Number(e.target.value) : '')}
            >
              <option value="">{t('web.filter.all')}</option>
              {programme.targetSchools.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.shortName}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('web.prog.a.from')}>
          <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label={t('web.prog.a.to')}>
          <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </div>
      {rm.isError ? (
        <ErrorState error={rm.error} onRetry={() => void rm.refetch()} />
      ) : rm.data && rm.data.activities.length === 0 && (filtered || rm.data.sections.length === 0) ? (
        <EmptyState
          title={filtered ? t('web.prog.roadmapEmptyFiltered') : t('web.prog.roadmapEmpty')}
          action={filtered ? <Button onClick={reset}>{t('web.filter.reset')}</Button> : undefined}
        />
      ) : view === 'gantt' ? (
        rm.data ? (
          <Suspense fallback={<SkeletonBlock lines={6} />}>
            <Gantt activities={rm.data.activities} onOpen={open} />
          </Suspense>
        ) : (
          <SkeletonBlock lines={6} />
        )
      ) : (
        <div className="table-wrap tall" aria-busy={rm.isFetching}>
          <table className="table">
            <caption className="sr-only">{t('web.prog.tab.roadmap')}</caption>
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">{t('web.prog.a.text')}</th>
                <th scope="col">{t('web.prog.a.deadline')}</th>
                <th scope="col">{t('web.prog.a.executors')}</th>
                <th scope="col">{t('web.prog.a.result')}</th>
                <th scope="col">{t('web.prog.col.status')}</th>
              </tr>
            </thead>
            <tbody style={rm.isPlaceholderData ? { opacity: 0.55 } : undefined}>
              {!rm.data ? (
                <SkeletonRows rows={8} cols={6} />
              ) : (
                groups.map((g) => [
                  g.section && (
                    <tr
                      key={`s${g.section.id}`}
                      className={`roadmap-section depth-${Math.min(g.depth, 1)}`}
                      data-section={g.section.id}
                    >
                      <td colSpan={6}>
                        <div className="roadmap-section-line">
                          <span className="roadmap-section-title">
                            {g.section.number ? `${g.section.number}. ` : ''}
                            {g.section.title}
                          </span>
                          {canEdit && sectionTools(g.section)}
                        </div>
                        {g.activities.length === 0 && !filtered && (
                          <div className="roadmap-section-empty">{t('web.prog.sec.empty')}</div>
                        )}
                      </td>
                    </tr>
                  ),
                  ...g.activities.map((a) => (
                    <tr
                      key={a.id}
                      className="row-click"
                      tabIndex={0}
                      onClick={() => open(a.id)}
                      onKeyDown={(e) => e.key === 'Enter' && open(a.id)}
                    >
                      <td className="nowrap mono">{a.number ?? ''}</td>
                      <td className="roadmap-text">
                        <span className="cell-main">{a.text}</span>
                        {a.schools.length > 0 && (
                          <div className="cell-sub">{a.schools.map((s) => s.shortName).join(', ')}</div>
                        )}
                      </td>
                      <td style={{ minWidth: 150 }}>
                        <span>{a.deadlineText || '—'}</span>
                        {a.deadlineReview ? (
                          <span className="needs-review" title={t('web.prog.needsReviewHint')}>
                            <Icon name="alert" size={13} />
                            {t('web.prog.needsReview')}
                          </span>
                        ) : (
                          <span className="deadline-norm">→ {normalisedDeadline(a)}</span>
                        )}
                        {a.recurring && <span className="deadline-norm">{t('web.prog.recurring')}</span>}
                      </td>
                      <td className="muted" style={{ minWidth: 160 }}>
                        {a.executors ?? '—'}
                        {a.executorUsers.length > 0 && (
                          <div className="cell-sub">{a.executorUsers.map((u) => u.fullName).join(', ')}</div>
                        )}
                      </td>
                      <td style={{ minWidth: 180 }}>
                        {a.plannedResult ?? '—'}
                        {a.productText && <div className="cell-sub">{a.productText}</div>}
                      </td>
                      <td className="nowrap">
                        <ActivityStatusBadge status={a.status} overdue={a.overdue} />
                        {a.evidenceCount > 0 && (
                          <div className="cell-sub">
                            {t('web.prog.evidenceCount', { n: String(a.evidenceCount) })}
                          </div>
                        )}
                      </td>
                    </tr>
                  )),
                ])
              )}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <ActivityEditDialog
          programmeId={programme.id}
          sections={rm.data?.sections ?? []}
          activity={editing.activity}
          sectionId={editing.sectionId}
          onClose={() => setEditing(null)}
        />
      )}
      {sectionEdit && (
        <SectionEditDialog
          programmeId={programme.id}
          sections={rm.data?.sections ?? []}
          section={sectionEdit.section}
          parentId={sectionEdit.parentId}
          onClose={() => setSectionEdit(null)}
        />
      )}
      {search.activity && (
        <ActivityDialog
          id={search.activity}
          onClose={() => open(undefined)}
          onEdit={(a) => {
            open(undefined);
            setEditing({ activity: a });
          }}
        />
      )}
    </section>
  );
}
