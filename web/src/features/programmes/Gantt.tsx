import { useEffect, useMemo, useRef } from 'react';
import { useQueries } from '@tanstack/react-query';
import FrappeGantt from 'frappe-gantt';
import { api, call } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { progKeys, type Activity } from './api';
import { ganttBars } from './model';
import './gantt.css';

/** The roadmap on a timeline (frappe-gantt, loaded only with this view). */
export default function Gantt({
  activities,
  onOpen,
}: {
  activities: Activity[];
  onOpen: (id: number) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const host = useRef<HTMLDivElement>(null);
  const recurring = activities.filter((a) => a.recurring).slice(0, 60);
  const cards = useQueries({
    queries: recurring.map((a) => ({
      queryKey: progKeys.activity(a.id),
      queryFn: () => call(api.GET('/api/activities/{id}', { params: { path: { id: a.id } } })),
      staleTime: 60_000,
    })),
  });
  const occKey = cards.map((c) => c.dataUpdatedAt).join(',');
  const { bars, undated } = useMemo(() => {
    const occ = new Map(cards.flatMap((c) => (c.data ? [[c.data.id, c.data.occurrences] as const] : [])));
    return ganttBars(activities, occ);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activities, occKey]);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  useEffect(() => {
    const el = host.current;
    if (!el || bars.length === 0) return;
    el.innerHTML = '';
    const byId = new Map(bars.map((b) => [b.id, b.activityId]));
    new FrappeGantt(el, bars, {
      view_mode: 'Month',
      language: locale,
      readonly: true,
      popup: false,
      bar_height: 22,
      padding: 14,
      container_height: Math.min(640, 90 + bars.length * 36),
      today_button: false,
      scroll_to: bars.reduce((m, b) => (b.start < m ? b.start : m), bars[0]!.start),
      infinite_padding: false,
      on_click: (task: { id: string }) => {
        const id = byId.get(task.id);
        if (id) openRef.current(id);
      },
    });
  }, [bars, locale]);

  if (bars.length === 0)
    return (
      <p className="muted" style={{ padding: 16 }}>
        {t('web.prog.ganttEmpty')}
      </p>
    );
  return (
    <div>
      <div className="gantt-legend">
        <span>
          <i className="legend-sw" style={{ background: '#c8d3de' }} />
          {t('web.prog.astatus.planned')}
        </span>
        <span>
          <i className="legend-sw" style={{ background: '#5b93d6' }} />
          {t('web.prog.astatus.in_progress')}
        </span>
        <span>
          <i className="legend-sw" style={{ background: '#2e8b57' }} />
          {t('web.prog.astatus.done')}
        </span>
        <span>
          <i className="legend-sw" style={{ background: '#c0392b' }} />
          {t('web.prog.astatus.overdue')}
        </span>
        {undated > 0 && <span>{t('web.prog.ganttUndated', { n: String(undated) })}</span>}
      </div>
      <div className="gantt-wrap" ref={host} />
    </div>
  );
}
