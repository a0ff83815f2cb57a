import { Link } from '@tanstack/react-router';
import { useCurrentUser } from '../../../api/session';
import { useLocale, useT } from '../../../i18n';
import { can } from '../../../lib/access';
import { formatNumber } from '../../../lib/format';
import { Button, ButtonLink } from '../../../ui/Button';
import { Card, Stat } from '../../../ui/Card';
import { Alert } from '../../../ui/States';
import type { Done } from './ImportPage';

/** Step 4: what was written, and where to see it in the registry. */
export function ResultStep({ done, onRestart }: { done: Done; onRestart: () => void }) {
  const t = useT();
  const { role } = useCurrentUser();
  const [locale] = useLocale();
  const r = done.result;
  return (
    <div className="stack-lg">
      <Alert tone="success">
        <strong>{t('web.import.result.title')}. </strong>
        {t('web.import.result.text', { name: done.fileName })}
      </Alert>
      <div className="stats">
        <Stat label={t('web.import.result.created')} value={formatNumber(r.created, locale)} />
        <Stat
          label={t('web.import.result.updated')}
          value={formatNumber(r.updated, locale)}
          note={
            r.updatedSchools > r.updated
              ? t('web.import.result.unchanged', {
                  count: formatNumber(r.updatedSchools - r.updated, locale),
                })
              : undefined
          }
        />
        <Stat label={t('web.import.result.contexts')} value={formatNumber(r.contexts, locale)} />
      </div>
      {done.newSchools.length > 0 && (
        <Card title={t('web.import.result.newSchools')} id="import-new-schools">
          <ul className="link-list">
            {done.newSchools.map((s) => (
              <li key={s.code}>
                <Link to="/registry" search={{ q: s.code }}>
                  {s.shortName}
                </Link>{' '}
                <span className="mono muted small">{s.code}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <div className="form-actions">
        <ButtonLink to="/registry" variant="primary" icon="school">
          {t('web.import.result.toRegistry')}
        </ButtonLink>
        {can.readAudit(role) && (
          <ButtonLink to="/audit" search={{ action: 'import' }} icon="history">
            {t('web.import.result.audit')}
          </ButtonLink>
        )}
        <Button icon="upload" onClick={onRestart}>
          {t('web.import.result.another')}
        </Button>
      </div>
    </div>
  );
}
