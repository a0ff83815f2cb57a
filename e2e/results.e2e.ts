import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot } from './browser.js';

/**
 * The regional coordinator uploads a school-level results file (ОГЭ, Russian, a new year)
 * through the wizard: one school is named in a way the registry does not know, the coordinator
 * picks the suggested school, commits, and sees the new year on that school's results chart.
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

interface School {
  id: number;
  code: string;
  shortName: string;
  municipalityName: string;
}

describe('results import in the browser', () => {
  it('uploads a file, resolves an unknown school, commits and shows the chart', async () => {
    await page.goto(`${baseURL}/login`);
    await page.getByLabel('Логин').fill('region');
    await page.getByLabel('Пароль').fill('rost-demo-2026');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    const res = await page.request.get(`${baseURL}/api/schools?pageSize=200`);
    expect(res.ok()).toBe(true);
    const schools = ((await res.json()) as { items: School[] }).items;
    // A school whose name can be written differently: «Вязовская СОШ» → «Вязовская школа (корпус 2)».
    const renamed = schools.find((s) => /"[А-ЯЁ][а-яё]+ская СОШ"/.test(s.shortName))!;
    expect(renamed).toBeDefined();
    const others = schools.filter((s) => s.id !== renamed.id).slice(0, 2);
    const variant = `${/"([А-ЯЁ][а-яё]+ская) СОШ"/.exec(renamed.shortName)![1]} школа (корпус 2)`;
    const year = 2026;
    const csv = [
      'Муниципалитет;Школа;Код ОО;Участников;Не преодолели минимальный порог;«2»;«3»;«4»;«5»;Средний балл',
      `${others[0]!.municipalityName};${others[0]!.shortName.replace(/"/g, '')};${others[0]!.code};20;1;1;6;8;5;3,85`,
      `${others[1]!.municipalityName};${others[1]!.shortName.replace(/"/g, '')};${others[1]!.code};15;2;2;5;5;3;3,6`,
      `${renamed.municipalityName};${variant};;12;3;3;4;3;2;3,33`,
    ].join('\n');

    await page.getByRole('link', { name: 'Результаты', exact: true }).click();
    await page.getByRole('heading', { name: 'Результаты оценочных процедур' }).waitFor();
    await page.getByRole('link', { name: 'Загрузить результаты' }).click();
    await page.getByRole('heading', { name: 'Файл с результатами' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: `oge-ru-${year}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(`\ufeff${csv}\n`, 'utf8'),
    });
    await page.getByLabel('Процедура').selectOption('OGE');
    await page.getByLabel('Год').fill(String(year));
    await page.getByLabel('Предмет').selectOption('ru');
    await screenshot(page, 'results-01-file');
    await page.getByRole('button', { name: 'Загрузить и проверить' }).click();

    // The check: two schools matched by code, one waits for a decision; the commit is locked.
    await page.getByText('Школ без сопоставления с реестром: 1', { exact: false }).waitFor();
    const unresolved = page.locator('.stat').filter({ hasText: 'Требуют решения' });
    await expect(unresolved.locator('.stat-value').textContent()).resolves.toBe('1');
    await page.getByRole('cell', { name: variant, exact: true }).waitFor();
    await page.getByText('не найдена в реестре', { exact: false }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Записать результаты' }).isDisabled()).toBe(true);
    await screenshot(page, 'results-02-check');

    // The review: the suggested school is picked.
    await page.getByRole('button', { name: 'Сопоставить школы' }).first().click();
    await page.getByRole('heading', { name: variant }).waitFor();
    await screenshot(page, 'results-03-review');
    await page.getByRole('button', { name: renamed.shortName }).click();
    await page.getByText('Все школы сопоставлены', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'К проверке' }).click();
    await page.getByText('Проблем нет', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Записать результаты' }).click();
    const dialog = page.getByRole('dialog', { name: 'Записать результаты?' });
    await dialog.getByRole('button', { name: 'Записать результаты' }).click();
    await page.getByText('Результаты записаны').waitFor();
    const inserted = page.locator('.stat').filter({ hasText: 'Записано новых' });
    await expect(inserted.locator('.stat-value').textContent()).resolves.toBe('3');
    await screenshot(page, 'results-04-done');

    // The school's results page: the new year is in the table and on the chart.
    await page.goto(`${baseURL}/schools/${renamed.id}`);
    await page.getByRole('link', { name: 'Результаты оценочных процедур' }).click();
    await page.getByRole('tab', { name: 'ОГЭ' }).click();
    await page.getByLabel('Предмет').selectOption({ label: 'Русский язык, 9 класс' });
    await page.locator('.res-chart svg').first().waitFor();
    await page.locator('.res-year', { hasText: String(year) }).waitFor();
    expect(await page.locator('.res-table tbody tr').first().textContent()).toContain('3,33');
    expect(await page.locator('.res-chart svg text', { hasText: String(year) }).count()).toBeGreaterThan(0);
    await screenshot(page, 'results-05-school-chart');

    // The history lists the upload; rolling it back removes the year again.
    await page.goto(`${baseURL}/results`);
    await page.getByRole('cell', { name: `oge-ru-${year}.csv`, exact: false }).waitFor();
    await page.getByRole('button', { name: 'Отменить загрузку' }).first().click();
    const confirm = page.getByRole('dialog', { name: 'Отменить загрузку?' });
    await screenshot(page, 'results-06-rollback');
    await confirm.getByRole('button', { name: 'Отменить загрузку' }).click();
    await page.getByText('Загрузка отменена', { exact: false }).waitFor();
  });

  it('manages the reference data: a threshold with validation, a subject, the templates', async () => {
    await page.goto(`${baseURL}/results`);
    await page.getByRole('tab', { name: 'Справочники' }).click();
    await page.getByRole('heading', { name: 'Минимальные пороги' }).waitFor();
    await page.getByRole('heading', { name: 'Шаблоны сопоставления' }).waitFor();
    await screenshot(page, 'results-07-reference');

    // A threshold with a wrong year and value: the messages name the fields; then a valid one.
    await page.getByRole('button', { name: 'Добавить порог' }).click();
    const dialog = page.getByRole('dialog', { name: 'Минимальный порог' });
    await dialog.getByLabel('Процедура').selectOption('EGE');
    await dialog.getByLabel('Предмет').selectOption('ru');
    await dialog.getByLabel('Год').fill('1990');
    await dialog.getByLabel('Минимальное значение').fill('-5');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Год: оставьте пустым', { exact: false }).first().waitFor();
    await dialog.getByText('Минимальное значение: введите число от 0 до 1000.').first().waitFor();
    await dialog.getByText('Исправьте поля: Год, Минимальное значение.').waitFor();
    await screenshot(page, 'results-08-threshold-invalid');
    await dialog.getByLabel('Год').fill('2025');
    await dialog.getByLabel('Минимальное значение').fill('30');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Порог сохранён', { exact: false }).waitFor();

    // A new subject with synonyms.
    await page.getByRole('button', { name: 'Добавить предмет' }).click();
    const subject = page.getByRole('dialog', { name: 'Предмет' });
    await subject.getByLabel('Код').fill('astronomy');
    await subject.getByLabel('Название').fill('Астрономия');
    await subject.getByLabel('Синонимы').fill('астрономия\nастр');
    await screenshot(page, 'results-09-subject');
    await subject.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Предмет «Астрономия» сохранён.').waitFor();
    await page.getByRole('cell', { name: 'astronomy' }).waitFor();
    await screenshot(page, 'results-10-reference-after');
  });
});
