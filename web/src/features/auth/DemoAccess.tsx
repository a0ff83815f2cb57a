import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { useT } from '../../i18n';

/** Logins of the demo region (server/src/modules/org/demo/seed.ts). */
export const DEMO_LOGINS = [
  'region',
  'municipality',
  'school',
  'curator',
  'expert',
  'teacher',
  'observer',
] as const;
const DEMO_ROLE: Record<(typeof DEMO_LOGINS)[number], string> = {
  region: 'regional_coordinator',
  municipality: 'municipal_coordinator',
  school: 'school_team',
  curator: 'curator',
  expert: 'expert',
  teacher: 'teacher',
  observer: 'observer',
};
export const DEMO_PASSWORD = 'rost-demo-2026';

/** Whether the server holds the demo region (GET /api/health, no sign-in needed). */
export function useDemoLoaded(): boolean {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => call(api.GET('/api/health')),
    staleTime: 5 * 60_000,
    retry: false,
  });
  return health.data?.demo === true;
}

/**
 * The demo logins, open from the start, only when the demo region is loaded: on a real
 * region's server they would be of no use. A click on a login fills in the form.
 */
export function DemoAccess({
  demo,
  onPick,
}: {
  demo: boolean;
  onPick: (credentials: { login: string; password: string }) => void;
}) {
  const t = useT();
  if (!demo) return null;
  return (
    <details className="demo" open>
      <summary>{t('web.login.demo')}</summary>
      <div className="demo-body">
        <p>{t('web.login.demoText', { password: DEMO_PASSWORD })}</p>
        <ul className="demo-list">
          {DEMO_LOGINS.map((l) => (
            <li key={l}>
              <button type="button" onClick={() => onPick({ login: l, password: DEMO_PASSWORD })}>
                <span className="mono">{l}</span>
                {t(`role.${DEMO_ROLE[l]}`)}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
