import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot } from './browser.js';

/**
 * A school team imports its roadmap from tab-separated text, marks an activity done with an
 * evidence file, and downloads the programme as DOCX.
 */
let browser: Browser;
let page: Page;
const baseURL = inject('baseURL');

const ROADMAP = [
  'План мероприятий («дорожная карта») перехода школы в эффективный режим работы',
  '',
  '№\tМероприятия\tСроки\tОтветственные\tПланируемый результат',
  '1. Организационные мероприятия',
  '1.1\tСоздание рабочей группы e2e\tДо 01.12.2026\tДиректор\tПриказ',
  '1.2\tСамоанализ (SWOT-анализ)\tдекабрь 2026\tЗаместитель директора по УВР\tСправка',
  '2. Работа с педагогами',
  '2.1\tКурсы повышения квалификации\tпо четвертям\tЗаместитель директора\tСертификаты',
  '2.2\tМетодический семинар\tкогда-нибудь потом\tШМО\tПротокол',
].join('\n');

beforeAll(async () => {
  browser = await launch();
  const ctx = await browser.newContext({
    viewport: { width: 1366, height: 800 },
    locale: 'ru-RU',
    acceptDownloads: true,
  });
  page = await ctx.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('programmes in the browser', () => {
  it('imports a roadmap, marks an activity done with evidence and downloads the DOCX', async () => {
    await page.goto(`${baseURL}/login`);
    await page.getByLabel('Логин').fill('school');
    await page.getByLabel('Пароль').fill('rost-demo-2026');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    await page.getByRole('link', { name: 'Программы' }).first().click();
    await page.getByRole('heading', { name: 'Программы', level: 1 }).waitFor();
    await screenshot(page, 'prog-01-list');
    await page.getByRole('link', { name: 'Импорт дорожной карты' }).click();
    await page.getByRole('heading', { name: 'Импорт дорожной карты' }).waitFor();

    await page.locator('[data-testid=roadmap-file]').setInputFiles({
      name: 'roadmap.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(ROADMAP, 'utf8'),
    });
    await page.locator('.import-table').waitFor();
    await expect.poll(() => page.locator('.import-table tbody tr:not(.roadmap-section)').count()).toBe(4);
    // The unparsed deadline is marked, then corrected in the table; one row is deleted.
    await page.getByText('когда-нибудь потом', { exact: false }).first().waitFor();
    const deadlines = page.getByLabel('Срок (как в документе)');
    await deadlines.nth(3).fill('Март 2027');
    await page.getByRole('button', { name: 'Удалить строку' }).nth(1).click();
    await page.getByText('Будет сохранено мероприятий: 3').waitFor();
    await screenshot(page, 'prog-02-import-preview');
    await page.getByRole('button', { name: 'Сохранить программу' }).click();

    await page.waitForURL(/\/programmes\/\d+/);
    const row = page.locator('tr.row-click', { hasText: 'Создание рабочей группы e2e' });
    await row.waitFor();
    await expect.poll(() => page.locator('tr.row-click').count()).toBe(3);
    expect(await page.locator('tr.row-click', { hasText: 'Самоанализ' }).count()).toBe(0);
    await page.locator('tr.row-click', { hasText: 'Методический семинар' }).getByText('Март 2027').waitFor();
    await screenshot(page, 'prog-03-roadmap');

    await row.click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByText('Создание рабочей группы e2e').first().waitFor();
    await dialog.locator('[data-testid=evidence-file]').setInputFiles({
      name: 'prikaz.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await dialog.getByText('Файл приложен.').waitFor();
    await dialog.locator('.ev-item', { hasText: 'prikaz.pdf' }).waitFor();
    await dialog.getByLabel('Статус').selectOption('done');
    await dialog.getByLabel('Комментарий о выполнении').fill('Приказ о создании рабочей группы подписан');
    await dialog.getByRole('button', { name: 'Сохранить отметку' }).click();
    await dialog.getByText('Отметка сохранена.').waitFor();
    await screenshot(page, 'prog-04-activity-done');
    await dialog.getByRole('button', { name: 'Закрыть' }).first().click();
    await row.getByText('Выполнено').waitFor();

    // A new section «3.» and an activity added straight into it.
    const dialogs = page.locator('dialog[open]');
    await page.getByRole('button', { name: 'Добавить раздел' }).click();
    await dialogs.getByLabel('Входит в раздел').waitFor();
    await dialogs.getByLabel('Номер').fill('3');
    await dialogs.getByLabel('Название раздела').fill('Итоговые мероприятия e2e');
    await dialogs.getByRole('button', { name: 'Сохранить' }).click();
    await dialogs.waitFor({ state: 'detached' });
    const section = page.locator('tr.roadmap-section', { hasText: 'Итоговые мероприятия e2e' });
    await section.getByText('В разделе пока нет мероприятий.').waitFor();
    await section.getByRole('button', { name: /Добавить мероприятие в раздел/ }).click();
    await expect
      .poll(() =>
        dialogs
          .getByLabel('Раздел', { exact: true })
          .evaluate((e) => (e as HTMLSelectElement).selectedOptions[0]?.text),
      )
      .toContain('Итоговые мероприятия e2e');
    await dialogs.locator('textarea').first().fill('Итоговый педсовет e2e');
    await dialogs.getByLabel('Срок', { exact: true }).fill('Май 2027');
    await dialogs.getByRole('button', { name: 'Сохранить' }).click();
    await dialogs.waitFor({ state: 'detached' });
    const added = page.locator('tr.row-click', { hasText: 'Итоговый педсовет e2e' });
    await added.waitFor();
    // The activity is listed under its section.
    expect(
      await page
        .locator('tr.roadmap-section:has-text("Итоговые мероприятия e2e") + tr.row-click')
        .textContent(),
    ).toContain('Итоговый педсовет e2e');
    await section.getByText('В разделе пока нет мероприятий.').waitFor({ state: 'detached' });
    await screenshot(page, 'prog-04b-section-activity');

    await page.getByText('Документы').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Программа с дорожной картой (DOCX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(2000);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await screenshot(page, 'prog-05-downloads');
  });

  it('shows the tasks and the bell on a phone', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'ru-RU',
      isMobile: true,
    });
    await phone.goto(`${baseURL}/login`);
    await phone.getByLabel('Логин').fill('municipality');
    await phone.getByLabel('Пароль').fill('rost-demo-2026');
    await phone.getByRole('button', { name: 'Войти' }).click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/login'));
    await phone.goto(`${baseURL}/tasks`);
    await phone.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor();
    await phone.getByText('Контроль исполнения').waitFor();
    await screenshot(phone, 'prog-06-tasks-phone');
    await phone.locator('.bell-btn').click();
    await phone.locator('.bell-pop').waitFor();
    await screenshot(phone, 'prog-07-bell-phone');
    await phone.close();
  });
});
