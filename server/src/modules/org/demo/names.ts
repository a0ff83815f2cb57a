/**
 * Fictional but plausible Russian place names for the demo region, built from roots and suffixes
 * so that the forms stay grammatical (Ивановка / Иваново / Ивановское → «Ивановская СОШ»).
 */
import { capitalize, genitiveOfPlace, settlementAdjective, settlementAdjectiveMasculine } from './grammar.js';
import type { Random } from './rng.js';

/** Possessive stems in -ов/-ев/-ёв/-ин: Иванов-ка, Иванов-о, Иванов-ское, Иванов-ский, Иванов-ск. */
export const POSSESSIVE_ROOTS: readonly string[] = [
  'Иванов',
  'Петров',
  'Михайлов',
  'Алексеев',
  'Васильев',
  'Григорьев',
  'Андреев',
  'Семёнов',
  'Фёдоров',
  'Никитин',
  'Ильин',
  'Марьин',
  'Павлов',
  'Борисов',
  'Сергеев',
  'Степанов',
  'Тимофеев',
  'Захаров',
  'Макаров',
  'Антонов',
  'Дмитриев',
  'Кузьмин',
  'Фомин',
  'Лукин',
  'Савин',
  'Гаврилов',
  'Тихонов',
  'Прохоров',
  'Филиппов',
  'Яковлев',
  'Богданов',
  'Денисов',
  'Корнилов',
  'Осипов',
  'Архипов',
  'Ефремов',
  'Игнатов',
  'Карпов',
  'Лаврентьев',
  'Матвеев',
  'Назаров',
  'Никифоров',
  'Родионов',
  'Романов',
  'Сафонов',
  'Трофимов',
  'Фролов',
  'Харитонов',
  'Юрьев',
  'Ермолаев',
  'Евдокимов',
  'Афанасьев',
  'Александров',
  'Константинов',
  'Екатеринов',
  'Сорокин',
  'Голицын',
  'Вершинин',
  'Анненков',
  'Дементьев',
  'Ерофеев',
  'Зиновьев',
  'Кириллов',
  'Мартынов',
  'Нестеров',
  'Пименов',
  'Саввин',
  'Спиридонов',
  'Тарасов',
  'Устинов',
  'Власов',
  'Елизаветин',
  'Бельков',
  'Раков',
  'Шаров',
];

/** Nature and animal stems, used the same way: Берёзов-ка, Соснов-о, Ключев-ское. */
export const NATURE_ROOTS: readonly string[] = [
  'Берёзов',
  'Соснов',
  'Ольхов',
  'Липов',
  'Дубров',
  'Калинов',
  'Рябинов',
  'Вязов',
  'Осинов',
  'Ключев',
  'Орехов',
  'Малинов',
  'Кленов',
  'Вишнёв',
  'Черёмухов',
  'Журавлёв',
  'Соколов',
  'Воронов',
  'Лебедев',
  'Гусев',
  'Орлов',
  'Бобров',
  'Волков',
  'Голубев',
  'Медведев',
  'Грачёв',
  'Зайцев',
  'Ястребов',
  'Камышов',
  'Каштанов',
  'Ракитин',
  'Ельцов',
  'Тополев',
  'Травин',
  'Борков',
  'Сушков',
];

const ALL_ROOTS: readonly string[] = [...POSSESSIVE_ROOTS, ...NATURE_ROOTS];

/** Prefixes for derived villages: Новоивановка, Старопетровское, Верхнеберёзовка. */
const VILLAGE_PREFIXES: readonly string[] = ['Ново', 'Старо', 'Верхне', 'Нижне', 'Мало', 'Больше', 'Средне'];

/** Church-feast and other traditional village names (all derive a regular adjective). */
const CHURCH_VILLAGES: readonly string[] = [
  'Никольское',
  'Троицкое',
  'Покровское',
  'Воскресенское',
  'Успенское',
  'Знаменское',
  'Рождественское',
  'Богородское',
  'Спасское',
  'Архангельское',
  'Вознесенское',
  'Введенское',
  'Благовещенское',
  'Сретенское',
  'Казанское',
  'Покровка',
  'Знаменка',
  'Вознесенка',
  'Каменка',
  'Каменское',
];

/** Neuter adjectival village names (с.): Раздольное → «Раздольненская СОШ». */
const NEUTER_VILLAGES: readonly string[] = [
  'Полевое',
  'Раздольное',
  'Заозёрное',
  'Приозёрное',
  'Луговое',
  'Садовое',
  'Нагорное',
  'Подгорное',
  'Степное',
  'Лесное',
  'Заречное',
  'Приречное',
  'Красное',
  'Ключевое',
  'Дубовое',
  'Озёрное',
];

