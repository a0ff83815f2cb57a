import { useMemo, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useCurrentUser } from '../../api/session';
import { useT } from '../../i18n';
import { Card, PageHeader, Stat } from '../../ui/Card';
import { Alert, EmptyState, ErrorState, SkeletonRows } from '../../ui/States';
import { SortHeader } from '../../ui/Table';
import { useDueSoon, useOverdue, useProgress, useTasks, type ProgressRow, type TaskItem } from './api';
import { bucketTasks, canCoordinate, formatIsoDate, isoToday, pct, sortRows, type Bucket } from './model';
import { ActivityStatusBadge, ProgressBar } from './parts';

export default function TasksPage() {
  const t = useT();
  const user = useCurrentUser();
  const coord = canCoordinate(user.role);
  const tasks = useTasks();
  const today = isoToday();
  const buckets = useMemo(
    () => (tasks.data ? bucketTasks(tasks.data.items, today) : null),
    [tasks.data, today],
  );
  const order: Bucket[] = ['overdue', 'week', 'later', 'undated'];
  return (
    <div className="stack">
      <PageHeader title={t('web.prog.tasks.title')} subtitle={t('web.prog.tasks.subtitle')} />
      {buckets && (tasks.data?.items.length ?? 0) > 0 && (
        <div className="stats">
          <Stat
            label={t('web.prog.tasks.overdue')}
            value={buckets.overdue.length}
            tone={buckets.overdue.length ? 'danger' : 'success'}
          />
          <Stat label={t('web.prog.tasks.week')} value={buckets.week.length} />
          <Stat label={t('web.prog.tasks.later')} value={buckets.later.length + buckets.undated.length} />
        </div>
      )}
      {tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : !buckets ? (
        <Card title={t('web.prog.tasks.title')} flush>
          <table className="table">
            <tbody>
              <SkeletonRows rows={5} cols={4} />
            </tbody>
          </table>
        </Card>
      ) : tasks.data?.items.length === 0 && coord ? (
        <Alert tone="success">{t('web.prog.tasks.empty')}</Alert>
      ) : tasks.data?.items.length === 0 ? (
        <Card>
          <EmptyState title={t('web.prog.tasks.empty')} icon="check">
            {t('web.prog.tasks.emptyText')}
          </EmptyState>
        </Card>
      ) : (
        order
          .filter((b) => buckets[b].length > 0)
          .map((b) => (
            <Card
              key={b}
              title={`${t(`web.prog.tasks.${b}`)} · ${buckets[b].length}`}
              flush
              className="task-group"
            >
              <TaskTable items={buckets[b]} />
            </Card>
          ))
      )}
      {coord && <Coordination />}
    </div>
  );
}

