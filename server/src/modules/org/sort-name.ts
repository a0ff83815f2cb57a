import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * The name a school sorts by, so that the list reads alphabetically to a user:
 * «МАОУ "Гимназия № 2"», «МБОУ "Ивановская СОШ"», «МКОУ "СОШ № 10"» sort as
 * «гимназия 0000000002», «ивановская сош», «сош 0000000010».
 *
 * One SQL expression, evaluated the same way on PostgreSQL and PGlite whatever their locale:
 * - a leading legal-form abbreviation is dropped (МБОУ, МАОУ, МКОУ, ГБОУ, ГКОУ, ФГБОУ, ЧОУ, АНОО, ЧУ…);
 * - quotes are dropped (" « » „ “ ” ' `);
 * - Cyrillic capitals are lowered by an explicit table (locale-independent), Ё/ё read as е;
 * - the sign № is dropped («№1» and «№ 1» read alike), numbers are zero-padded, so «№ 2» comes
 *   before «№ 10», and numbered names before lettered ones («СОШ № 1», then «СОШ с. Красный Яр»);
 * - spaces are collapsed, and the result compares byte-wise (collation "C"), which for
 *   lower-case Russian letters is the alphabetical order.
 */
const CAPITALS = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё';
const SMALL = 'абвгдеежзийклмнопрстуфхцчшщъыьэюяе';
/** An all-capitals first word ending in «ОУ» (МБОУ, ФГБОУ, ЧОУ…), or АНО(О), ЧУ (ОО); then spaces or a quote. */
const LEGAL_FORM = `^\\s*(?:[${CAPITALS.slice(0, -1)}]{0,5}ОУ|АНОО?|ЧУ(?:\\s+ОО)?)(?:\\s+|(?=["«„“']))`;
const QUOTES = '["«»„“”\'`]';
const PAD = 10;

export function schoolSortName(name: Expression<string> | RawBuilder<string>): RawBuilder<string> {
  // Patterns go as parameters: no escaping, whatever standard_conforming_strings says.
  let e = sql<string>`regexp_replace(${name}, ${LEGAL_FORM}, '')`;
  e = sql<string>`regexp_replace(${e}, ${QUOTES}, '', 'g')`;
  e = sql<string>`lower(translate(${e}, ${CAPITALS}, ${SMALL}))`;
  e = sql<string>`regexp_replace(${e}, ${'№'}, ' ', 'g')`;
  e = sql<string>`regexp_replace(${e}, ${'\\d+'}, ${'0'.repeat(PAD) + '\\&'}, 'g')`;
  e = sql<string>`regexp_replace(${e}, ${`0*(\\d{${PAD}})`}, ${'\\1'}, 'g')`;
  e = sql<string>`regexp_replace(${e}, ${'\\s+'}, ' ', 'g')`;
  return sql<string>`(btrim(${e}) collate "C")`;
}
