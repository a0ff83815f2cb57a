import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { readDocument, RoadmapReadError, textToGrid } from './grid.js';
import { classifyProduct, parseOrder, parsePeriod, parseRoadmap, splitList } from './roadmap.js';
import { countItems, daysOverdue, effectiveStatus, progressOf } from './progress.js';

const OPTS = { today: '2024-01-15' };
const T = '\t';

/** One cell per line (Word's export of a table): a cell over several lines, blank lines inside a cell. */
const DISTRICT = [
  'План мероприятий («дорожная карта») поддержки общеобразовательных организаций Северного района, показывающих низкие результаты, на 2019-2024 годы',
  'I.  Цель и задачи',
  'Цель: повышение качества образования в школах с низкими результатами.',
  'Задачи: ',
  '- принятие управленческих решений;',
  '- повышение квалификации педагогов.',
  'II.  Планируемые результаты',
  `${T}№`,
  `${T}Наименование показателя`,
  `${T}Индикатор`,
  '',
  `${T}1.`,
  `${T}Доля школ, реализовавших программу развития`,
  `${T}40%`,
  '',
  'IV.  План основных мероприятий на 2019-2024 годы',
  `${T}№`,
  `${T}Мероприятия`,
  `${T}Сроки`,
  `${T}Ответственные`,
  '',
  `${T}`,
  `${T}1. Организационно – управленческие мероприятия`,
  '',
  `${T}1`,
  `${T}Разработка дорожной карты`,
  `${T}Январь 2019г.`,
  '',
  '',
  '2019-2024г.',
  `${T}Управление образования`,
  '',
  `${T}2.`,
  `${T}Проведение ежегодных мониторинговых исследований, направленных на:`,
  '- выявление результативности школ;',
  `${T}ежегодно`,
  `${T}Управление образования, ИМЦ`,
  '',
  `${T}2. Материально-техническое обеспечение`,
  `${T}`,
  `${T}`,
  '',
  `${T}`,
  '3.',
  `${T}Обновление материально-технической базы`,
  `${T}до 20 .11.2020г`,
  `${T}ОО`,
  '',
  `${T}4.`,
  `${T}Распространение лучших практик`,
  `${T}когда-нибудь потом`,
  `${T}ИМЦ`,
  '',
].join('\n');

/** One row per line, continuation rows, «Задачи:» lists, level headings. */
const MUNICIPAL = [
  'Приложение',
  'к приказу отдела образования',
  'от 24.05.2023 № 177 - од _____',
  '',
  '**Муниципальная программа',
  'поддержки школ с низкими результатами обучения',
  'на 2023 – 2024 годы**',
  '',
  'Цель: формирование эффективных управленческих механизмов.',
  '',
  `№ п/п${T}Мероприятия${T}Ответственные исполнители${T}Сроки${T}Прогнозируемый результат${T}Продукт`,
  `Муниципальный уровень${T}${T}${T}${T}${T}`,
  `1. Организационные мероприятия${T}${T}${T}${T}${T}`,
  `Задачи:${T}${T}${T}${T}${T}`,
  `1. Координация управленческих подходов.${T}${T}${T}${T}${T}`,
  `2. Внесение корректировок в «дорожную карту».${T}${T}${T}${T}${T}`,
  `1.1${T}Первичная диагностика образовательных дефицитов${T}ОО${T}Сентябрь 2023${T}Выявлены обучающиеся учебной «группы${T}Справка`,
  '',
  `${T}${T}${T}${T}риска»)${T}`,
  `1.2${T}Установочный семинар${T}ООА${T}22.09.2023${T}Определены задачи${T}Протокол`,
  '',
  '2. Методическое сопровождение',
  '',
  'Уровень общеобразовательной организации',
  `2.1${T}Заседания рабочей группы${T}ООА ОО${T}Ежеквартально${T}Анализ выполнения${T}Протокол заседания`,
  `2.2${T}Методические рекомендации для администраций школ${T}${T}${T}Разработаны адресные${T}`,
  '',
  `${T}НОР по результатам ГИА – 2023.${T}${T}До 01.11.2023${T}рекомендации руководителям${T}Приказ`,
].join('\n');

