import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot } from './browser.js';

/**
 * The regional coordinator imports a new school from an Excel file through the wizard:
 * a file with a mistake is refused with the problem listed, the corrected file is committed,
 * and the school is then found in the registry.
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

interface NewSchool {
  code: string;
  municipality: string;
  fullName: string;
  shortName: string;
  teachers: string | number;
}

/** A workbook with one «Школы» sheet whose headers are the registry's field labels. */
async function workbook(schools: NewSchool[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Школы');
  ws.addRow([
    'Код ОО',
    'Муниципалитет',
    'Полное наименование',
    'Краткое наименование',
    'Тип ОО',
    'Местность',
    'Населённый пункт',
    'Педагогических работников',
  ]);
  for (const s of schools)
    ws.addRow([
      s.code,
      s.municipality,
      s.fullName,
      s.shortName,
      'СОШ',
      'сельская',
      'с. Заречное',
      s.teachers,
    ]);
  // Codes stay text, as in the registry export.
  ws.getColumn(1).numFmt = '@';
  ws.getColumn(2).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('registry import in the browser', () => {
  it('previews a file, lists its problems, commits the corrected file and finds the new school', async () => {
    await page.goto(`${baseURL}/login`);
    await page.getByLabel('Логин').fill('region');
    await page.getByLabel('Пароль').fill('rost-demo-2026');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    // An existing municipality code, as the page's own API gives it.
    const res = await page.request.get(`${baseURL}/api/municipalities`);
    expect(res.ok()).toBe(true);
    const municipalities = (await res.json()) as Array<{ code: string; name: string }>;
    const municipality = municipalities[0]!;
    const stamp = String(Date.now()).slice(-5);
    const school: NewSchool = {
      code: `${municipality.code}9${stamp}`,
      municipality: municipality.code,
      fullName: `Муниципальное бюджетное общеобразовательное учреждение «Заречная СОШ ${stamp}»`,
      shortName: `МБОУ «Заречная СОШ ${stamp}»`,
      teachers: 14,
    };

    await page.getByRole('link', { name: 'Реестр школ' }).first().click();
    await page.getByRole('link', { name: 'Импорт из Excel' }).click();
    await page.getByRole('heading', { name: 'Выберите файл' }).waitFor();
    await screenshot(page, 'import-01-file');

    // A file with a mistake: the teacher count is not a number.
    const input = page.locator('input[type=file]');
    await input.setInputFiles({
      name: 'novye-shkoly.xlsx',
      mimeType: XLSX,
      buffer: await workbook([{ ...school, teachers: 'много' }]),
    });
    await page.getByRole('heading', { name: 'Сопоставление столбцов' }).waitFor();
    await expect(page.getByRole('combobox', { name: 'Столбец A «Код ОО»' }).inputValue()).resolves.toBe(
      'code',
    );
    await expect(
      page.getByRole('combobox', { name: 'Столбец H «Педагогических работников»' }).inputValue(),
    ).resolves.toBe('teachers');
    await page.getByText('Проблем: 1').waitFor();
    await screenshot(page, 'import-02-mapping');

    await page.getByRole('button', { name: 'Далее: проверка' }).click();
    const problems = page.getByRole('table', { name: 'Проблемы' });
    await problems.getByText('«много» не является числом', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Загрузить', exact: true }).isDisabled()).toBe(true);
    await page.getByText('ничего не будет записано', { exact: false }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать список (CSV)' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Педагогических работников');
    await screenshot(page, 'import-03-problems');

    // The corrected file.
    await page.getByRole('button', { name: 'Выбрать другой файл' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'novye-shkoly.xlsx',
      mimeType: XLSX,
      buffer: await workbook([school]),
    });
    await page.getByRole('heading', { name: 'Сопоставление столбцов' }).waitFor();
    await page.getByText('Проблем нет').waitFor();
    await page.getByRole('button', { name: 'Далее: проверка' }).click();
    await page.getByText('Проблем не найдено', { exact: false }).waitFor();
    const newSchools = page.locator('.stat').filter({ hasText: 'Новых школ' });
    await expect(newSchools.locator('.stat-value').textContent()).resolves.toBe('1');
    await page.getByRole('cell', { name: school.shortName }).waitFor();
    await screenshot(page, 'import-04-check');

    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Загрузить файл в реестр?' });
    await dialog.getByRole('button', { name: 'Загрузить' }).click();
    await page.getByText('Реестр обновлён').waitFor();
    const created = page.locator('.stat').filter({ hasText: 'Создано школ' });
    await expect(created.locator('.stat-value').textContent()).resolves.toBe('1');
    await screenshot(page, 'import-05-result');

    // The new school is in the registry.
    await page.getByRole('link', { name: 'Открыть реестр' }).click();
    await page.getByPlaceholder('Название, населённый пункт, код').fill(`Заречная СОШ ${stamp}`);
    const found = page.locator('a.cell-main', { hasText: school.shortName });
    await found.waitFor();
    await page.getByRole('cell', { name: school.code }).waitFor();
    await screenshot(page, 'import-06-registry');
    await found.click();
    await page.getByRole('heading', { name: school.shortName }).waitFor();
  });
});
