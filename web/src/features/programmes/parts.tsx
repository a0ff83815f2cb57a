import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { Badge } from '../../ui/Card';
import { activityStatusTone, pct, programmeStatusTone } from './model';
import type { Progress } from './api';
import './programmes.css';

export function ProgrammeStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <Badge tone={programmeStatusTone(status)}>{t(`web.prog.status.${status}`)}</Badge>;
}

export function ActivityStatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  const t = useT();
  const shown = overdue && status !== 'done' && status !== 'cancelled' ? 'overdue' : status;
  return <Badge tone={activityStatusTone(shown)}>{t(`web.prog.astatus.${shown}`)}</Badge>;
}

export function LevelBadge({ level }: { level: string }) {
  const t = useT();
  return (
    <Badge tone={level === 'region' ? 'blue' : level === 'municipality' ? 'teal' : undefined}>
      {t(`web.prog.level.${level}`)}
    </Badge>
  );
}

/** A stacked bar: done on time (green), done late (teal), overdue (red) out of the items due by now. */
export function ProgressBar({ p, compact }: { p: Progress | null | undefined; compact?: boolean }) {
  const t = useT();
  if (!p || p.total === 0) return <span className="muted small">{t('web.prog.progress.none')}</span>;
  const onTime = pct(p.shareDoneOnTime);
  const overdue = pct(p.shareOverdue);
  const label = t('web.prog.progress.label', {
    done: String(pct(p.shareDone)),
    onTime: String(onTime),
    overdue: String(overdue),
  });
  return (
    <div className={compact ? 'pbar compact' : 'pbar'} title={label}>
      <div className="pbar-track" role="img" aria-label={label}>
        <span className="pbar-done" style={{ width: `${pct(p.shareDone)}%` }} />
      </div>
      <div className="pbar-legend">
        <span>
          <i className="dot dot-green" />
          {t('web.prog.progress.onTime', { v: String(onTime) })}
        </span>
        <span className={overdue > 0 ? 'text-danger' : undefined}>
          <i className="dot dot-red" />
          {t('web.prog.progress.overdue', { v: String(overdue), n: String(p.overdue) })}
        </span>
      </div>
    </div>
  );
}

export function Section({
  title,
  children,
  actions,
}: {
  title: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="pp-section">
      <div className="pp-section-head">
        <h3>{title}</h3>
        {actions}
      </div>
      {children}
    </div>
  );
}

/** Multi-line text as paragraphs; `—` when empty. */
export function Multiline({ text }: { text: string | null | undefined }) {
  if (!text?.trim()) return <span className="muted">—</span>;
  return (
    <>
      {text.split(/\n+/).map((l, i) => (
        <p key={i} className="pp-par">
          {l}
        </p>
      ))}
    </>
  );
}