describe('roadmap parsing: tab-separated text', () => {
  it('reads the one-cell-per-line shape: indicators, sections, cells over several lines', () => {
    const r = parseRoadmap(textToGrid(DISTRICT), OPTS);
    expect(r.passport.name).toMatch(/^План мероприятий/);
    expect(r.passport.periodFrom).toBe('2019-01-01');
    expect(r.passport.periodTo).toBe('2024-12-31');
    expect(r.passport.goals).toMatch(/повышение качества/);
    expect(r.passport.tasks).toEqual(['принятие управленческих решений', 'повышение квалификации педагогов']);
    expect(r.indicators).toEqual([
      expect.objectContaining({ number: '1', unit: '%', targets: [{ year: 2024, value: 40 }] }),
    ]);
    expect(r.sections.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Организационно – управленческие мероприятия'],
      ['2', 'Материально-техническое обеспечение'],
    ]);
    expect(r.activities.map((a) => a.number)).toEqual(['1', '2', '3', '4']);
    const [first, second, third, fourth] = r.activities;
    expect(first!.deadlineText).toContain('2019-2024г.'); // a blank line inside the cell
    expect(first!.deadline.needsReview).toBe(true);
    expect(second!.text).toContain('выявление результативности школ'); // continuation line
    expect(second!.deadline.kind).toBe('recurring');
    expect(third!.number).toBe('3'); // the number on the line after an empty cell
    expect(third!.sectionKey).toBe(r.sections[1]!.key);
    expect(third!.deadline).toMatchObject({ kind: 'date', to: '2020-11-20' });
    expect(fourth!.deadline.kind).toBe('unknown');
    expect(fourth!.deadlineText).toBe('когда-нибудь потом'); // kept as written
    const keys = r.problems.map((p) => p.key);
    expect(keys).toContain('programmes.parse.deadlineUnknown');
    expect(keys).toContain('programmes.parse.deadlineReview');
  });

  it('reads the one-row-per-line shape: order, level headings, tasks, continuation rows, product', () => {
    const r = parseRoadmap(textToGrid(MUNICIPAL), OPTS);
    expect(r.passport).toMatchObject({
      name: 'Муниципальная программа поддержки школ с низкими результатами обучения на 2023 – 2024 годы',
      orderIssuer: 'отдела образования',
      orderNumber: '177-од',
      orderDate: '2023-05-24',
      periodFrom: '2023-01-01',
      periodTo: '2024-12-31',
    });
    expect(r.columns).toMatchObject({
      number: '№ п/п',
      result: 'Прогнозируемый результат',
      product: 'Продукт',
    });
    const s1 = r.sections[0]!;
    expect(s1).toMatchObject({ number: '1', title: 'Организационные мероприятия' });
    expect(s1.tasks).toEqual([
      'Координация управленческих подходов',
      'Внесение корректировок в «дорожную карту»',
    ]);
    const [a11, a12, a21, a22] = r.activities;
    expect(a11).toMatchObject({ number: '1.1', level: 'municipal', productType: 'reference' });
    expect(a11!.plannedResult).toBe('Выявлены обучающиеся учебной «группы риска»)');
    expect(a11!.deadline).toMatchObject({ kind: 'period', from: '2023-09-01', to: '2023-09-30' });
    expect(a12).toMatchObject({ productType: 'minutes', deadlineText: '22.09.2023' });
    expect(a21).toMatchObject({ level: 'school', sectionKey: r.sections[1]!.key });
    expect(a21!.deadline.recurrence).toBe('quarterly');
    expect(a22!.text).toBe('Методические рекомендации для администраций школ НОР по результатам ГИА – 2023.');
    expect(a22!.deadlineText).toBe('До 01.11.2023');
    expect(a22!.productType).toBe('order');
  });

  it('refuses a document without a table of activities, in Russian', () => {
    expect(() => parseRoadmap(textToGrid('Просто текст\nбез таблицы'), OPTS)).toThrowError(
      /таблица мероприятий/,
    );
  });

  it('passport helpers', () => {
    expect(parseOrder('Приложение к приказу управления образования от «15» марта 2023 г. № 45-о')).toEqual({
      issuer: 'управления образования',
      date: '2023-03-15',
      number: '45-о',
    });
    expect(parsePeriod('на 2023/2024 учебный год')).toEqual({ from: '2023-09-01', to: '2024-08-31' });
    expect(parsePeriod('Программа на 2024 год')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(splitList('1. Первая; 2. Вторая; 3. Третья')).toEqual(['Первая', 'Вторая', 'Третья']);
    expect(classifyProduct('Приказ ОО')).toBe('order');
    expect(classifyProduct('Скриншот страницы сайта')).toBe('screenshot');
    expect(classifyProduct('Договор о сетевом взаимодействии')).toBe('contract');
    expect(classifyProduct('Фотографии с мероприятия')).toBe('other');
  });

  it('never throws anything but a RoadmapReadError and keeps every deadline as written', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 }), fc.string({ maxLength: 20 })),
          {
            maxLength: 15,
          },
        ),
        (rows) => {
          const text = [
            `№${T}Мероприятия${T}Сроки${T}Ответственные`,
            ...rows.map((r) => `${r[0]}${T}x ${r[1]}${T}${r[2]}${T}ОО`),
          ].join('\n');
          try {
            const res = parseRoadmap(textToGrid(text), OPTS);
            for (const a of res.activities) expect(a.deadline.original).toBe(a.deadlineText);
          } catch (e) {
            expect(e).toBeInstanceOf(RoadmapReadError);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('roadmap parsing: DOCX and XLSX', () => {
  const c = (t: string) => new TableCell({ children: t.split('\n').map((l) => new Paragraph(l)) });
  async function docx(): Promise<Buffer> {
    const rows = [
      [
        '№ п/п',
        'Содержание мероприятия',
        'Срок исполнения',
        'Исполнители',
        'Планируемый результат',
        'Отметка о выполнении',
      ],
      ['1.1', 'Педагогический совет\nпо итогам ВПР', 'Октябрь 2023', 'Директор', 'Протокол', 'выполнено'],
      ['1.2', 'Курсы повышения квалификации', 'по четвертям', 'Зам. директора', 'Сертификаты', ''],
    ];
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              children: [new TextRun('Приложение к приказу МБОУ СОШ № 3 от 01.09.2023 № 112')],
            }),
            new Paragraph('Программа перехода школы в эффективный режим работы на 2023/2024 учебный год'),
            new Table({
              rows: [
                new TableRow({ children: [c('Разработчики программы'), c('Администрация школы')] }),
                new TableRow({
                  children: [c('Задачи'), c('1. Повысить качество;\n2. Снизить долю неуспевающих')],
                }),
              ],
            }),
            new Paragraph('План мероприятий'),
            new Table({
              rows: [
                ...rows.slice(0, 1).map((r) => new TableRow({ children: r.map(c) })),
                new TableRow({
                  children: [
                    new TableCell({ columnSpan: 6, children: [new Paragraph('1. Управленческие меры')] }),
                  ],
                }),
                ...rows.slice(1).map((r) => new TableRow({ children: r.map(c) })),
              ],
            }),
          ],
        },
      ],
    });
    return Packer.toBuffer(doc);
  }

  it('reads a DOCX: passport table, merged section row, multi-paragraph cell', async () => {
    const r = parseRoadmap(await readDocument('программа.docx', await docx()), OPTS);
    expect(r.format).toBe('docx');
    expect(r.passport).toMatchObject({
      orderNumber: '112',
      orderDate: '2023-09-01',
      developers: 'Администрация школы',
      periodFrom: '2023-09-01',
      periodTo: '2024-08-31',
      tasks: ['Повысить качество', 'Снизить долю неуспевающих'],
    });
    expect(r.sections.map((s) => s.title)).toEqual(['Управленческие меры']);
    expect(r.activities).toHaveLength(2);
    expect(r.activities[0]).toMatchObject({
      number: '1.1',
      text: 'Педагогический совет по итогам ВПР',
      completionMark: 'выполнено',
      productType: 'minutes',
    });
    expect(r.activities[1]!.deadline.recurrence).toBe('per_term');
  });

  it('reads an XLSX with a title row and a vertically merged deadline', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Дорожная карта');
    ws.addRow(['Дорожная карта муниципальной программы на 2024 год']);
    ws.addRow(['№', 'Мероприятия', 'Сроки', 'Ответственные', 'Продукт/Результат']);
    ws.addRow(['1. Мониторинг']);
    ws.addRow(['1.1', 'Анализ результатов ВПР', 'март - июнь', 'ИМЦ', 'Аналитическая справка']);
    ws.addRow(['1.2', 'Анализ результатов ОГЭ', null, 'ИМЦ', 'Справка']);
    ws.mergeCells('C4:C5');
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = parseRoadmap(await readDocument('карта.xlsx', buf), OPTS);
    expect(r.format).toBe('xlsx');
    expect(r.passport.periodFrom).toBe('2024-01-01');
    expect(r.activities.map((a) => [a.number, a.deadlineText, a.productType])).toEqual([
      ['1.1', 'март - июнь', 'reference'],
      ['1.2', 'март - июнь', 'reference'],
    ]);
    expect(r.activities[0]!.deadline).toMatchObject({ kind: 'period', from: '2024-03-01', to: '2024-06-30' });
  });

  it('refuses other formats with a Russian message', async () => {
    await expect(readDocument('скан.pdf', Buffer.from('%PDF-1.4 ...'))).rejects.toThrowError(/DOCX, XLSX/);
    await expect(
      readDocument('старый.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])),
    ).rejects.toThrowError(/старом формате/);
    await expect(readDocument('пусто.txt', Buffer.alloc(0))).rejects.toThrowError(/пуст/);
    await expect(readDocument('битый.docx', Buffer.from('PK\u0003\u0004garbage'))).rejects.toThrowError(
      /Word/,
    );
  });
});