/** Masculine adjectival names for посёлки and пгт: п. Заречный → «Заречная СОШ». */
export const MASCULINE_SETTLEMENTS: readonly string[] = [
  'Заречный',
  'Октябрьский',
  'Первомайский',
  'Лесной',
  'Садовый',
  'Комсомольский',
  'Советский',
  'Южный',
  'Восточный',
  'Луговой',
  'Полевой',
  'Степной',
  'Горный',
  'Речной',
  'Новый',
  'Приозёрный',
  'Солнечный',
  'Светлый',
  'Майский',
  'Дружный',
  'Победный',
  'Рабочий',
  'Шахтёрский',
  'Горняцкий',
  'Лесозаводский',
  'Красногвардейский',
  'Пролетарский',
  'Железнодорожный',
  'Заводской',
  'Кедровый',
  'Таёжный',
  'Северный',
  'Приреченский',
];

/** Two-word names: no regular adjective, so the school is «СОШ с. Красный Яр». */
const TWO_WORD_MASC: readonly string[] = [
  'Красный Яр',
  'Сухой Лог',
  'Белый Ключ',
  'Крутой Яр',
  'Горный Ключ',
  'Светлый Ключ',
  'Каменный Брод',
  'Зелёный Луг',
  'Новый Путь',
  'Красный Бор',
  'Сосновый Бор',
  'Верхний Бор',
  'Тихий Плёс',
  'Высокий Яр',
  'Старый Мост',
  'Красный Ключ',
  'Глубокий Лог',
  'Малый Яр',
];
const TWO_WORD_FEM: readonly string[] = [
  'Чёрная Речка',
  'Большая Поляна',
  'Малая Речка',
  'Красная Горка',
  'Новая Слобода',
  'Белая Глина',
  'Сухая Балка',
  'Каменная Гора',
  'Лисья Поляна',
  'Медвежья Гора',
  'Тихая Заводь',
  'Верхняя Слобода',
];
const TWO_WORD_PLURAL: readonly string[] = ['Большие Ключи', 'Старые Дубки', 'Новые Выселки', 'Малые Горки'];

/** Feminine noun names (д.): Поляна → «Полянская ООШ». */
const FEMININE_VILLAGES: readonly string[] = ['Поляна', 'Дубрава', 'Слобода', 'Заимка'];

/** First halves and second halves of compound town names: Северо-горск, Красно-заводск, Зелено-град. */
const TOWN_PREFIXES: readonly string[] = [
  'Северо',
  'Красно',
  'Бело',
  'Зелено',
  'Светло',
  'Ново',
  'Старо',
  'Камено',
  'Сосново',
  'Лесо',
  'Медно',
  'Железно',
  'Солнечно',
  'Ясно',
  'Тихо',
  'Чисто',
  'Верхне',
  'Нижне',
  'Дально',
  'Рудно',
  'Кедро',
  'Озёрно',
];
const TOWN_CORES: readonly string[] = ['горск', 'заводск', 'борск', 'каменск', 'град', 'реченск', 'дольск'];

/** Adjectival towns (declined as adjectives: «г. Заречного»). */
const ADJECTIVE_TOWNS: readonly string[] = [
  'Заречный',
  'Лесной',
  'Светлый',
  'Солнечный',
  'Кедровый',
  'Приозёрный',
];

/** Urban street names, ready with the street type. */
export const URBAN_STREETS: readonly string[] = [
  'ул. Ленина',
  'ул. Советская',
  'ул. Мира',
  'пр-т Мира',
  'ул. Гагарина',
  'ул. Школьная',
  'ул. Молодёжная',
  'ул. Пушкина',
  'ул. Строителей',
  'ул. Комсомольская',
  'ул. Октябрьская',
  'ул. Первомайская',
  'ул. Кирова',
  'ул. Лесная',
  'ул. Садовая',
  'ул. Набережная',
  'ул. Заводская',
  'ул. Победы',
  'пр-т Победы',
  'ул. Чехова',
  'ул. Горького',
  'ул. Юбилейная',
  'ул. Маяковского',
  'ул. Свердлова',
  'ул. Калинина',
  'ул. Королёва',
  'ул. 40 лет Победы',
  'ул. Космонавтов',
  'пр-т Ленина',
  'ул. Энергетиков',
  'пер. Школьный',
  'ул. Фрунзе',
  'ул. Жукова',
  'ул. Дзержинского',
  'ул. Новая',
  'ул. Северная',
  'ул. Привокзальная',
  'б-р Гагарина',
];
export const RURAL_STREETS: readonly string[] = [
  'ул. Центральная',
  'ул. Школьная',
  'ул. Советская',
  'ул. Молодёжная',
  'ул. Лесная',
  'ул. Садовая',
  'ул. Новая',
  'ул. Полевая',
  'ул. Зелёная',
  'ул. Колхозная',
  'ул. Набережная',
  'ул. Ленина',
  'ул. Мира',
  'ул. Луговая',
  'ул. Заречная',
  'пер. Школьный',
  'ул. Победы',
  'ул. Трудовая',
  'ул. Речная',
  'ул. Степная',
];

export type RuralLabel = 'с.' | 'д.' | 'п.';

