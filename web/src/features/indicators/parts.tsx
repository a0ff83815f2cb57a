import { Badge } from '../../ui/Card';
import { useT } from '../../i18n';
import { ACHIEVEMENT_TONE, type Achievement, type Method } from './model';

/** The achievement state: colour and a text label (never colour alone). */
export function AchievementBadge({ a, title }: { a: Achievement; title?: string }) {
  const t = useT();
  return (
    <span className={`ind-ach ind-ach-${a}`} title={title}>
      <Badge tone={ACHIEVEMENT_TONE[a]}>
        <span className="ind-ach-mark" aria-hidden>
          {a === 'achieved' ? '✓' : a === 'close' ? '≈' : a === 'not_achieved' ? '✕' : '–'}
        </span>
        {t(`web.indicators.achievement.${a}`)}
      </Badge>
    </span>
  );
}

export function MethodBadge({ method }: { method: Method }) {
  const t = useT();
  return <Badge tone={method === 'computed' ? 'blue' : 'teal'}>{t(`web.indicators.method.${method}`)}</Badge>;
}

/** The legend of the achievement colours above the table. */
export function AchievementLegend() {
  const t = useT();
  return (
    <div className="ind-legend" aria-label={t('web.indicators.legend')}>
      <span className="muted small">{t('web.indicators.legend')}:</span>
      {(['achieved', 'close', 'not_achieved'] as const).map((a) => (
        <AchievementBadge key={a} a={a} />
      ))}
    </div>
  );
}