describe('progress arithmetic', () => {
  const today = '2024-03-01';
  it('counts done on time, overdue and due soon', () => {
    const c = countItems(
      [
        { status: 'done', dueTo: '2024-02-01', completedOn: '2024-01-30' },
        { status: 'done', dueTo: '2024-02-01', completedOn: '2024-02-05' },
        { status: 'planned', dueTo: '2024-02-20', completedOn: null },
        { status: 'overdue', dueTo: '2024-02-25', completedOn: null },
        { status: 'in_progress', dueTo: '2024-03-05', completedOn: null },
        { status: 'planned', dueTo: null, completedOn: null },
        { status: 'cancelled', dueTo: '2024-01-01', completedOn: null },
      ],
      today,
    );
    expect(c).toEqual({
      total: 6,
      done: 2,
      doneOnTime: 1,
      overdue: 2,
      cancelled: 1,
      dueByNow: 4,
      dueSoon: 1,
    });
    expect(progressOf(c)).toMatchObject({ shareDone: 0.3333, shareDoneOnTime: 0.25, shareOverdue: 0.5 });
    expect(progressOf(countItems([], today)).shareDone).toBeNull();
    expect(daysOverdue({ status: 'planned', dueTo: '2024-02-20' }, today)).toBe(10);
    expect(effectiveStatus({ status: 'overdue', dueTo: '2024-04-01' }, today)).toBe('planned');
    expect(effectiveStatus({ status: 'in_progress', dueTo: '2024-02-01' }, today)).toBe('overdue');
  });
});
