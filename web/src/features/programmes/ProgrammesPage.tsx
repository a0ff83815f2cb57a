import { useMemo, useState } from 'react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMunicipalities } from '../../api/hooks';
import { useCurrentUser } from '../../api/session';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { Button } from '../../ui/Button';
import { PageHeader } from '../../ui/Card';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Alert, EmptyState, ErrorState, SkeletonRows } from '../../ui/States';
import { SchoolPicker, type PickedSchool } from '../schools/SchoolPicker';
import {
  PROGRAMME_LEVELS,
  PROGRAMME_STATUSES,
  useCreateProgramme,
  useProgrammes,
  useProgress,
  type ProgrammeCreate,
  type ProgrammeLevel,
} from './api';
import { canCoordinate, formatPeriod } from './model';
import { LevelBadge, ProgrammeStatusBadge, ProgressBar } from './parts';
import { PassportField } from './PassportEdit';
import type { ProgrammeSearch } from './search';

const route = getRouteApi('/_app/programmes');

/** Levels of programme a role may create (the server checks again). */
export function creatableLevels(role: string): ProgrammeLevel[] {
  return role === 'regional_coordinator'
    ? ['region', 'municipality', 'school']
    : role === 'municipal_coordinator'
      ? ['municipality', 'school']
      : role === 'school_team'
        ? ['school']
        : [];
}

