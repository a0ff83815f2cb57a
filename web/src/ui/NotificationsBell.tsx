import { useEffect, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { Icon } from './icons';

/** The bell in the top bar: unread count, the latest notifications, mark read. */
export function NotificationsBell() {
  const t = useT();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const q = useQuery({
    queryKey: ['notifications'],
    queryFn: () => call(api.GET('/api/notifications', { params: { query: { limit: 30 } } })),
    refetchInterval: 120_000,
  });
  const read = useMutation({
    mutationFn: (id: number | 'all') =>
      id === 'all'
        ? call(api.POST('/api/notifications/read-all'))
        : call(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const unread = q.data?.unread ?? 0;
  const items = q.data?.items ?? [];
  return (
    <div className="bell" ref={box}>
      <button
        type="button"
        className="btn btn-ghost btn-icon bell-btn"
        aria-label={t('web.prog.notif.label', { n: String(unread) })}
        title={t('web.prog.notif.title')}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Icon name="bell" />
        {unread > 0 && <span className="bell-count">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div className="bell-pop" role="dialog" aria-label={t('web.prog.notif.title')}>
          <div className="bell-head">
            <strong>{t('web.prog.notif.title')}</strong>
            {unread > 0 && (
              <button type="button" className="linklike" onClick={() => read.mutate('all')}>
                {t('web.prog.notif.readAll')}
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <p className="muted small bell-empty">{t('web.prog.notif.empty')}</p>
          ) : (
            <ul className="bell-list">
              {items.map((n) => (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                  <div className="bell-msg">
                    {n.activityId ? (
                      <Link
                        to="/activities/$id"
                        params={{ id: String(n.activityId) }}
                        onClick={() => {
                          if (!n.readAt) read.mutate(n.id);
                          setOpen(false);
                        }}
                      >
                        {n.message}
                      </Link>
                    ) : (
                      n.message
                    )}
                    <div className="cell-sub">{formatDateTime(n.createdAt)}</div>
                  </div>
                  {!n.readAt && (
                    <button
                      type="button"
                      className="btn btn-ghost btn-sm btn-icon"
                      title={t('web.prog.notif.markRead')}
                      aria-label={t('web.prog.notif.markRead')}
                      onClick={() => read.mutate(n.id)}
                    >
                      <Icon name="check" size={15} />
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <div className="bell-foot">
            <Link to="/tasks" onClick={() => setOpen(false)}>
              {t('web.prog.nav.tasks')}
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
