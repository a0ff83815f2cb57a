import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot } from './browser.js';

/** A municipal coordinator signs in, finds a school in the registry and edits it. */
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

describe('registry in the browser', () => {
  it('signs in, finds a school, edits it and sees the change in its history', async () => {
    await page.goto(`${baseURL}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Логин').fill('municipality');
    await page.getByLabel('Пароль').fill('rost-demo-2026');
    await screenshot(page, '01-login');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Васильев Андрей Николаевич').first().waitFor();
    await screenshot(page, '02-home-municipal');

    await page.getByRole('link', { name: 'Реестр школ' }).first().click();
    const search = page.getByPlaceholder('Название, населённый пункт, код');
    await search.fill('СОШ');
    await page.waitForURL(/q=/);
    const first = page.locator('a.cell-main').first();
    await first.waitFor();
    const schoolName = (await first.textContent())!.trim();
    expect(schoolName).toMatch(/СОШ/);
    await screenshot(page, '03-registry-search');

    await first.click();
    await page.getByRole('heading', { name: schoolName }).waitFor();
    await screenshot(page, '04-school-card');

    await page
      .getByRole('link', { name: 'Изменить' })
      .or(page.getByRole('button', { name: 'Изменить' }))
      .first()
      .click();
    const teachers = page.getByLabel('Педагогических работников', { exact: false });
    await teachers.waitFor();
    const newValue = String(Number((await teachers.inputValue()) || '10') + 3);
    await teachers.fill(newValue);
    await screenshot(page, '05-school-edit');
    await page.getByRole('button', { name: 'Сохранить' }).click();

    await page.getByRole('heading', { name: schoolName }).waitFor();
    await page.getByText(newValue, { exact: true }).first().waitFor();
    await screenshot(page, '06-school-after-edit');
    const history = page.locator('section', { hasText: 'История изменений' }).last();
    await history.getByText('Педагогических работников').first().waitFor();
  });

  it('is usable on a phone', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'ru-RU',
      isMobile: true,
    });
    await phone.goto(`${baseURL}/login`);
    await phone.getByLabel('Логин').fill('region');
    await phone.getByLabel('Пароль').fill('rost-demo-2026');
    await phone.getByRole('button', { name: 'Войти' }).click();
    await phone.getByRole('heading', { level: 1 }).first().waitFor();
    await screenshot(phone, '07-home-phone');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.close();
  });
});