export default function ProgrammesPage() {
  const t = useT();
  const user = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const set = (patch: Partial<ProgrammeSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const list = useProgrammes(search);
  const coord = canCoordinate(user.role);
  const progress = useProgress('programme', undefined, coord);
  const municipalities = useMunicipalities();
  const [creating, setCreating] = useState(false);
  const byId = useMemo(() => new Map((progress.data ?? []).map((r) => [r.id, r])), [progress.data]);
  const levels = creatableLevels(user.role);
  const showMunicipality = (municipalities.data?.length ?? 0) > 1 && user.role !== 'school_team';
  const filtered = !!(search.level || search.status || search.municipalityId);

  return (
    <div className="stack">
      <PageHeader
        title={t('web.prog.title')}
        subtitle={t('web.prog.subtitle')}
        actions={
          <>
            {levels.length > 0 && (
              <Link to="/programmes/import" className="btn">
                {t('web.prog.import.action')}
              </Link>
            )}
            {levels.length > 0 && (
              <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
                {t('web.prog.create')}
              </Button>
            )}
          </>
        }
      />
      <section className="card" aria-label={t('web.prog.title')}>
        <div className="filters" role="search">
          <Field label={t('web.prog.col.level')}>
            <select
              className="select"
              value={search.level ?? ''}
              onChange={(e) => set({ level: (e.target.value || undefined) as ProgrammeLevel | undefined })}
            >
              <option value="">{t('web.filter.all')}</option>
              {PROGRAMME_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`web.prog.level.${l}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('web.prog.col.status')}>
            <select
              className="select"
              value={search.status ?? ''}
              onChange={(e) => set({ status: (e.target.value || undefined) as ProgrammeSearch['status'] })}
            >
              <option value="">{t('web.filter.all')}</option>
              {PROGRAMME_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`web.prog.status.${s}`)}
                </option>
              ))}
            </select>
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
        </div>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data && list.data.length === 0 ? (
          <EmptyState
            title={t('web.prog.empty')}
            action={
              filtered ? (
                <Button onClick={() => void navigate({ search: {} })}>{t('web.filter.reset')}</Button>
              ) : undefined
            }
          >
            {filtered ? t('web.prog.emptyFiltered') : t('web.prog.emptyText')}
          </EmptyState>
        ) : (
          <div className="table-wrap tall" aria-busy={list.isFetching}>
            <table className="table">
              <caption className="sr-only">{t('web.prog.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.prog.col.name')}</th>
                  <th scope="col">{t('web.prog.col.owner')}</th>
                  <th scope="col">{t('web.prog.col.period')}</th>
                  <th scope="col">{t('web.prog.col.status')}</th>
                  {coord && <th scope="col">{t('web.prog.col.progress')}</th>}
                </tr>
              </thead>
              <tbody>
                {!list.data ? (
                  <SkeletonRows rows={8} cols={coord ? 5 : 4} />
                ) : (
                  list.data.map((p) => (
                    <tr key={p.id}>
                      <td style={{ minWidth: 260 }}>
                        <Link to="/programmes/$id" params={{ id: String(p.id) }} className="cell-main">
                          {p.name}
                        </Link>
                        <div className="cell-sub">
                          {t('web.prog.activitiesCount', { n: String(p.activities) })}
                        </div>
                      </td>
                      <td style={{ minWidth: 170 }}>
                        <LevelBadge level={p.level} />
                        <div className="cell-sub">
                          {p.schoolName ?? p.municipalityName ?? t('web.prog.owner.region')}
                        </div>
                      </td>
                      <td className="nowrap">{formatPeriod(p.periodFrom, p.periodTo)}</td>
                      <td>
                        <ProgrammeStatusBadge status={p.status} />
                      </td>
                      {coord && (
                        <td style={{ minWidth: 170 }}>
                          <ProgressBar p={byId.get(p.id)} compact />
                        </td>
                      )}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {creating && <CreateDialog levels={levels} onClose={() => setCreating(false)} />}
    </div>
  );
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
const orNull = (s: string) => (s.trim() ? s.trim() : null);

function CreateDialog({ levels, onClose }: { levels: ProgrammeLevel[]; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const municipalities = useMunicipalities();
  const create = useCreateProgramme();
  const [level, setLevel] = useState<ProgrammeLevel>(levels[levels.length - 1] ?? 'school');
  const [municipalityId, setMunicipalityId] = useState<number | undefined>(user.municipalityId ?? undefined);
  const [school, setSchool] = useState<PickedSchool[]>(
    user.schoolId ? [{ id: user.schoolId, shortName: user.schoolName ?? '' }] : [],
  );
  const [f, setF] = useState({
    name: '',
    orderIssuer: '',
    orderNumber: '',
    orderDate: '',
    periodFrom: '',
    periodTo: '',
    developers: '',
    executors: '',
    goals: '',
    tasks: '',
    expectedResults: '',
    stages: '',
    controllers: '',
  });
  const errors = create.error && isApiError(create.error) ? create.error.fieldErrors : {};
  const field = (k: keyof typeof f, multiline = false, type = 'text') => (
    <PassportField
      name={k}
      value={f[k]}
      onChange={(v) => setF({ ...f, [k]: v })}
      error={errors[k]}
      multiline={multiline}
      type={type}
    />
  );
  const submit = () => {
    const body: ProgrammeCreate = {
      level,
      name: f.name.trim(),
      orderIssuer: orNull(f.orderIssuer),
      orderNumber: orNull(f.orderNumber),
      orderDate: f.orderDate || null,
      developers: orNull(f.developers),
      executors: orNull(f.executors),
      goals: orNull(f.goals),
      tasks: lines(f.tasks),
      expectedResults: orNull(f.expectedResults),
      periodFrom: f.periodFrom || null,
      periodTo: f.periodTo || null,
      stages: lines(f.stages),
      controllers: orNull(f.controllers),
      ...(level === 'municipality' ? { municipalityId: municipalityId ?? null } : {}),
      ...(level === 'school' ? { schoolId: school[0]?.id ?? null } : {}),
    };
    create.mutate(body, {
      onSuccess: (p) => void navigate({ to: '/programmes/$id', params: { id: String(p.id) } }),
    });
  };
  return (
    <Dialog
      open
      wide
      title={t('web.prog.create')}
      onClose={onClose}
      footer={
        <DialogActions
          action={t('web.prog.createSubmit')}
          onCancel={onClose}
          onAction={submit}
          busy={create.isPending}
          disabled={!f.name.trim()}
        />
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {create.isError && <Alert tone="error">{create.error.message}</Alert>}
        <div className="form-grid">
          <Field label={t('web.prog.col.level')}>
            <select
              className="select"
              value={level}
              onChange={(e) => setLevel(e.target.value as ProgrammeLevel)}
            >
              {levels.map((l) => (
                <option key={l} value={l}>
                  {t(`web.prog.level.${l}`)}
                </option>
              ))}
            </select>
          </Field>
          {level === 'municipality' && (
            <Field label={t('web.schools.col.municipality')} error={errors.municipalityId}>
              <select
                className="select"
                value={municipalityId ?? ''}
                disabled={user.role === 'municipal_coordinator'}
                onChange={(e) => setMunicipalityId(e.target.value ? Number(e.target.value) : undefined)}
              >
                <option value="">—</option>
                {municipalities.data?.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {level === 'school' && user.role !== 'school_team' && (
            <Field label={t('web.prog.f.school')} error={errors.schoolId} className="span-2">
              <SchoolPicker
                value={school}
                onChange={setSchool}
                municipalityId={user.municipalityId ?? undefined}
              />
            </Field>
          )}
          <div className="span-all">{field('name')}</div>
          {field('orderIssuer')}
          {field('orderNumber')}
          {field('orderDate', false, 'date')}
          {field('periodFrom', false, 'date')}
          {field('periodTo', false, 'date')}
          {field('developers', true)}
          {field('executors', true)}
          {field('goals', true)}
          {field('tasks', true)}
          {field('expectedResults', true)}
          {field('stages', true)}
          {field('controllers', true)}
        </div>
      </form>
    </Dialog>
  );
}