export interface VillageName {
  name: string;
  label: RuralLabel;
  /** Feminine adjective for «Ивановская СОШ», or null (then «СОШ с. Красный Яр»). */
  adjF: string | null;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function fromRoot(rng: Random, suffixes: readonly string[]): string {
  return rng.pick(ALL_ROOTS) + rng.pick(suffixes);
}

function fromPrefixedRoot(rng: Random, suffixes: readonly string[]): string {
  return rng.pick(VILLAGE_PREFIXES) + lowerFirst(rng.pick(ALL_ROOTS)) + rng.pick(suffixes);
}

/** One random village name of the given kind (not yet checked for uniqueness). */
export function randomVillageName(rng: Random, label: RuralLabel): string {
  switch (label) {
    case 'с.':
      return rng.weighted<() => string>([
        [() => fromRoot(rng, ['ка']), 24],
        [() => fromRoot(rng, ['о']), 14],
        [() => fromRoot(rng, ['ское']), 16],
        [() => fromPrefixedRoot(rng, ['ка', 'ское']), 14],
        [() => rng.pick(CHURCH_VILLAGES), 12],
        [() => rng.pick(NEUTER_VILLAGES), 10],
        [() => rng.pick(TWO_WORD_MASC), 5],
        [() => rng.pick(TWO_WORD_PLURAL), 2],
      ])();
    case 'д.':
      return rng.weighted<() => string>([
        [() => fromRoot(rng, ['ка']), 34],
        [() => fromRoot(rng, ['о']), 34],
        [() => fromPrefixedRoot(rng, ['ка']), 14],
        [() => rng.pick(TWO_WORD_FEM), 8],
        [() => rng.pick(FEMININE_VILLAGES), 5],
      ])();
    case 'п.':
      return rng.weighted<() => string>([
        [() => rng.pick(MASCULINE_SETTLEMENTS), 40],
        [() => fromRoot(rng, ['ский']), 35],
        [() => rng.pick(TWO_WORD_MASC), 10],
        [() => fromPrefixedRoot(rng, ['ский']), 10],
      ])();
  }
}

/** Name of a district centre village: only forms that give a clean district adjective. */
export function randomCentreVillageName(rng: Random): string {
  return rng.weighted<() => string>([
    [() => fromRoot(rng, ['ка', 'о', 'ское']), 70],
    [() => fromPrefixedRoot(rng, ['ка', 'ское']), 15],
    [() => rng.pick(CHURCH_VILLAGES), 15],
  ])();
}

/** Name of a пгт: Заречный, Ивановский, Красногорский. */
export function randomPgtName(rng: Random): string {
  return noRepeatedRoot(() => pgtCandidate(rng));
}

function pgtCandidate(rng: Random): string {
  return rng.weighted<() => string>([
    [() => rng.pick(MASCULINE_SETTLEMENTS), 35],
    [() => fromRoot(rng, ['ский']), 35],
    [() => rng.pick(TOWN_PREFIXES) + rng.pick(['горский', 'заводский', 'борский', 'каменский']), 30],
  ])();
}

/** Name of a town: Северогорск, Петровск, Фролово, Зеленоград, Заречный. */
export function randomTownName(rng: Random): string {
  return noRepeatedRoot(() => townCandidate(rng));
}

/** Rejects clumsy compounds such as «Каменокаменск». */
function noRepeatedRoot(make: () => string): string {
  for (;;) {
    const name = make();
    if (!/камен.*камен/i.test(name)) return name;
  }
}

function townCandidate(rng: Random): string {
  return rng.weighted<() => string>([
    [() => rng.pick(TOWN_PREFIXES) + rng.pick(TOWN_CORES), 50],
    [() => rng.pick(ALL_ROOTS) + 'ск', 30],
    [() => rng.pick(ALL_ROOTS) + 'о', 12],
    [() => rng.pick(ADJECTIVE_TOWNS), 3],
  ])();
}

/**
 * Keeps the village names of one municipality unique by their school adjective
 * (Ивановка, Иваново and Ивановское would all give «Ивановская СОШ»).
 */
export class VillageRegistry {
  private readonly keys = new Set<string>();
  private failures = 0;

  /** Reserves a key (e.g. the adjective of the district centre). */
  reserve(name: string): void {
    this.keys.add(this.key(name));
  }

  has(name: string): boolean {
    return this.keys.has(this.key(name));
  }

  private key(name: string): string {
    return (settlementAdjective(name, 'f') ?? name).toLowerCase();
  }

  /** A new unique village, or null when `tries` random attempts all collided (the caller then reuses a village). */
  next(rng: Random, label: RuralLabel, tries = 40): VillageName | null {
    // Once the names run out (only with a few huge municipalities), stop spending 40 tries per school.
    const limit = this.failures > 20 ? Math.min(tries, 4) : tries;
    for (let i = 0; i < limit; i++) {
      const name = randomVillageName(rng, label);
      const key = this.key(name);
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      return { name, label, adjF: settlementAdjective(name, 'f') };
    }
    this.failures++;
    return null;
  }
}

/** «Ивановский муниципальный район». */
export function districtName(adjM: string): string {
  return `${adjM} муниципальный район`;
}

/** «Ивановский р-н» for addresses. */
export function districtShort(adjM: string): string {
  return `${adjM} р-н`;
}

export { capitalize, genitiveOfPlace, settlementAdjectiveMasculine };
