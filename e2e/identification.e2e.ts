import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot } from './browser.js';

/**
 * The regional coordinator starts the identification for 2025 from «Отбор школ», opens the run,
 * sees the scatter chart of context against results and reads one school's explanation.
 */
let browser: Browser;
let page: Page;
const baseURL = inject('baseURL');

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'ru-RU' });
});
afterAll(async () => {
  await browser?.close();
});

describe('identification in the browser', () => {
  it('starts a run, shows the scatter chart and a school explanation', async () => {
    await page.goto(`${baseURL}/login`);
    await page.getByLabel('Логин').fill('region');
    await page.getByLabel('Пароль').fill('rost-demo-2026');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    await page.getByRole('link', { name: 'Отбор школ', exact: true }).click();
    await page.getByRole('heading', { name: 'Отбор школ', level: 1 }).waitFor();
    await screenshot(page, 'identification-01-runs');
    await page.getByRole('button', { name: 'Запустить отбор' }).click();
    await page.getByLabel('Год').selectOption('2025');
    await page.getByRole('button', { name: 'Запустить', exact: true }).click();
    await page.waitForURL(/\/identification\/runs\/\d+$/, { timeout: 120_000 });
    await page.getByRole('heading', { name: 'Отбор школ 2025 г.' }).waitFor();

    // The scatter chart: an SVG with dots of several colours.
    const chart = page.getByTestId('ident-scatter');
    await chart.locator('svg').waitFor({ timeout: 30_000 });
    expect(await chart.locator('svg path').count()).toBeGreaterThan(50);
    await screenshot(page, 'identification-02-run');

    // Schools flagged by both rules, with the first sentence of the explanation; open the first.
    await page.getByLabel('Категория').selectOption('both');
    const row = page.locator('tr.ident-row').first();
    await expect.poll(() => row.innerText()).toContain('ШНОР + ШНСУ');
    expect(await row.locator('.ident-why').innerText()).toMatch(/минимального порога/);
    await row.getByRole('button', { name: 'Подробнее' }).click();
    const detail = page.locator('.ident-detail');
    await detail.locator('.ident-figures table').waitFor();
    expect(await detail.locator('.ident-expl li').count()).toBeGreaterThan(1);
    expect(await detail.innerText()).toMatch(/правило А|правило Б/);
    await screenshot(page, 'identification-03-explanation');
  }, 180_000);
});
