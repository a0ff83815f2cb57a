import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot } from './browser.js';

/**
 * The regional coordinator opens the regional programme's «Целевые показатели», adds a computed
 * indicator from the catalogue with a target, computes it for the year, opens the calculation
 * behind the value (numerator / denominator, municipality, school and its records), then adds a
 * manual indicator and enters its value with a source (refused without one).
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

/** The regional programme; when it names no target schools, give it 30 through the API. */
async function regionalProgramme(): Promise<number> {
  const me = (await (await page.request.get(`${baseURL}/api/auth/me`)).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': me.csrfToken };
  const list = (await (await page.request.get(`${baseURL}/api/programmes?level=region`)).json()) as Array<{
    id: number;
  }>;
  const id = list[0]!.id;
  const prog = (await (await page.request.get(`${baseURL}/api/programmes/${id}`)).json()) as {
    version: number;
    targetSchools: unknown[];
  };
  if (prog.targetSchools.length > 0) return id;
  const schools = (await (await page.request.get(`${baseURL}/api/schools?pageSize=100`)).json()) as {
    items: Array<{ id: number }>;
  };
  const ids = schools.items
    .filter((_, i) => i % 3 === 0)
    .map((s) => s.id)
    .slice(0, 30);
  const r = await page.request.patch(`${baseURL}/api/programmes/${id}`, {
    headers,
    data: { version: prog.version, targetSchoolIds: ids },
  });
  expect(r.status()).toBe(200);
  return id;
}

describe('target indicators in the browser', () => {
  it('adds, computes and explains an indicator; enters a manual value with its source', async () => {
    await page.goto(`${baseURL}/login`);
    await page.getByLabel('Логин').fill('region');
    await page.getByLabel('Пароль').fill('rost-demo-2026');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const id = await regionalProgramme();

    await page.goto(`${baseURL}/programmes/${id}`);
    await page.getByRole('tab', { name: 'Целевые показатели' }).click();
    await page.getByRole('button', { name: 'Добавить показатель' }).waitFor();

    // Add «vacancies / teachers» from the catalogue with a target for 2026.
    await page.getByRole('button', { name: 'Добавить показатель' }).click();
    const add = page.locator('dialog[open]');
    await add.getByLabel('Поиск в каталоге').fill('вакансий');
    await add.locator('.ind-pick', { hasText: 'Доля вакансий' }).first().click();
    await add.getByLabel('Цель на 2026 г.').fill('150');
    await add.getByRole('button', { name: 'Добавить', exact: true }).click();
    await add.getByText('Значение вне допустимого диапазона').waitFor();
    await add.getByLabel('Цель на 2026 г.').fill('4');
    await add.getByRole('button', { name: 'Добавить', exact: true }).click();
    const row = page.locator('.ind-table tbody tr', { hasText: 'Доля вакансий' });
    await row.waitFor();
    expect(await row.innerText()).toContain('вычисляется');
    expect(await row.innerText()).toContain('4,0');

    // Compute it for 2026 (from its row).
    await row.getByRole('button', { name: /^Рассчитать «/ }).click();
    const compute = page.locator('dialog[open]');
    await compute.getByLabel('Год').selectOption('2026');
    await compute.getByRole('button', { name: 'Рассчитать', exact: true }).click();
    await compute.getByText('Рассчитано показателей: 1 за 2026 г.').waitFor();
    await screenshot(page, 'indicators-01-computed');
    await compute.getByRole('button', { name: 'Закрыть' }).last().click();

    // The calculation behind the 2026 value: value = numerator / denominator, municipalities, a school.
    await row.getByRole('button', { name: /Расчёт: .*2026 г\./ }).click();
    await page.waitForURL(/indView=calc/);
    const calc = page.locator('dialog[open]');
    const formula = calc.getByTestId('ind-formula');
    await formula.waitFor();
    expect(await formula.innerText()).toMatch(/\d+,\d\s%\s*=\s*\d[\d\s]* \/ \d[\d\s]* × 100/);
    expect(await calc.innerText()).toMatch(/учтено: \d+, без данных: \d+/);
    expect(await calc.innerText()).toContain('Отпечаток данных');
    await calc.getByRole('heading', { name: 'По муниципалитетам' }).waitFor();
    await screenshot(page, 'indicators-02-calculation');
    await calc.locator('.ind-drill').first().locator('tbody .ind-link').first().click();
    await page.waitForURL(/indMuni=\d+/);
    await calc.locator('.ind-subfigure').first().waitFor();
    await calc.getByRole('heading', { name: /По школам/ }).waitFor();
    await calc.locator('.ind-drill tbody .ind-link').first().click();
    await page.waitForURL(/indSchool=\d+/);
    await calc.locator('.ind-basis').waitFor();
    expect(await calc.locator('.ind-basis').innerText()).toContain('Вакансии педагогов');
    await screenshot(page, 'indicators-03-school-basis');
    // The drill-down survives a reload: it lives in the URL.
    await page.reload();
    await page.locator('dialog[open] .ind-basis').waitFor();
    await page.locator('dialog[open]').getByRole('button', { name: 'Закрыть' }).first().click();
    await expect.poll(() => page.url()).not.toContain('ind=');

    // The chart of the indicator is one click from its row.
    await row.getByRole('button', { name: /^График:/ }).click();
    await page.locator('dialog[open] .ind-chart svg').waitFor();
    await page.locator('dialog[open]').getByRole('button', { name: 'Закрыть' }).first().click();

    // A manual indicator: the value needs a source.
    await page.getByRole('button', { name: 'Добавить показатель' }).click();
    await add.getByLabel('Поиск в каталоге').fill('дополнительным образованием');
    const pick = add.locator('.ind-pick', { hasText: 'дополнительным образованием' }).first();
    expect(await pick.innerText()).toContain('В Росте пока нет');
    await pick.click();
    await add.getByRole('button', { name: 'Добавить', exact: true }).click();
    const manual = page.locator('.ind-table tbody tr', { hasText: 'дополнительным образованием' });
    await manual.waitFor();
    await manual.getByRole('button', { name: /Внести значение .* 2026/ }).click();
    const dlg = page.locator('dialog[open]');
    await dlg.getByLabel(/^Значение/).fill('78,5');
    await dlg.getByRole('button', { name: 'Сохранить' }).click();
    await dlg.getByText('Укажите источник данных').waitFor();
    await dlg.getByLabel(/^Источник данных/).fill('Мониторинг ИРО за 2026 год');
    await dlg.getByLabel('Комментарий').fill('по данным 30 школ');
    await dlg.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => manual.innerText()).toContain('78,5');
    expect(await manual.innerText()).toContain('Мониторинг ИРО за 2026 год');
    await screenshot(page, 'indicators-04-table');
  }, 180_000);
});
