/**
 * Screenshots of every screen, for a look as a user would see them.
 *
 *   ROST_URL=http://127.0.0.1:4173 npx tsx web/scripts/screenshots.ts [filter]
 *
 * Needs a running server with the demo region and the built app (e.g. `vite preview`
 * with web/scripts/vite.preview.config.ts). Writes PNGs to /tmp/rost-shots.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
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

/**
 * Files for the import wizard, made from the registry export: a teacher count changed and a
 * new school added (good), and the same with one more row full of mistakes (bad).
 */
async function importFiles(page: Page) {
  const res = await page.request.get(`${BASE}/api/registry/export`);
  if (!res.ok()) throw new Error(`export: HTTP ${res.status()}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Школы')!;
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 1) throw new Error(`no column «${name}»`);
    return i;
  };
  const first = ws.getRow(2);
  const teachers = first.getCell(col('Педагогических работников'));
  teachers.value = Number(teachers.value ?? 0) + 5;
  const code = `0101${String(Date.now()).slice(-5)}`;
  const row = [...(first.values as ExcelJS.CellValue[])];
  row[col('Код ОО')] = code;
  row[col('Код основной ОО (для филиала)')] = null;
  row[col('ИНН')] = null;
  row[col('Полное наименование')] = 'Муниципальное бюджетное общеобразовательное учреждение «Школа № 77»';
  row[col('Краткое наименование')] = 'МБОУ «Школа № 77»';
  row[col('Адрес')] = 'ул. Новая, д. 7';
  ws.addRow(row.slice(1));
  const good = Buffer.from(await wb.xlsx.writeBuffer());
  const bad = [...row];
  bad[col('Код ОО')] = `${code}9`;
  bad[col('Код муниципалитета')] = '9999';
  bad[col('Тип ОО')] = 'школа-сад';
  bad[col('Педагогических работников')] = 'двадцать';
  bad[col('Краткое наименование')] = 'МБОУ «Школа с ошибками»';
  ws.addRow(bad.slice(1));
  const withProblems = Buffer.from(await wb.xlsx.writeBuffer());
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return {
    code,
    good: { name: 'reestr-izmeneniya.xlsx', mimeType: xlsx, buffer: good },
    bad: { name: 'reestr-s-oshibkami.xlsx', mimeType: xlsx, buffer: withProblems },
  };
}

/** The registry import wizard: a wrong type, a file with problems, then a good file committed. */
async function importWizard(browser: Browser, vp: typeof DESKTOP, tag: string) {
  const { ctx, page } = await session(browser, 'region', vp);
  const files = await importFiles(page);
  await page.goto(`${BASE}/registry`);
  await page.getByRole('link', { name: 'Импорт из Excel' }).click();
  await page.getByRole('heading', { name: 'Выберите файл' }).waitFor();
  await shot(page, `12-import-file-${tag}`);
  const input = page.locator('input[type=file]');
  await input.setInputFiles({
    name: 'schools.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF'),
  });
  await page.locator('.alert-error').waitFor();
  await shot(page, `12-import-file-error-${tag}`);

  await input.setInputFiles(files.bad);
  await page.getByRole('heading', { name: 'Сопоставление столбцов' }).waitFor();
  await page
    .getByText('Проблем: 3')
    .or(page.getByText(/Проблем: \d/))
    .first()
    .waitFor();
  await shot(page, `12-import-mapping-${tag}`);
  // Leave out a required column: the wizard warns and the server counts it as a problem.
  await page.getByRole('combobox', { name: 'Столбец G «Краткое наименование»' }).selectOption('');
  await page.getByText(/Не выбраны столбцы для обязательных полей/).waitFor();
  await page.getByText('Проверяем файл с новым сопоставлением…').waitFor({ state: 'hidden' });
  await shot(page, `12-import-mapping-missing-${tag}`, false);
  await page.getByRole('button', { name: 'Определить автоматически' }).click();
  await page.getByText(/Не выбраны столбцы/).waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Далее: проверка' }).click();
  await page.getByRole('heading', { name: /Проблемы/ }).waitFor();
  await shot(page, `12-import-check-problems-${tag}`);
  if (tag === 'desktop') {
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать список (CSV)' }).click(),
    ]);
    const csv = fs.readFileSync((await dl.path())!, 'utf8');
    console.log(
      `problems CSV ${dl.suggestedFilename()}: BOM=${csv.charCodeAt(0) === 0xfeff}, lines=${csv.split('\r\n').length - 2}`,
    );
    const byField = page.getByLabel('Поле', { exact: true });
    const typeOption = await byField.locator('option', { hasText: 'Тип ОО' }).first().getAttribute('value');
    await byField.selectOption(typeOption ?? '');
    await shot(page, `12-import-check-problems-filtered-${tag}`, false);
  }

  await page.getByRole('button', { name: 'Выбрать другой файл' }).first().click();
  await page.locator('input[type=file]').setInputFiles(files.good);
  await page.getByRole('heading', { name: 'Сопоставление столбцов' }).waitFor();
  await page.getByRole('button', { name: 'Далее: проверка' }).click();
  await page.getByText(/Проблем не найдено/).waitFor();
  await shot(page, `12-import-check-ok-${tag}`);
  await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
  await page.locator('dialog[open]').waitFor();
  await shot(page, `12-import-confirm-${tag}`, false);
  await page.locator('dialog[open]').getByRole('button', { name: 'Загрузить' }).click();
  await page.getByText('Реестр обновлён').waitFor();
  await shot(page, `12-import-result-${tag}`);
  await page.goto(`${BASE}/registry?q=${files.code}`);
  await page.getByText('МБОУ «Школа № 77»').waitFor();
  await shot(page, `12-import-registry-after-${tag}`, false);
  await ctx.close();
}

const ROLES = ['region', 'municipality', 'school', 'curator', 'expert', 'teacher', 'observer'] as const;

/** A small tab-separated roadmap in the shape of the samples, for the import screen. */
export const SAMPLE_ROADMAP = [
  'Дорожная карта школы на 2026/2027 учебный год',
  '',
  '№\tМероприятия\tСроки\tОтветственные\tПланируемый результат',
  '1. Организационные мероприятия',
  '1.1\tСоздание рабочей группы\tДо 01.12.2026\tДиректор\tПриказ',
  '1.2\tСамоанализ (SWOT)\tдекабрь 2026\tЗаместитель директора по УВР\tСправка',
  '2. Работа с педагогами',
  '2.1\tКурсы повышения квалификации\tпо четвертям\tЗаместитель директора\tСертификаты',
  '2.2\tМетодический семинар\tкогда-нибудь потом\tШМО\tПротокол',
].join('\n');

/** The programme screens (filter `20`): list, card, roadmap, timeline, activity, tasks, import, bell. */
async function programmes(browser: Browser) {
  for (const [vp, tag] of [
    [DESKTOP, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    const { ctx, page } = await session(browser, 'region', vp);
    await page.goto(`${BASE}/programmes`);
    await page.locator('tbody tr a').first().waitFor();
    await shot(page, `20-programmes-${tag}`, tag === 'phone');
    const first = await page.locator('tbody tr a').nth(1).getAttribute('href');
    await page.goto(`${BASE}${first}`);
    await page.locator('tbody tr.row-click').first().waitFor();
    await shot(page, `21-programme-roadmap-${tag}`);
    await page.goto(`${BASE}${first}?tab=roadmap&view=gantt`);
    await page.locator('.gantt-wrap svg').waitFor();
    await page.waitForTimeout(400);
    await shot(page, `21-programme-gantt-${tag}`);
    await page.goto(`${BASE}${first}?tab=passport`);
    await shot(page, `21-programme-passport-${tag}`);
    await page.goto(`${BASE}${first}?tab=indicators`);
    await shot(page, `21-programme-indicators-${tag}`, false);
    await page.goto(`${BASE}${first}`);
    await page.locator('tbody tr.row-click').first().click();
    await page.locator('dialog[open] .pp-kv').waitFor();
    await shot(page, `22-activity-dialog-${tag}`, false);
    await page.goto(`${BASE}/tasks`);
    await shot(page, `23-tasks-region-${tag}`, tag === 'phone');
    await page.locator('.bell-btn').click();
    await shot(page, `24-bell-${tag}`, false);
    await page.goto(`${BASE}/programmes/import`);
    await page.locator('[data-testid=roadmap-file]').setInputFiles({
      name: 'roadmap.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(SAMPLE_ROADMAP, 'utf8'),
    });
    await page.locator('.import-table').waitFor();
    await shot(page, `25-import-preview-${tag}`);
    await ctx.close();
  }
  {
    const { ctx, page } = await session(browser, 'region');
    await page.goto(`${BASE}/programmes`);
    await page.getByRole('button', { name: 'Новая программа' }).click();
    await shot(page, '20-programme-create', false);
    // Evidence waiting for review: accept / return with a comment.
    await page.goto(`${BASE}/programmes`);
    const second = await page.locator('tbody tr a').nth(1).getAttribute('href');
    await page.goto(`${BASE}${second}`);
    await page.locator('tr.row-click', { hasText: 'подтверждений' }).first().click();
    await page.locator('dialog[open] .ev-item').first().waitFor();
    await page.locator('dialog[open] .ev-item').first().getByRole('button', { name: 'Вернуть' }).click();
    await page
      .locator('dialog[open] .ev-item input')
      .first()
      .fill('Приложите подписанный приказ, а не ссылку');
    await page.locator('dialog[open] .ev-item').first().scrollIntoViewIfNeeded();
    await shot(page, '22-activity-evidence-review', false);
    await page.keyboard.press('Escape');
    await page.goto(`${BASE}${second}?tab=passport`);
    await page.locator('.pp-kv').waitFor();
    await page.getByRole('button', { name: 'Изменить', exact: true }).first().click();
    await page.locator('dialog[open] textarea').first().waitFor();
    await shot(page, '21-programme-passport-edit', false);
    await page.keyboard.press('Escape');
    // Status change with confirmation.
    await page.getByRole('button', { name: 'Завершить программу' }).click();
    await shot(page, '21-programme-status-confirm', false);
    await page.keyboard.press('Escape');
    await page.goto(`${BASE}/programmes?level=school&status=in_progress`);
    await shot(page, '20-programmes-filtered', false);
    await page.goto(`${BASE}/programmes`);
    await page.locator('tbody tr a').nth(1).click();
    await page.getByRole('button', { name: 'Мероприятие', exact: true }).click();
    await shot(page, '22-activity-new', false);
    // Someone else saves the activity while it is open for editing: 409, explained.
    await page.keyboard.press('Escape');
    await page.locator('tbody tr.row-click').first().click();
    await page.waitForURL(/activity=\d+/);
    const activityId = Number(new URL(page.url()).searchParams.get('activity'));
    await page.locator('dialog[open]').getByRole('button', { name: 'Изменить' }).click();
    const me = (await (await page.request.get(`${BASE}/api/auth/me`)).json()) as { csrfToken: string };
    const card = (await (await page.request.get(`${BASE}/api/activities/${activityId}`)).json()) as {
      version: number;
      executors: string | null;
    };
    await page.request.patch(`${BASE}/api/activities/${activityId}`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { version: card.version, executors: `${card.executors ?? ''} `.trim() + ' (уточнено)' },
    });
    await page.locator('dialog[open] textarea').first().fill('Изменённый текст мероприятия');
    await page.locator('dialog[open]').getByRole('button', { name: 'Сохранить' }).click();
    await page.locator('dialog[open] .alert-warn').waitFor();
    await shot(page, '22-activity-conflict', false);
    await ctx.close();
  }
  await roadmapEditing(browser);
  for (const [role, vp, tag] of [
    ['school', DESKTOP, 'desktop'],
    ['school', PHONE, 'phone'],
    ['curator', DESKTOP, 'desktop'],
    ['municipality', DESKTOP, 'desktop'],
  ] as const) {
    const { ctx, page } = await session(browser, role, vp);
    await page.goto(`${BASE}/tasks`);
    await page.locator('h1').waitFor();
    await shot(page, `26-tasks-${role}-${tag}`, tag === 'phone');
    const task = page.locator('.task-group tbody tr a.cell-main').first();
    if (await task.count()) {
      await task.click();
      await page.locator('.pp-kv').waitFor();
      await shot(page, `27-activity-page-${role}-${tag}`);
    }
    await page.goto(`${BASE}/programmes`);
    await page.locator('tbody tr a').first().waitFor();
    await shot(page, `28-programmes-${role}-${tag}`, false);
    await ctx.close();
  }
}

/**
 * Editing a draft programme (filter `29`): sections and an activity in a section, target
 * indicators with validation, target schools, deleting an activity and the draft itself.
 */
async function roadmapEditing(browser: Browser) {
  for (const [vp, tag] of [
    [DESKTOP, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    const { ctx, page } = await session(browser, 'region', vp);
    const me = (await (await page.request.get(`${BASE}/api/auth/me`)).json()) as { csrfToken: string };
    const created = await page.request.post(`${BASE}/api/programmes`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        name: `Черновик для снимков (${tag})`,
        level: 'region',
        orderIssuer: null,
        orderNumber: null,
        orderDate: null,
        developers: null,
        executors: null,
        goals: null,
        tasks: [],
        expectedResults: null,
        periodFrom: '2026-09-01',
        periodTo: '2028-08-31',
        stages: [],
        controllers: null,
      },
    });
    const { id } = (await created.json()) as { id: number };
    await page.goto(`${BASE}/programmes/${id}`);
    const dialog = page.locator('dialog[open]');
    for (const [number, title, parent] of [
      ['1', 'Организационные мероприятия', ''],
      ['1.1', 'Рабочая группа', '1. Организационные мероприятия'],
      ['2', 'Работа с педагогами', ''],
    ] as const) {
      await page.getByRole('button', { name: 'Добавить раздел' }).click();
      if (parent) await dialog.getByLabel('Входит в раздел').selectOption({ label: parent });
      await dialog.getByLabel('Номер').fill(number);
      await dialog.getByLabel('Название раздела').fill(title);
      if (number === '1.1') await shot(page, `29-section-add-${tag}`, false);
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('tr.roadmap-section', { hasText: title }).waitFor();
    }
    await page
      .locator('tr.roadmap-section', { hasText: 'Рабочая группа' })
      .getByRole('button', { name: /Добавить мероприятие в раздел/ })
      .click();
    await dialog.getByLabel('Мероприятие', { exact: false }).first().waitFor();
    await dialog.locator('textarea').first().fill('Приказ о создании рабочей группы');
    await dialog.getByLabel('Срок').fill('До 01.10.2026');
    await shot(page, `29-activity-in-section-${tag}`, false);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await page.locator('tr.row-click', { hasText: 'Приказ о создании рабочей группы' }).waitFor();
    await shot(page, `29-roadmap-sections-${tag}`);
    // A section with an activity cannot be deleted: explained.
    await page
      .locator('tr.roadmap-section', { hasText: 'Рабочая группа' })
      .getByRole('button', { name: /Изменить раздел/ })
      .click();
    await dialog.getByRole('button', { name: 'Удалить' }).click();
    await dialog.locator('.alert').getByRole('button', { name: 'Удалить' }).click();
    await dialog.getByText('Раздел не пуст').waitFor();
    await shot(page, `29-section-not-empty-${tag}`, false);
    await page.keyboard.press('Escape');
    // Activity delete confirmation.
    await page.locator('tr.row-click', { hasText: 'Приказ о создании рабочей группы' }).click();
    await dialog.getByRole('button', { name: 'Изменить', exact: true }).click();
    await dialog.getByRole('button', { name: 'Удалить', exact: true }).click();
    await shot(page, `29-activity-delete-${tag}`, false);
    await page.keyboard.press('Escape');
    // Indicators: a row with mistakes, then the messages.
    await page.goto(`${BASE}/programmes/${id}?tab=indicators`);
    await page.getByRole('button', { name: 'Заполнить' }).click();
    await dialog.getByLabel('Показатель, 1').fill('Доля выпускников, сдавших ЕГЭ');
    await dialog.getByLabel('Ед., 1').fill('%');
    await dialog.getByLabel('Базовое значение, 1').fill('85,5');
    await dialog.getByLabel('Год базы, 1').fill('2025');
    await dialog.getByLabel('2026, 1').fill('90');
    await dialog.getByRole('button', { name: 'Добавить показатель' }).click();
    await dialog.getByLabel('Базовое значение, 2').fill('много');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Исправьте ошибки').waitFor();
    await shot(page, `29-indicators-invalid-${tag}`, false);
    await dialog.getByLabel('Показатель, 2').fill('Число школ с необъективными результатами');
    await dialog.getByLabel('Ед., 2').fill('шт.');
    await dialog.getByLabel('Базовое значение, 2').fill('4');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Число школ с необъективными результатами').waitFor();
    await shot(page, `29-indicators-saved-${tag}`);
    // Target schools.
    await page.goto(`${BASE}/programmes/${id}?tab=passport`);
    await page.locator('.pp-kv').waitFor();
    await page.getByRole('button', { name: 'Изменить', exact: true }).nth(1).click();
    await dialog.locator('.ts-list input[type=checkbox]').nth(0).check();
    await dialog.locator('.ts-list input[type=checkbox]').nth(2).check();
    await shot(page, `29-target-schools-${tag}`, false);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await shot(page, `29-passport-schools-${tag}`);
    // The draft can be deleted.
    await page.getByRole('button', { name: 'Удалить черновик' }).click();
    await shot(page, `29-delete-draft-${tag}`, false);
    await dialog.getByRole('button', { name: 'Удалить', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/programmes');
    await ctx.close();
  }
}

/** A school-level results file: two schools by code, one by a name the registry does not know. */
export function resultsCsv(variant: number): Buffer {
  const lines = [
    'Муниципалитет;Школа;Код ОО;Участников;Не преодолели минимальный порог;«2»;«3»;«4»;«5»;Средний балл',
    'Савинский муниципальный район;МАОУ "Введенская СОШ";0120004;20;1;1;6;8;5;3,85',
    'Захаровский муниципальный район;МАОУ "Верхнехаритоновская СОШ";0108010;15;2;2;5;5;3;3,6',
    `Знаменский муниципальный район;Вязовская школа (корпус ${variant});;12;0;0;4;5;3;3,9`,
  ];
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** `30…`: the results screens — a school's dynamics, the upload wizard, the history. */
async function results(browser: Browser) {
  for (const [vp, tag] of [
    [DESKTOP, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    const { ctx, page } = await session(browser, 'region', vp);
    await page.goto(`${BASE}/schools/1`);
    await page.getByRole('link', { name: 'Результаты оценочных процедур' }).click();
    await page.locator('.res-chart svg').first().waitFor();
    await shot(page, `30-results-school-${tag}`);
    await page.getByRole('tab', { name: 'ВПР' }).click();
    await page.locator('.res-chart svg').first().waitFor();
    await shot(page, `30-results-school-vpr-${tag}`);
    // A school without results (the answer is replaced in the browser).
    await page.route('**/api/results/schools/2?**', (r) =>
      r.fulfill({
        json: {
          school: {
            id: 2,
            code: '0101002',
            shortName: 'Школа без результатов',
            municipalityId: 1,
            municipalityName: '—',
          },
          series: [],
        },
      }),
    );
    await page.goto(`${BASE}/schools/2/results`);
    await page.locator('.state').waitFor();
    await shot(page, `30-results-school-empty-${tag}`, false);
    await page.goto(`${BASE}/results`);
    await shot(page, `31-results-history-${tag}`);
    await page.getByRole('tab', { name: 'Сводка по региону' }).click();
    await page.locator('tfoot').first().waitFor();
    await shot(page, `31-results-summary-${tag}`);
    await ctx.close();
  }
  // The wizard: upload, review the unknown school, commit, see the school's chart; roll back.
  const { ctx, page } = await session(browser, 'region');
  await page.goto(`${BASE}/results`);
  await page.getByRole('link', { name: 'Загрузить результаты' }).click();
  await shot(page, '32-results-import-file');
  await page.locator('input[type=file]').setInputFiles({
    name: `oge-ru-${Date.now() % 1000}.csv`,
    mimeType: 'text/csv',
    buffer: resultsCsv(Date.now() % 100000),
  });
  await page.getByLabel('Процедура').selectOption('OGE');
  await page.getByLabel('Год').fill('2025');
  await page.getByLabel('Предмет').selectOption('ru');
  await page.getByRole('button', { name: 'Загрузить и проверить' }).click();
  await page.locator('.stats').waitFor();
  await shot(page, '32-results-import-check');
  await page.getByRole('button', { name: 'Сопоставить школы' }).first().click();
  await shot(page, '32-results-import-review');
  await page.getByRole('button', { name: /Вязовская/ }).click();
  await page.getByText('Все школы сопоставлены').waitFor();
  await shot(page, '32-results-import-reviewed');
  await page.getByRole('button', { name: 'К проверке' }).click();
  await page.getByRole('button', { name: 'Записать результаты' }).last().click();
  await shot(page, '32-results-import-confirm', false);
  await page.locator('dialog[open]').getByRole('button', { name: 'Записать результаты' }).click();
  await page.getByText('Результаты записаны').waitFor();
  await shot(page, '32-results-import-result');
  await page.getByRole('link', { name: 'История загрузок' }).click();
  await page.getByRole('button', { name: 'Отменить загрузку' }).first().click();
  await shot(page, '33-results-rollback-confirm', false);
  await page.keyboard.press('Escape');
  await ctx.close();
  {
    const { ctx: c2, page: p2 } = await session(browser, 'region', PHONE);
    await p2.goto(`${BASE}/results/import`);
    await shot(p2, '32-results-import-file-phone');
    await c2.close();
  }
}

/**
 * `40…`: «Отбор школ» — the runs, starting a run, the run page (summary, filters, an opened
 * explanation, the scatter chart, the difference and the what-if), the school card section.
 */
async function identification(browser: Browser) {
  for (const [vp, tag] of [
    [DESKTOP, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    const { ctx, page } = await session(browser, 'region', vp);
    await page.goto(`${BASE}/identification`);
    await page.getByRole('heading', { name: 'Отбор школ' }).waitFor();
    await shot(page, `40-ident-runs-${tag}`);
    await page.getByRole('button', { name: 'Запустить отбор' }).click();
    await page.getByLabel('Год').selectOption('2025');
    await shot(page, `40-ident-start-${tag}`, false);
    await page.getByRole('button', { name: 'Запустить', exact: true }).click();
    await page.waitForURL(/\/identification\/runs\/\d+/, { timeout: 120_000 });
    await page.locator('[data-testid=ident-scatter] svg').waitFor({ timeout: 30_000 });
    await shot(page, `41-ident-run-${tag}`);
    await page.getByLabel('Категория').selectOption('both');
    await page.getByRole('button', { name: 'Подробнее' }).first().click();
    await page.locator('.ident-figures').waitFor();
    await shot(page, `41-ident-explained-${tag}`);
    await page.locator('#ident-scatter').scrollIntoViewIfNeeded();
    await shot(page, `42-ident-scatter-${tag}`, false);
    await page.locator('#ident-whatif').getByLabel('Порог доли ниже минимума, %').fill('25');
    await page.getByRole('button', { name: 'Посчитать' }).click();
    await page.locator('#ident-whatif .ident-changes').waitFor({ timeout: 60_000 });
    await page.locator('#ident-whatif').scrollIntoViewIfNeeded();
    await shot(page, `43-ident-whatif-${tag}`, false);
    const link = page.locator('.ident-table tbody a').first();
    await link.click();
    await page.locator('#school-identification').scrollIntoViewIfNeeded();
    await shot(page, `44-ident-school-${tag}`, false);
    await ctx.close();
  }
  // The list workflow: the municipality proposes, the region approves the 2024 list with an
  // order; the 2025 run then shows who entered, stayed and left.
  const start = async (page: Page, year: string) => {
    await page.goto(`${BASE}/identification`);
    await page.getByRole('button', { name: 'Запустить отбор' }).click();
    await page.getByLabel('Год').selectOption(year);
    await page.getByRole('button', { name: 'Запустить', exact: true }).click();
    await page.waitForURL(/\/identification\/runs\/\d+/, { timeout: 120_000 });
    await page.getByRole('heading', { name: `Отбор школ ${year} г.` }).waitFor();
    return page.url();
  };
  const region = await session(browser, 'region');
  const url2024 = await start(region.page, '2024');
  const muni = await session(browser, 'municipality');
  await muni.page.goto(`${BASE}/identification`);
  await shot(muni.page, '45-ident-runs-municipality');
  await muni.page.goto(url2024);
  await muni.page.getByRole('button', { name: 'Предложить' }).click();
  await shot(muni.page, '45-ident-propose-dialog', false);
  await muni.page.getByRole('dialog').getByRole('button', { name: 'Предложить' }).click();
  await muni.page.getByText('Перечень предложен муниципалитетом').waitFor();
  await shot(muni.page, '45-ident-proposed-municipality', false);
  await muni.ctx.close();
  await region.page.goto(url2024);
  await region.page.getByRole('button', { name: 'Утвердить' }).click();
  await region.page.getByLabel('Номер приказа').fill('123-од');
  await shot(region.page, '46-ident-approve-dialog', false);
  await region.page.getByRole('dialog').getByRole('button', { name: 'Утвердить' }).click();
  await region.page.getByText('Перечень утверждён приказом № 123-од').waitFor();
  await shot(region.page, '46-ident-approved', false);
  await start(region.page, '2025');
  await region.page.locator('#ident-diff .ident-changes').waitFor();
  await region.page.locator('#ident-diff').scrollIntoViewIfNeeded();
  await shot(region.page, '47-ident-diff', false);
  await region.ctx.close();
  const observer = await session(browser, 'observer');
  await observer.page.goto(`${BASE}/identification`);
  await shot(observer.page, '48-ident-runs-observer');
  await observer.ctx.close();
}

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
    // `12-import…`: only the import wizard (it needs no other screens).
    if (filter?.startsWith('12')) {
      await importWizard(browser, DESKTOP, 'desktop');
      await importWizard(browser, PHONE, 'phone');
      return;
    }
    // `30…`: only the results screens.
    if (filter?.startsWith('3')) {
      await results(browser);
      return;
    }
    // `40…`: only the identification screens.
    if (filter?.startsWith('4')) {
      await identification(browser);
      return;
    }
    // `20…`: only the programme screens.
    if (filter?.startsWith('2')) {
      await programmes(browser);
      return;
    }
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

    // The registry import wizard
    await importWizard(browser, DESKTOP, 'desktop');
    await importWizard(browser, PHONE, 'phone');

    // Programmes, roadmaps, tasks
    await programmes(browser);

    // Assessment results
    await results(browser);

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
