/**
 * Lookups over the reference catalogue: which subject or procedure a piece of text names, the
 * year and grade a title or sheet name mentions, and the threshold that applies.
 */
import type { Catalog, ProcedureInfo, SubjectInfo, Threshold } from './types.js';
import { longestPhrase, words } from './text.js';

export interface CatalogIndex {
  catalog: Catalog;
  procedure(code: string): ProcedureInfo | undefined;
  subject(code: string): SubjectInfo | undefined;
  /** The subject named in `text` (longest synonym wins), or null. */
  findSubject(text: string): SubjectInfo | null;
  /** The procedure named in `text`, or null. */
  findProcedure(text: string): ProcedureInfo | null;
  threshold(procedure: string, subject: string, year: number): Threshold | null;
}

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const procedures = new Map(catalog.procedures.map((p) => [p.code, p]));
  const subjects = new Map(catalog.subjects.map((s) => [s.code, s]));
  const subjectPhrases = new Map<string, SubjectInfo>();
  for (const s of catalog.subjects) {
    for (const phrase of [s.name, s.code, ...s.synonyms]) {
      const w = words(phrase);
      if (w && !subjectPhrases.has(w)) subjectPhrases.set(w, s);
    }
  }
  const procedurePhrases = new Map<string, ProcedureInfo>();
  for (const p of catalog.procedures) {
    for (const phrase of [p.shortName, p.name, ...p.synonyms]) {
      const w = words(phrase);
      if (w && !procedurePhrases.has(w)) procedurePhrases.set(w, p);
    }
  }
  const thresholds = new Map(catalog.thresholds.map((t) => [`${t.procedure}|${t.subject}|${t.year}`, t]));
  return {
    catalog,
    procedure: (code) => procedures.get(code),
    subject: (code) => subjects.get(code),
    findSubject(text) {
      const w = words(text);
      const direct = subjects.get(text.trim().toLowerCase());
      if (direct) return direct;
      const p = longestPhrase(w, subjectPhrases.keys());
      return p ? subjectPhrases.get(p)! : null;
    },
    findProcedure(text) {
      const w = words(text);
      const direct = procedures.get(text.trim().toUpperCase());
      if (direct) return direct;
      const p = longestPhrase(w, procedurePhrases.keys());
      return p ? procedurePhrases.get(p)! : null;
    },
    threshold(procedure, subject, year) {
      return (
        thresholds.get(`${procedure}|${subject}|${year}`) ??
        thresholds.get(`${procedure}|${subject}|0`) ??
        thresholds.get(`${procedure}|*|${year}`) ??
        thresholds.get(`${procedure}|*|0`) ??
        null
      );
    },
  };
}

/**
 * The assessment year a text mentions: a school year `2022/2023`, `2022-23` gives its spring
 * year (2023); otherwise the last plausible `20xx`. Null when there is none.
 */
export function findYear(text: string): number | null {
  const school = /(20\d{2})\s*[/\\-–—]\s*(20\d{2}|\d{2})(?!\d)/.exec(text);
  if (school) {
    const a = Number(school[1]);
    const b = school[2]!.length === 2 ? 2000 + Number(school[2]) : Number(school[2]);
    if (b === a + 1) return b;
  }
  const all = [...text.matchAll(/(?<!\d)(20\d{2})(?!\d)/g)].map((m) => Number(m[1]));
  const plausible = all.filter((y) => y >= 2000 && y <= 2100);
  return plausible.length ? plausible[plausible.length - 1]! : null;
}

const ROMAN: Record<string, number> = {
  iv: 4,
  v: 5,
  vi: 6,
  vii: 7,
  viii: 8,
  ix: 9,
  x: 10,
  xi: 11,
};

/** The grade a text mentions: `4 класс`, `5-е классы`, `11 кл.`, `VII класс`. Null when there is none. */
export function findGrade(text: string): number | null {
  const t = text.toLowerCase();
  const m = /(?<!\d)(1[01]|[1-9])\s*-?\s*(?:[ая-я]{1,2}\s+)?(?:класс|кл\b|кл\.)/u.exec(t);
  if (m) return Number(m[1]);
  const r = /(?<![a-z])(xi|x|ix|viii|vii|vi|v|iv)\s+(?:класс|кл)/u.exec(t.replace(/і/g, 'i'));
  if (r) return ROMAN[r[1]!] ?? null;
  return null;
}

/** The grade of a class label: `'5А'` → 5, `'11 б'` → 11; null when it does not start with a grade. */
export function gradeOfClass(label: string): number | null {
  const m = /^\s*(1[01]|[1-9])(?!\d)/.exec(label);
  return m ? Number(m[1]) : null;
}
