/**
 * Screenshots of every screen, for a look as a user would see them.
 *
 *   ROST_URL=http://127.0.0.1:4173 npx tsx web/scripts/screenshots.ts [filter]
 *
 * Needs a running server with the demo region and the built app (e.g. `vite preview`
 * with web/scripts/vite.preview.config.ts). Writes PNGs to /tmp/rost-shots.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const BASE = process.env.ROST_URL ?? 'http://127.0.0.1:4173';
const OUT = process.env.ROST_SHOTS ?? '/tmp/rost-shots';
const PASSWORD = 'rost-demo-2026';
const filter = process.argv[2];
const DESKTOP = { width: 1366, height: 800 };
const PHONE = { width: 390, height: 844 };

fs.mkdirSync(OUT, { recursive: true });

async function shot(page: Page, name: string, fullPage = true) {
  if (filter && !name.includes(filter)) return;
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(250);
  // Long pages are cut at 2200 px so that the PNG stays readable.
  const { w, h } = await page.evaluate(() => ({
    w: window.innerWidth,
    h: document.documentElement.scrollHeight,
  }));
  await page.screenshot({
    path: `${OUT}/${name}.png`,
    fullPage,
    clip: fullPage ? { x: 0, y: 0, width: w, height: Math.min(h, 2200) } : undefined,
  });
  console.log(`${OUT}/${name}.png`);
}

async function session(
  browser: Browser,
  login: string | null,
  viewport = DESKTOP,
  locale: 'ru' | 'en' = 'ru',
) {
  const ctx = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: locale === 'ru' ? 'ru-RU' : 'en-GB',
  });
  await ctx.addInitScript((l) => localStorage.setItem('rost.locale', l), locale);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[pageerror ${login}]`, e.message));
  page.on('console', (m) => m.type() === 'error' && console.error(`[console ${login}]`, m.text()));
  if (login) {
    await page.goto(`${BASE}/login`);
    await page
      .getByLabel(locale === 'ru' ? 'Логин' : 'Login', { exact: false })
      .first()
      .fill(login);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.waitForLoadState('networkidle');
  }
  return { ctx, page };
}

const ROLES = ['region', 'municipality', 'school', 'curator', 'expert', 'teacher', 'observer'] as const;

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    // Login page
    for (const [vp, tag] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { ctx, page } = await session(browser, null, vp);
      await page.goto(`${BASE}/login`);
      await shot(page, `01-login-${tag}`);
      await page.locator('details.demo summary').click();
      await page.getByLabel('Логин').fill('region');
      await page.locator('input[type=password]').fill('wrong-password');
      await page.locator('form button[type=submit]').click();
      await page.locator('.alert-error').waitFor();
      await shot(page, `01-login-error-demo-${tag}`);
      await ctx.close();
    }
    {
      const { ctx, page } = await session(browser, null, DESKTOP, 'en');
      await page.goto(`${BASE}/login`);
      await shot(page, '01-login-en-desktop');
      await ctx.close();
    }

    // Home of every role, desktop and phone
    for (const role of ROLES) {
      for (const [vp, tag] of [
        [DESKTOP, 'desktop'],
        [PHONE, 'phone'],
      ] as const) {
        const { ctx, page } = await session(browser, role, vp);
        await shot(page, `02-home-${role}-${tag}`);
        if (role === 'region' && tag === 'phone') {
          await page.getByRole('button', { name: 'Открыть меню' }).click();
          await page.waitForTimeout(300);
          await shot(page, '02-home-region-phone-drawer', false);
        }
        await ctx.close();
      }
    }

    // The regional coordinator's screens
    for (const [vp, tag] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { ctx, page } = await session(browser, 'region', vp);
      await page.goto(`${BASE}/registry`);
      await page.locator('tbody tr').first().waitFor();
      await shot(page, `03-registry-${tag}`, tag === 'phone');
      await page.goto(`${BASE}/registry?q=%D0%B3%D0%B8%D0%BC%D0%BD&sort=students&order=desc&isSmall=false`);
      await shot(page, `03-registry-filtered-${tag}`, tag === 'phone');
      await page.goto(`${BASE}/registry?q=zzzzzz`);
      await shot(page, `03-registry-empty-${tag}`, false);
      await page.goto(`${BASE}/registry/municipalities`);
      await shot(page, `03-municipalities-${tag}`);
      await page.goto(`${BASE}/schools/1`);
      await page.locator('h1').waitFor();
      await shot(page, `04-school-${tag}`);
      await page.goto(`${BASE}/schools/1/edit`);
      await shot(page, `05-school-edit-${tag}`);
      await page.goto(`${BASE}/schools/5`);
      await page.locator('h1').waitFor();
      await shot(page, `04-school-branch-${tag}`, false);
      await page.goto(`${BASE}/schools/new`);
      await shot(page, `05-school-new-${tag}`);
      await page.goto(`${BASE}/users`);
      await shot(page, `06-users-${tag}`, tag === 'phone');
      await page.goto(`${BASE}/users/new`);
      await shot(page, `06-user-new-${tag}`);
      await page.goto(`${BASE}/audit`);
      await shot(page, `07-audit-${tag}`, tag === 'phone');
      await page.goto(`${BASE}/no-such-page`);
      await shot(page, `08-404-${tag}`);
      await ctx.close();
    }

    // Interactions: context dialog, validation, conflict, user editing
    {
      const { ctx, page } = await session(browser, 'region');
      // a branch school, if any
      await page.goto(`${BASE}/schools/1`);
      await page
        .getByRole('button', { name: /Изменить данные за/ })
        .last()
        .click();
      await page.locator('dialog[open]').waitFor();
      await shot(page, '05-context-dialog', false);
      await page.locator('dialog[open] input').first().fill('140');
      await page.locator('dialog[open] button[type=submit]').click();
      await shot(page, '05-context-dialog-invalid', false);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Добавить учебный год' }).click();
      await shot(page, '05-context-dialog-new', false);
      await page.keyboard.press('Escape');

      await page.goto(`${BASE}/schools/1/edit`);
      await page.getByLabel('Краткое наименование').fill('');
      await page.getByLabel('Число смен').fill('5');
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await shot(page, '05-school-edit-invalid');

      // Someone else saves first → conflict
      await page.goto(`${BASE}/schools/2/edit`);
      await page.getByLabel('Адрес').waitFor();
      const other = await session(browser, 'region');
      await other.page.goto(`${BASE}/schools/2/edit`);
      await other.page.getByLabel('Адрес').fill(`ул. Новая, д. ${Date.now() % 100}`);
      await other.page.getByRole('button', { name: 'Сохранить' }).click();
      await other.page.waitForURL(/\/schools\/2$/);
      await other.ctx.close();
      await page.getByLabel('Населённый пункт').fill('с. Изменённое');
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await page.locator('.alert-warn').waitFor();
      await shot(page, '05-school-edit-conflict', false);
      await page.getByRole('button', { name: 'Загрузить актуальные данные' }).click();
      await page.waitForTimeout(500);
      await shot(page, '05-school-edit-reloaded', false);

      await page.goto(`${BASE}/schools/2`);
      await shot(page, '04-school-history-after-edit');

      await page.goto(`${BASE}/users`);
      await page.locator('tbody tr a').nth(4).click();
      await page.waitForURL(/\/users\/\d+/);
      await shot(page, '06-user-edit');
      await page.goto(`${BASE}/users/new`);
      await page.getByLabel(/^Роль/).selectOption('curator');
      const picker = page.getByRole('combobox', { name: 'Закреплённые школы' });
      await picker.click();
      await picker.fill('гимн');
      await page.locator('.picker-list li[role=option]').first().waitFor();
      await shot(page, '06-user-new-curator-picker', false);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Создать' }).click();
      await shot(page, '06-user-new-invalid');
      await page.goto(`${BASE}/audit`);
      await shot(page, '07-audit-after-edits');
      await ctx.close();
    }

    // English interface
    {
      const { ctx, page } = await session(browser, 'region', DESKTOP, 'en');
      await shot(page, '09-home-region-en');
      await page.goto(`${BASE}/schools/1`);
      await shot(page, '09-school-en');
      await ctx.close();
    }
    // Municipal coordinator: the registry of the municipality
    {
      const { ctx, page } = await session(browser, 'municipality');
      await page.goto(`${BASE}/registry`);
      await page.locator('tbody tr').first().waitFor();
      await shot(page, '11-municipality-registry', false);
      await page.goto(`${BASE}/users/new`);
      await shot(page, '11-municipality-user-new', false);
      await ctx.close();
    }
    // School team: own card with edit
    {
      const { ctx, page } = await session(browser, 'school');
      await page.getByRole('link', { name: 'Моя школа' }).click();
      await shot(page, '10-school-team-card');
      await ctx.close();
    }
    {
      const { ctx, page } = await session(browser, 'teacher', PHONE);
      await page.goto(`${BASE}/schools/1`);
      await shot(page, '10-teacher-card-phone');
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
