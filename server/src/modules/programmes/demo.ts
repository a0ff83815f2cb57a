import type { Db } from '../../platform/db/index.js';
import { Random } from '../org/demo/rng.js';
import { deadlineColumns, todayIn } from './service.js';
import type { ActivityStatus, ProductType } from './schema.js';
import './schema.js';

/**
 * Demo programmes for the demo region: the regional programme, one programme per municipality and
 * about `schools` school programmes with plausible roadmaps (deadlines written as people write them,
 * statuses relative to today: some done with evidence links, some overdue, recurring ones by period).
 * Runs inside the seeding transaction; deterministic for a seed except for «today».
 */
export interface DemoProgrammesOptions {
  seed?: number;
  schools?: number;
  today?: string;
}

interface Template {
  section: string;
  text: string;
  /** A deadline pattern: {Y} the autumn year, {Y1} the spring year. */
  deadline: string;
  executors: string;
  result: string;
  product: ProductType | null;
  productText: string | null;
}

const SCHOOL_ROADMAP: Template[] = [
  {
    section: '1. Управленческие меры',
    text: 'Утверждение программы перехода школы в эффективный режим работы',
    deadline: 'До 15.09.{Y}',
    executors: 'Директор',
    result: 'Программа утверждена приказом',
    product: 'order',
    productText: 'Приказ',
  },
  {
    section: '1. Управленческие меры',
    text: 'Создание рабочей группы по реализации программы',
    deadline: 'Сентябрь {Y}',
    executors: 'Директор',
    result: 'Рабочая группа создана',
    product: 'order',
    productText: 'Приказ о создании рабочей группы',
  },
  {
    section: '1. Управленческие меры',
    text: 'Заседания рабочей группы по реализации программы',
    deadline: 'ежеквартально',
    executors: 'Руководитель рабочей группы',
    result: 'Анализ выполнения дорожной карты',
    product: 'minutes',
    productText: 'Протокол заседания',
  },
  {
    section: '1. Управленческие меры',
    text: 'Самоанализ деятельности школы (SWOT-анализ), выявление факторов риска',
    deadline: 'До 01.10.{Y}',
    executors: 'Заместитель директора по УВР',
    result: 'Определены факторы риска низких результатов',
    product: 'reference',
    productText: 'Аналитическая справка',
  },
  {
    section: '2. Повышение качества преподавания',
    text: 'Анализ результатов ВПР по русскому языку и математике',
    deadline: 'Октябрь {Y}',
    executors: 'Руководители ШМО',
    result: 'Выявлены предметные дефициты обучающихся',
    product: 'reference',
    productText: 'Справка',
  },
  {
    section: '2. Повышение качества преподавания',
    text: 'Диагностика профессиональных дефицитов учителей',
    deadline: 'до 20 .11.{Y}г',
    executors: 'Заместитель директора по УВР',
    result: 'Составлены индивидуальные планы профессионального развития',
    product: 'plan',
    productText: 'ИППР педагогов',
  },
  {
    section: '2. Повышение качества преподавания',
    text: 'Курсы повышения квалификации учителей русского языка и математики',
    deadline: 'в течение учебного года',
    executors: 'Заместитель директора по УВР',
    result: 'Не менее 80 % учителей прошли курсы',
    product: 'certificate',
    productText: 'Удостоверения о повышении квалификации',
  },
  {
    section: '2. Повышение качества преподавания',
    text: 'Взаимопосещение уроков учителями-предметниками',
    deadline: 'ежемесячно',
    executors: 'Руководители ШМО',
    result: 'Обмен опытом, коррекция методик',
    product: 'reference',
    productText: 'Справка по итогам посещения',
  },
  {
    section: '2. Повышение качества преподавания',
    text: 'Наставничество для молодых учителей (стаж до 3 лет)',
    deadline: 'Сентябрь {Y} - май {Y1}',
    executors: 'Наставники',
    result: 'Закреплены пары «наставник – молодой учитель»',
    product: 'order',
    productText: 'Приказ о наставничестве',
  },
  {
    section: '3. Работа с обучающимися',
    text: 'Формирование учебной «группы риска», разработка ИОМ',
    deadline: 'До 01.11.{Y}',
    executors: 'Классные руководители, учителя-предметники',
    result: 'Разработаны индивидуальные образовательные маршруты',
    product: 'plan',
    productText: 'ИОМ обучающихся',
  },
  {
    section: '3. Работа с обучающимися',
    text: 'Дополнительные занятия по русскому языку и математике для обучающихся группы риска',
    deadline: 'по четвертям',
    executors: 'Учителя-предметники',
    result: 'Снижение доли неуспевающих',
    product: 'plan',
    productText: 'График занятий',
  },
  {
    section: '3. Работа с обучающимися',
    text: 'Пробные экзамены в формате ОГЭ',
    deadline: 'Декабрь {Y}, март {Y1}',
    executors: 'Заместитель директора по УВР',
    result: 'Выявлены темы для повторения',
    product: 'reference',
    productText: 'Аналитическая справка',
  },
  {
    section: '3. Работа с обучающимися',
    text: 'Психолого-педагогическое сопровождение обучающихся с трудностями в обучении',
    deadline: 'постоянно',
    executors: 'Педагог-психолог',
    result: 'Оказана психолого-педагогическая помощь',
    product: 'reference',
    productText: 'Отчёт психолога',
  },
  {
    section: '4. Сетевое взаимодействие и партнёрство',
    text: 'Заключение договора о сетевом взаимодействии со школой с высокими результатами',
    deadline: 'Октябрь {Y}',
    executors: 'Директор',
    result: 'Договор заключён',
    product: 'contract',
    productText: 'Договор о сетевом взаимодействии',
  },
  {
    section: '4. Сетевое взаимодействие и партнёрство',
    text: 'Участие в методических семинарах муниципального центра',
    deadline: 'по отдельному плану',
    executors: 'Учителя',
    result: 'Распространение лучших практик',
    product: 'certificate',
    productText: 'Сертификаты участников',
  },
  {
    section: '4. Сетевое взаимодействие и партнёрство',
    text: 'Работа с родителями: родительские собрания по вопросам подготовки к ГИА',
    deadline: 'Ноябрь {Y}, февраль {Y1}',
    executors: 'Классные руководители',
    result: 'Родители информированы',
    product: 'minutes',
    productText: 'Протоколы собраний',
  },
  {
    section: '5. Мониторинг и открытость',
    text: 'Размещение информации о реализации программы на сайте школы',
    deadline: 'ежеквартально',
    executors: 'Ответственный за сайт',
    result: 'Информация размещена',
    product: 'screenshot',
    productText: 'Скриншот страницы сайта',
  },
  {
    section: '5. Мониторинг и открытость',
    text: 'Промежуточный мониторинг реализации программы',
    deadline: 'Январь {Y1}',
    executors: 'Рабочая группа',
    result: 'Проведена корректировка дорожной карты',
    product: 'reference',
    productText: 'Справка',
  },
  {
    section: '5. Мониторинг и открытость',
    text: 'Итоговый анализ реализации программы за учебный год',
    deadline: 'До 30.06.{Y1}',
    executors: 'Директор',
    result: 'Отчёт на педагогическом совете',
    product: 'minutes',
    productText: 'Протокол педсовета',
  },
];

