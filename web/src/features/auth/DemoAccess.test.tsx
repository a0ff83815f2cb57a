import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { LocaleProvider } from '../../i18n';
import { DEMO_LOGINS, DEMO_PASSWORD, DemoAccess } from './DemoAccess';

const render = (demo: boolean) =>
  renderToStaticMarkup(
    <LocaleProvider>
      <DemoAccess demo={demo} onPick={() => undefined} />
    </LocaleProvider>,
  );

describe('the demo logins on the sign-in page', () => {
  it('are shown, open, with every demo login and the password when the demo region is loaded', () => {
    const html = render(true);
    expect(html).toMatch(/<details class="demo" open="">/);
    expect(html).toContain('Демо-доступ');
    expect(html).toContain(DEMO_PASSWORD);
    expect(DEMO_PASSWORD).toBe('rost-demo-2026');
    for (const login of DEMO_LOGINS) expect(html).toContain(`<span class="mono">${login}</span>`);
    expect(DEMO_LOGINS).toEqual([
      'region',
      'municipality',
      'school',
      'curator',
      'expert',
      'teacher',
      'observer',
    ]);
    expect(html).toContain('Региональный координатор');
  });

  it('are not shown when the server holds no demo region', () => {
    expect(render(false)).toBe('');
  });
});
