import { useT } from '../../../i18n';
import { Icon } from '../../../ui/icons';

export const STEPS = ['file', 'mapping', 'check', 'result'] as const;
export type Step = (typeof STEPS)[number];

/** Where the user is in the wizard: done steps are ticked, the current one is announced. */
export function Steps({ current }: { current: Step }) {
  const t = useT();
  const at = STEPS.indexOf(current);
  return (
    <nav aria-label={t('web.import.steps')}>
      <ol className="steps">
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={i < at ? 'done' : i === at ? 'current' : undefined}
            aria-current={i === at ? 'step' : undefined}
          >
            <span className="step-num" aria-hidden>
              {i < at ? <Icon name="check" size={14} /> : i + 1}
            </span>
            <span className="step-label">
              <span className="sr-only">{t('web.import.stepOf', { n: i + 1, total: STEPS.length })}: </span>
              {t(`web.import.step.${s}`)}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
