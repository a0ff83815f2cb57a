/**
 * School and municipality names reduced to a form in which the spellings used by different
 * reports compare equal, and a similarity of two names for suggesting candidates.
 *
 * `МБОУ «СОШ № 5 г. Северогорска»`, `Муниципальное бюджетное общеобразовательное учреждение
 * "Средняя общеобразовательная школа №5 г.Северогорска"` and `средняя школа N 5 г. Северогорска`
 * all become `сош 5 г северогорска`.
 */
import { words } from './text.js';

/** Abbreviated legal forms: МБОУ, МАОУ, МКОУ, МОУ, ГБОУ, ГКОУ, ФГБОУ, КГБОУ, ОГБОУ, ЧОУ, НОУ, ОУ… */
const LEGAL_ABBREVIATION = /^(?:[мгфчнкор]|кг|ог|фг|ан)?[бак]?[со]?оу(?:во|до|ши)?$/;
const OTHER_LEGAL_TOKENS = new Set([
  'аноо',
  'ано',
  'чау',
  'мбу',
  'мау',
  'мку',
  'гбу',
  'гау',
  'гку',
  'чу',
  'фгбоуво',
]);

/** «Муниципальное бюджетное общеобразовательное учреждение» and its relatives, as words. */
const LEGAL_PHRASE = new RegExp(
  '(?:^| )(?:(?:муниципальн|государственн|федеральн|областн|краев|окружн|республиканск|частн|негосударственн|некоммерческ|автономн|бюджетн|казенн)\\S*\\s+)*' +
    '(?:обще)?образовательн\\S*\\s+(?:учреждени|организаци)\\S*(?= |$)',
  'g',
);
const LEGAL_PHRASE_REST = / (?:высшего|дополнительного|профессионального) образования(?= |$)/g;

/** Types of school, longest first. */
const TYPE_PHRASES: Array<[RegExp, string]> = [
  [/(?:^| )средн\S* общеобразовательн\S* школ\S*(?= |$)/g, ' сош'],
  [/(?:^| )основн\S* общеобразовательн\S* школ\S*(?= |$)/g, ' оош'],
  [/(?:^| )начальн\S* общеобразовательн\S* школ\S*(?= |$)/g, ' нош'],
  [/(?:^| )средн\S* школ\S*(?= |$)/g, ' сош'],
  [/(?:^| )основн\S* школ\S*(?= |$)/g, ' оош'],
  [/(?:^| )начальн\S* школ\S*(?= |$)/g, ' нош'],
  [/(?:^| )центр\S* образовани\S*(?= |$)/g, ' цо'],
  [/(?:^| )с углубленным изучением отдельных предметов(?= |$)/g, ' уиоп'],
  [/(?:^| )с углубленным изучением(?= |$)/g, ' уиоп'],
  [/(?:^| )сш(?= |$)/g, ' сош'],
  [/(?:^| )имени(?= |$)/g, ' им'],
];

function pass(s: string): string {
  let t = words(s.replace(/№|(?<![\p{L}])[nN]o?\.?\s*(?=\d)/gu, ' '));
  t = t.replace(LEGAL_PHRASE, ' ').replace(LEGAL_PHRASE_REST, ' ');
  t = t
    .split(' ')
    .filter((w) => w && !LEGAL_ABBREVIATION.test(w) && !OTHER_LEGAL_TOKENS.has(w))
    .join(' ');
  for (const [re, to] of TYPE_PHRASES) t = t.replace(re, to);
  // Digits glued to letters are separate words: "№5а" → "5 а", "сош5" → "сош 5".
  t = t.replace(/(\p{L})(\d)/gu, '$1 $2').replace(/(\d)(\p{L})/gu, '$1 $2');
  return t.replace(/\s+/g, ' ').trim();
}

/**
 * The normal form of a school name: lower case, ё → е; quotes, «№» and punctuation dropped;
 * legal-form words and abbreviations (МБОУ…, «муниципальное бюджетное общеобразовательное
 * учреждение») removed; school types abbreviated (СОШ, ООШ, НОШ, ЦО, УИОП); spaces collapsed.
 * Idempotent. Falls back to the plain word form when nothing would be left.
 */
export function normaliseSchoolName(name: string): string {
  let cur = name;
  for (let i = 0; i < 6; i++) {
    const next = pass(cur);
    if (next === cur) break;
    cur = next;
  }
  return cur || words(name);
}

const MUNICIPALITY_WORDS = new Set([
  'муниципальный',
  'муниципальное',
  'муниципального',
  'образование',
  'образования',
  'район',
  'района',
  'городской',
  'городского',
  'округ',
  'округа',
  'город',
  'города',
  'г',
  'го',
  'мо',
  'мр',
  'мо',
  'гп',
  'сп',
  'поселение',
  'сельское',
  'городское',
]);

/** The core of a municipality's name: `городской округ город Биробиджан` → `биробиджан`. */
export function normaliseMunicipality(name: string): string {
  const w = words(name)
    .split(' ')
    .filter((x) => x && !MUNICIPALITY_WORDS.has(x));
  return w.join(' ') || words(name);
}

function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of s.split(' ')) {
    if (!w) continue;
    const p = `  ${w} `;
    for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  }
  return out;
}

function numbers(s: string): Set<string> {
  return new Set(s.match(/\d+/g) ?? []);
}

/** A prepared name for repeated similarity checks. */
export interface NameKey {
  norm: string;
  grams: Set<string>;
  nums: Set<string>;
}

export function nameKey(norm: string): NameKey {
  return { norm, grams: trigrams(norm), nums: numbers(norm) };
}

/**
 * Similarity of two normalised names in 0..1: the trigram overlap (as PostgreSQL's pg_trgm),
 * halved when both carry numbers and none of them is shared (СОШ № 5 is not СОШ № 15).
 */
export function similarity(a: NameKey, b: NameKey): number {
  if (a.norm === b.norm) return 1;
  let common = 0;
  for (const g of a.grams) if (b.grams.has(g)) common++;
  const union = a.grams.size + b.grams.size - common;
  let s = union === 0 ? 0 : common / union;
  if (a.nums.size && b.nums.size) {
    let shared = false;
    for (const n of a.nums) if (b.nums.has(n)) shared = true;
    if (!shared) s *= 0.5;
  }
  return s;
}

/** A school code as compared: no spaces, lower case (`'105 201'` = `'105201'`). */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '').toLowerCase();
}
