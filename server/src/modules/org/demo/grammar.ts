/**
 * Tiny Russian grammar helpers for place names: the genitive case (for «СОШ № 3 г. Северогорска»)
 * and the relative adjective of a settlement (for «Ивановская СОШ», «Ивановский муниципальный район»).
 * They cover the typical endings of Russian place names, not the whole language; see the notes per rule.
 */

export type Gender = 'm' | 'f' | 'n';

const VOWELS = 'аеёиоуыэюя';
const VELARS = 'кгх';
const SIBILANTS = 'жшчщ';

function lastChar(s: string): string {
  return s.charAt(s.length - 1).toLowerCase();
}

function endsWith(s: string, suffix: string): boolean {
  return s.toLowerCase().endsWith(suffix);
}

function isConsonant(ch: string): boolean {
  return /[а-яё]/.test(ch) && !VOWELS.includes(ch) && ch !== 'ь' && ch !== 'ъ' && ch !== 'й';
}

/** Returns true for a word that looks like a full adjective in the nominative (-ый/-ий/-ой/-ая/-яя/-ое/-ее). */
function isAdjectiveWord(w: string): boolean {
  return /(ый|ий|ой|ая|яя|ое|ее)$/i.test(w) && w.length > 3;
}

/** Genitive of one adjective word: Красный → Красного, Нижний → Нижнего, Красная → Красной, Шушенское → Шушенского. */
function genitiveAdjective(w: string): string {
  const stem = w.slice(0, -2);
  const end = w.slice(-2).toLowerCase();
  const before = lastChar(stem);
  switch (end) {
    case 'ый':
    case 'ой':
      return stem + 'ого';
    case 'ий':
      return stem + (VELARS.includes(before) ? 'ого' : 'его');
    case 'ая':
      return stem + (SIBILANTS.includes(before) ? 'ей' : 'ой');
    case 'яя':
      return stem + 'ей';
    case 'ое':
      return stem + 'ого';
    case 'ее':
      return stem + 'его';
    default:
      return w;
  }
}

/**
 * Genitive of one noun-like word of a place name.
 * - consonant (-ск, -цк, -град, -ов, -ин, …) → +а: Северогорск → Северогорска, Ростов → Ростова
 * - -й → -я: Гай → Гая
 * - -а → -ы, after к/г/х/ж/ш/ч/щ → -и: Тула → Тулы, Луга → Луги
 * - -я → -и: Ия → Ии
 * - -ль → -ля (masculine): Ярославль → Ярославля; other -ь → -и (feminine): Тверь → Твери, Казань → Казани
 * - -о, -е and other vowels: invariant (Иваново, Пушкино — the official usage for -ово/-ино names)
 * Not covered: fleeting vowels (Елец → Ельца) and plural names (Химки → Химок); they are returned unchanged
 * or with the regular ending, so the generator does not produce such town names.
 */
function genitiveNoun(w: string): string {
  const ch = lastChar(w);
  if (ch === 'й') return w.slice(0, -1) + 'я';
  if (ch === 'а')
    return (
      w.slice(0, -1) +
      (VELARS.includes(lastChar(w.slice(0, -1))) || SIBILANTS.includes(lastChar(w.slice(0, -1))) ? 'и' : 'ы')
    );
  if (ch === 'я') return w.slice(0, -1) + 'и';
  if (ch === 'ь') return endsWith(w, 'ль') ? w.slice(0, -1) + 'я' : w.slice(0, -1) + 'и';
  if (isConsonant(ch)) return w + 'а';
  return w;
}

/** Parts of a hyphenated name that never decline: Усть-Илимск → Усть-Илимска. */
const INVARIANT_PARTS = new Set(['усть', 'верх', 'соль', 'спас', 'лодейное']);

function genitiveWord(w: string): string {
  if (w.includes('-')) {
    const parts = w.split('-');
    // «Ростов-на-Дону»: only the first part declines.
    const naIdx = parts.findIndex((p) => p === 'на');
    const last = naIdx > 0 ? naIdx : parts.length;
    return parts
      .map((p, i) => (i >= last || INVARIANT_PARTS.has(p.toLowerCase()) ? p : genitiveWord(p)))
      .join('-');
  }
  return isAdjectiveWord(w) ? genitiveAdjective(w) : genitiveNoun(w);
}

/**
 * Genitive case of a place name, as used after «г.» in school names («СОШ № 3 г. Северогорска»).
 * Multi-word names decline word by word: Старый Оскол → Старого Оскола, Нижний Новгород → Нижнего Новгорода,
 * Красная Поляна → Красной Поляны.
 */
export function genitiveOfPlace(name: string): string {
  return name
    .split(' ')
    .map((w) => genitiveWord(w))
    .join(' ');
}