const MUNICIPAL_ROADMAP: Template[] = [
  {
    section: '1. Организационные мероприятия',
    text: 'Утверждение муниципальной дорожной карты по работе со школами с низкими результатами',
    deadline: 'До 01.09.{Y}',
    executors: 'Управление образования',
    result: 'Дорожная карта утверждена',
    product: 'order',
    productText: 'Приказ',
  },
  {
    section: '1. Организационные мероприятия',
    text: 'Закрепление кураторов за школами с низкими результатами',
    deadline: 'Сентябрь {Y}',
    executors: 'Управление образования',
    result: 'Кураторы назначены',
    product: 'order',
    productText: 'Приказ',
  },
  {
    section: '1. Организационные мероприятия',
    text: 'Заседания муниципальной рабочей группы',
    deadline: 'Ежеквартально',
    executors: 'Управление образования',
    result: 'Анализ хода реализации программ школ',
    product: 'minutes',
    productText: 'Протокол',
  },
  {
    section: '2. Методическое сопровождение',
    text: 'Семинар для руководителей ОО «Управление качеством образования»',
    deadline: 'Ноябрь {Y}',
    executors: 'Методический центр',
    result: 'Распространение лучших управленческих практик',
    product: 'certificate',
    productText: 'Сертификаты',
  },
  {
    section: '2. Методическое сопровождение',
    text: 'Адресные методические рекомендации по результатам ВПР',
    deadline: 'До 01.12.{Y}',
    executors: 'Методический центр',
    result: 'Рекомендации направлены в школы',
    product: 'reference',
    productText: 'Методические рекомендации',
  },
  {
    section: '3. Мониторинг',
    text: 'Мониторинг реализации программ школ',
    deadline: 'Январь {Y1}, май {Y1}',
    executors: 'Управление образования',
    result: 'Сформирован сводный отчёт',
    product: 'reference',
    productText: 'Аналитическая справка',
  },
];