function TaskTable({ items, showOwner }: { items: TaskItem[]; showOwner?: boolean }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('web.prog.a.due')}</th>
            <th scope="col">{t('web.prog.a.text')}</th>
            {showOwner && <th scope="col">{t('web.prog.col.owner')}</th>}
            <th scope="col" className="col-status">
              {t('web.prog.col.status')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((x) => (
            <tr key={`${x.activityId}-${x.occurrenceId ?? 0}`}>
              <td className="nowrap">
                {formatIsoDate(x.dueTo)}
                <div className="status-sm">
                  <ActivityStatusBadge status={x.status} overdue={x.overdue} />
                </div>
                {x.daysOverdue > 0 && (
                  <div className="cell-sub text-danger">
                    {t('web.prog.daysOverdue', { n: String(x.daysOverdue) })}
                  </div>
                )}
              </td>
              <td className="task-text">
                <Link to="/activities/$id" params={{ id: String(x.activityId) }} className="cell-main">
                  {x.number ? `${x.number}. ` : ''}
                  {x.text}
                </Link>
                {x.periodLabel && (
                  <span className="badge" style={{ marginLeft: 6 }}>
                    {x.periodLabel}
                  </span>
                )}
                <div className="cell-sub">
                  <Link to="/programmes/$id" params={{ id: String(x.programmeId) }}>
                    {x.programmeName}
                  </Link>
                </div>
              </td>
              {showOwner && (
                <td className="muted" style={{ minWidth: 160 }}>
                  {x.schoolName ?? x.municipalityName ?? t('web.prog.owner.region')}
                  {x.executors && <div className="cell-sub">{x.executors}</div>}
                </td>
              )}
              <td className="nowrap col-status">
                <ActivityStatusBadge status={x.status} overdue={x.overdue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Coordination() {
  const t = useT();
  const user = useCurrentUser();
  const overdue = useOverdue(true);
  const soon = useDueSoon(true);
  return (
    <>
      <h2 className="section-title" style={{ margin: '8px 0 0' }}>
        {t('web.prog.coord.title')}
      </h2>
      <div className="stack">
        <Card title={`${t('web.prog.coord.overdue')} · ${overdue.data?.total ?? '…'}`} flush>
          {overdue.isError ? (
            <ErrorState error={overdue.error} />
          ) : overdue.data?.items.length === 0 ? (
            <EmptyState title={t('web.prog.coord.noOverdue')} icon="check" />
          ) : (
            <div style={{ maxHeight: 420, overflow: 'auto' }}>
              <TaskTable items={overdue.data?.items ?? []} showOwner />
            </div>
          )}
        </Card>
        <Card title={`${t('web.prog.coord.dueSoon')} · ${soon.data?.total ?? '…'}`} flush>
          {soon.isError ? (
            <ErrorState error={soon.error} />
          ) : soon.data?.items.length === 0 ? (
            <EmptyState title={t('web.prog.coord.noDueSoon')} icon="check" />
          ) : (
            <div style={{ maxHeight: 420, overflow: 'auto' }}>
              <TaskTable items={soon.data?.items ?? []} showOwner />
            </div>
          )}
        </Card>
      </div>
      {user.role === 'regional_coordinator' && <ProgressTable by="municipality" />}
      <ProgressTable by="school" />
    </>
  );
}

type SortKey = 'name' | 'total' | 'shareDone' | 'shareDoneOnTime' | 'overdue' | 'dueSoon';

function ProgressTable({ by }: { by: 'municipality' | 'school' }) {
  const t = useT();
  const q = useProgress(by);
  const [sort, setSort] = useState<SortKey>('overdue');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const rows = useMemo(() => sortRows<ProgressRow>(q.data ?? [], sort, order), [q.data, sort, order]);
  const head = (k: SortKey, label: string, numeric = true) => (
    <SortHeader
      label={label}
      active={sort === k}
      order={order}
      numeric={numeric}
      onSort={() => {
        if (sort === k) setOrder(order === 'asc' ? 'desc' : 'asc');
        else {
          setSort(k);
          setOrder(k === 'name' ? 'asc' : 'desc');
        }
      }}
    />
  );
  return (
    <Card title={t(`web.prog.coord.by.${by}`)} flush>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <div className="table-wrap" style={{ maxHeight: 480 }}>
          <table className="table">
            <thead>
              <tr>
                {head(
                  'name',
                  t(by === 'school' ? 'web.prog.coord.school' : 'web.schools.col.municipality'),
                  false,
                )}
                {head('total', t('web.prog.stat.total'))}
                {head('shareDone', t('web.prog.stat.done'))}
                {head('shareDoneOnTime', t('web.prog.stat.onTime'))}
                {head('overdue', t('web.prog.stat.overdue'))}
                {head('dueSoon', t('web.prog.coord.dueSoonShort'))}
                <th scope="col">{t('web.prog.col.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {!q.data ? (
                <SkeletonRows rows={6} cols={7} />
              ) : (
                rows.map((r) => (
                  <tr key={r.id}>
                    <td style={{ minWidth: 200 }}>
                      {by === 'school' ? (
                        <Link to="/schools/$id" params={{ id: String(r.id) }}>
                          {r.name}
                        </Link>
                      ) : (
                        r.name
                      )}
                    </td>
                    <td className="num">{r.total}</td>
                    <td className="num">{pct(r.shareDone)} %</td>
                    <td className="num">
                      {r.shareDoneOnTime === null ? '—' : `${pct(r.shareDoneOnTime)} %`}
                    </td>
                    <td className={r.overdue > 0 ? 'num text-danger' : 'num'}>{r.overdue}</td>
                    <td className="num">{r.dueSoon}</td>
                    <td style={{ minWidth: 180 }}>
                      <ProgressBar p={r} compact />
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
