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
    // The filter goes into the URL, so that the filtered page can be reloaded or shared.
    await page.getByLabel('Категория').selectOption('both');
    await page.waitForURL(/category=both/);
    const row = page.locator('tr.ident-row').first();
    await expect.poll(() => row.innerText()).toContain('ШНОР + ШНСУ');
    expect(await row.locator('.ident-why').innerText()).toMatch(/минимального порога/);
    await row.getByRole('button', { name: 'Подробнее' }).click();
    const detail = page.locator('.ident-detail');
    await detail.locator('.ident-figures table').waitFor();
    expect(await detail.locator('.ident-expl li').count()).toBeGreaterThan(1);
    expect(await detail.innerText()).toMatch(/правило А|правило Б/);
    await screenshot(page, 'identification-03-explanation');
    await page.reload();
    await expect.poll(() => page.getByLabel('Категория').inputValue()).toBe('both');
  }, 180_000);

  it('creates a parameter set; a wrong value is refused with a Russian message naming the field', async () => {
    await page.goto(`${baseURL}/identification`);
    const card = page.locator('#ident-param-sets');
    await card.getByRole('button', { name: 'Новый набор' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Название набора').fill('Строгий порог');
    await dialog.getByLabel('Порог доли ниже минимума, %').fill('120');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Число от 0 до 100').waitFor();
    await dialog.getByLabel('Порог доли ниже минимума, %').fill('40');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('Строгий порог').waitFor();
    expect(await card.innerText()).toMatch(/порог 40 %/);
    await screenshot(page, 'identification-04-param-sets');
  }, 60_000);
});