const REGIONAL_ROADMAP: Template[] = [
  {
    section: '1. Нормативное обеспечение',
    text: 'Утверждение перечня школ с низкими образовательными результатами',
    deadline: 'До 01.10.{Y}',
    executors: 'Министерство образования',
    result: 'Перечень утверждён',
    product: 'order',
    productText: 'Приказ министерства',
  },
  {
    section: '2. Повышение квалификации',
    text: 'Курсы для управленческих команд школ с низкими результатами',
    deadline: 'Октябрь - декабрь {Y}',
    executors: 'Институт развития образования',
    result: 'Обучены управленческие команды',
    product: 'certificate',
    productText: 'Удостоверения',
  },
  {
    section: '3. Мониторинг',
    text: 'Региональный мониторинг реализации муниципальных программ',
    deadline: 'ежегодно',
    executors: 'Центр оценки качества образования',
    result: 'Аналитический отчёт',
    product: 'reference',
    productText: 'Аналитический отчёт',
  },
];

export async function seedProgrammesDemo(tx: Db, opts: DemoProgrammesOptions = {}) {
  const rnd = new Random((opts.seed ?? 42) ^ 0x5eed);
  const today = opts.today ?? todayIn(new Date(), process.env.ROST_TIMEZONE ?? 'Europe/Moscow');
  const y = Number(today.slice(0, 4));
  const sy = Number(today.slice(5, 7)) >= 9 ? y : y - 1;
  const period = { from: `${sy}-09-01`, to: `${sy + 1}-08-31` };
  const fill = (s: string) => s.replace(/\{Y1\}/g, String(sy + 1)).replace(/\{Y\}/g, String(sy));

  const municipalities = await tx.selectFrom('municipality').select(['id', 'name']).orderBy('id').execute();
  const schools = await tx
    .selectFrom('school')
    .select(['id', 'municipality_id', 'short_name'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .execute();
  const team = await tx
    .selectFrom('app_user')
    .select(['id', 'school_id'])
    .where('role', '=', 'school_team')
    .execute();

  let activities = 0;
  async function programme(
    level: 'region' | 'municipality' | 'school',
    name: string,
    owner: { municipalityId: number | null; schoolId: number | null; parentId: number | null },
    templates: Template[],
    executorIds: number[],
  ) {
    const status = level === 'school' && rnd.chance(0.1) ? 'approved' : 'in_progress';
    const g = await tx
      .insertInto('programme')
      .values({
        level,
        name,
        municipality_id: owner.municipalityId,
        school_id: owner.schoolId,
        parent_id: owner.parentId,
        status,
        order_issuer:
          level === 'school'
            ? 'директора'
            : level === 'municipality'
              ? 'управления образования'
              : 'министерства образования',
        order_number: `${rnd.int(10, 250)}-од`,
        order_date: `${sy}-08-${String(rnd.int(20, 31)).padStart(2, '0')}`,
        goals: 'Повышение качества образования и переход школ в эффективный режим работы',
        tasks: JSON.stringify([
          'Выявить и устранить факторы риска',
          'Повысить профессиональную компетентность педагогов',
          'Обеспечить индивидуальную поддержку обучающихся',
        ]),
        stages: JSON.stringify([
          `Подготовительный: сентябрь ${sy}`,
          `Основной: октябрь ${sy} – апрель ${sy + 1}`,
          `Итоговый: май – июнь ${sy + 1}`,
        ]),
        period_from: period.from,
        period_to: period.to,
        controllers: level === 'school' ? 'Управление образования, куратор' : 'Министерство образования',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sectionIds = new Map<string, number>();
    let order = 0;
    for (const t of templates) {
      if (sectionIds.has(t.section)) continue;
      const [number, ...title] = t.section.split(' ');
      const s = await tx
        .insertInto('roadmap_section')
        .values({
          programme_id: g.id,
          number: number!.replace('.', ''),
          title: title.join(' '),
          tasks: '[]',
          sort_order: (order += 10),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      sectionIds.set(t.section, s.id);
    }
    // a school keeps most of its roadmap; each one skips a few activities
    const chosen = level === 'school' ? templates.filter(() => rnd.chance(0.85)) : templates;
    const diligence = rnd.uniform(0.35, 0.95);
    const prepared = chosen.map((t, k) => {
      const text = fill(t.deadline);
      const d = deadlineColumns(text, period, today);
      const past = d.columns.due_to !== null && d.columns.due_to < today;
      const number = `${t.section.split('.')[0]}.${chosen.slice(0, k + 1).filter((x) => x.section === t.section).length}`;
      let status: ActivityStatus = 'planned';
      let completedAt: Date | null = null;
      if (!d.columns.recurring) {
        if (past && rnd.chance(diligence)) {
          status = 'done';
          completedAt = new Date(`${rnd.chance(0.8) ? d.columns.due_to : today}T10:00:00Z`);
        } else if (past) status = 'overdue';
        else if (rnd.chance(0.2)) status = 'in_progress';
      }
      return { t, d, number, status, completedAt };
    });
    const rows = await tx
      .insertInto('activity')
      .values(
        prepared.map((x, k) => ({
          programme_id: g.id,
          section_id: sectionIds.get(x.t.section)!,
          number: x.number,
          sort_order: (k + 1) * 10,
          text: x.t.text,
          level:
            level === 'region'
              ? ('regional' as const)
              : level === 'municipality'
                ? ('municipal' as const)
                : ('school' as const),
          task: null,
          ...x.d.columns,
          executors: x.t.executors,
          planned_result: x.t.result,
          product_text: x.t.productText,
          product_type: x.t.product,
          completion_mark: null,
          status: x.status,
          completion_note: x.status === 'done' ? 'Выполнено в полном объёме' : null,
          completed_at: x.completedAt,
          updated_by: null,
        })),
      )
      .returning('id')
      .execute();
    activities += rows.length;
    const occ: Array<{
      activity_id: number;
      idx: number;
      label: string;
      due_from: string;
      due_to: string;
      status: ActivityStatus;
      completed_at: Date | null;
    }> = [];
    const evidence: Array<{
      activity_id: number;
      occurrence_id: null;
      kind: 'link';
      url: string;
      title: string;
      review_status: 'pending' | 'accepted';
      created_by: null;
    }> = [];
    prepared.forEach((x, k) => {
      const id = rows[k]!.id;
      for (const o of x.d.occurrences) {
        const done = o.to < today && rnd.chance(diligence);
        occ.push({
          activity_id: id,
          idx: o.index,
          label: o.label,
          due_from: o.from,
          due_to: o.to,
          status: done ? 'done' : o.to < today ? 'overdue' : 'planned',
          completed_at: done ? new Date(`${o.to}T09:00:00Z`) : null,
        });
      }
      if (x.status === 'done' && rnd.chance(0.7))
        evidence.push({
          activity_id: id,
          occurrence_id: null,
          kind: 'link',
          url: `https://school${owner.schoolId ?? g.id}.edu.example.ru/programma/${x.number}`,
          title: x.t.productText ?? 'Подтверждение',
          review_status: rnd.chance(0.6) ? 'accepted' : 'pending',
          created_by: null,
        });
    });
    for (let i = 0; i < occ.length; i += 500)
      await tx
        .insertInto('activity_occurrence')
        .values(occ.slice(i, i + 500))
        .execute();
    if (evidence.length) await tx.insertInto('evidence').values(evidence).execute();
    if (executorIds.length)
      await tx
        .insertInto('activity_executor')
        .values(
          rows.slice(0, 3).flatMap((r) => executorIds.map((user_id) => ({ activity_id: r.id, user_id }))),
        )
        .execute();
    return g.id;
  }

  const region = await programme(
    'region',
    `Региональная программа поддержки школ с низкими образовательными результатами на ${sy}/${sy + 1} учебный год`,
    { municipalityId: null, schoolId: null, parentId: null },
    REGIONAL_ROADMAP,
    [],
  );
  const muniProgramme = new Map<number, number>();
  for (const m of municipalities)
    muniProgramme.set(
      m.id,
      await programme(
        'municipality',
        `Муниципальная программа поддержки школ с низкими результатами обучения (${m.name}) на ${sy}/${sy + 1} учебный год`,
        { municipalityId: m.id, schoolId: null, parentId: region },
        MUNICIPAL_ROADMAP,
        [],
      ),
    );
  // the school of the demo «school» user first, then schools spread over the municipalities
  const wanted = opts.schools ?? 50;
  const teamSchools = new Set(team.map((t) => t.school_id));
  const picked = [
    ...schools.filter((s) => teamSchools.has(s.id)),
    ...schools.filter(
      (s, i) => !teamSchools.has(s.id) && i % Math.max(1, Math.floor(schools.length / wanted)) === 0,
    ),
  ].slice(0, wanted);
  for (const s of picked) {
    const executors = team.filter((t) => t.school_id === s.id).map((t) => t.id);
    await programme(
      'school',
      `Программа перехода ${s.short_name} в эффективный режим работы на ${sy}/${sy + 1} учебный год`,
      {
        municipalityId: s.municipality_id,
        schoolId: s.id,
        parentId: muniProgramme.get(s.municipality_id) ?? null,
      },
      SCHOOL_ROADMAP,
      executors,
    );
  }
  return { programmes: 1 + municipalities.length + picked.length, activities };
}