/** Gender forms of a masculine full adjective: Ивановский → Ивановская / Ивановское; Лесной → Лесная; Заречный → Заречная. */
export function adjectiveForm(masculine: string, gender: Gender): string {
  if (gender === 'm') return masculine;
  const stem = masculine.slice(0, -2);
  const end = masculine.slice(-2).toLowerCase();
  const before = lastChar(stem);
  if (end === 'ый' || end === 'ой') return stem + (gender === 'f' ? 'ая' : 'ое');
  if (end === 'ий') {
    if (VELARS.includes(before)) return stem + (gender === 'f' ? 'ая' : 'ое');
    if (SIBILANTS.includes(before)) return stem + (gender === 'f' ? 'ая' : 'ее');
    return stem + (gender === 'f' ? 'яя' : 'ее');
  }
  throw new Error(`not a masculine adjective: ${masculine}`);
}

/**
 * Masculine relative adjective of a settlement name, or null when no safe rule applies.
 * Rules (checked in this order):
 * - already an adjective: Заречный, Лесной, Октябрьский → itself
 * - -ское/-цкое → -ский/-цкий: Петровское → Петровский, Троицкое → Троицкий
 * - -ое after consonant+н → -енский: Раздольное → Раздольненский; -овое/-евое → -овский: Луговое → Луговский
 * - -ово/-ево/-ёво/-ино/-ыно → +ский: Иваново → Ивановский, Бородино → Бородинский
 * - -вка/-нка → -вский/-нский: Ивановка → Ивановский, Каменка → Каменский, Ильинка → Ильинский
 * - -ск/-цк → +ий: Северогорск → Северогорский, Донецк → Донецкий
 * - -ец → -ецкий: Елец → Елецкий
 * - -ла → -льский: Тула → Тульский; -на/-ва/-да/-ма/-ра/-та → -нский…: Поляна → Полянский, Дубрава → Дубравский
 * - -нь → -нский: Казань → Казанский
 * - final б/в/д/з/л/м/н/п/р/с/т/ф → +ский: Ростов → Ростовский, Зеленоград → Зеленоградский
 * Multi-word names (Красный Яр) and the rest (-ка after other consonants, velar endings, plurals) → null:
 * the caller then names the school «СОШ с. Красный Яр».
 * Stress-dependent -ской forms (Тверь → Тверской) are not derived.
 */
export function settlementAdjectiveMasculine(name: string): string | null {
  if (name.includes(' ') || name.length < 3) return null;
  const low = name.toLowerCase();
  if (/(ый|ой)$/.test(low)) return name;
  if (/ий$/.test(low)) {
    const before = lastChar(name.slice(0, -2));
    return VELARS.includes(before) || SIBILANTS.includes(before) ? name : null;
  }
  if (/(ское|цкое)$/.test(low)) return name.slice(0, -2) + 'ий';
  if (low.endsWith('ое')) {
    const stem = name.slice(0, -2);
    const s = stem.toLowerCase();
    if (s.endsWith('н') && (s.endsWith('ьн') || isConsonant(s.charAt(s.length - 2)))) return stem + 'енский';
    if (/[оё]в$|ев$/.test(s)) return stem + 'ский';
    return null;
  }
  if (/(ово|ево|ёво|ино|ыно)$/.test(low)) return name.slice(0, -1) + 'ский';
  if (/[вн]ка$/.test(low)) return name.slice(0, -2) + 'ский';
  if (/(ск|цк)$/.test(low)) return name + 'ий';
  if (low.endsWith('ец')) return name + 'кий';
  if (low.endsWith('ла')) return name.slice(0, -1) + 'ьский';
  if (/[нвдмрт]а$/.test(low)) return name.slice(0, -1) + 'ский';
  if (low.endsWith('нь')) return name.slice(0, -1) + 'ский';
  if (/[бвдзлмнпрстф]$/.test(low)) return name + 'ский';
  return null;
}

/** Relative adjective of a settlement in the given gender: Ивановка → Ивановская (f), Ивановский (m), Ивановское (n). */
export function settlementAdjective(name: string, gender: Gender): string | null {
  const m = settlementAdjectiveMasculine(name);
  return m === null ? null : adjectiveForm(m, gender);
}

/** Upper-cases the first letter. */
export function capitalize(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

const RU_ALPHABET = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
const RU_ORDER = new Map<string, number>([...RU_ALPHABET].map((c, i) => [c, i]));

/** Russian alphabetical comparison that does not depend on the ICU build (ё sorts after е). */
export function ruCompare(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const cx = x.charAt(i);
    const cy = y.charAt(i);
    if (cx === cy) continue;
    const ox = RU_ORDER.get(cx) ?? 100 + cx.charCodeAt(0);
    const oy = RU_ORDER.get(cy) ?? 100 + cy.charCodeAt(0);
    return ox - oy;
  }
  return x.length - y.length;
}
