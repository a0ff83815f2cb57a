/** Pure helpers of the reference-data screens: form validation and how a template's mapping reads. */

export interface ThresholdForm {
  procedure: string;
  subject: string;
  /** Empty: all years. */
  year: string;
  kind: 'score' | 'mark';
  minValue: string;
  note: string;
}

export interface ThresholdBody {
  procedure: string;
  subject: string;
  year: number;
  kind: 'score' | 'mark';
  minValue: number;
  note: string | null;
}

/** Errors are i18n keys whose text names the field. */
export function validateThreshold(f: ThresholdForm): {
  errors: Partial<Record<keyof ThresholdForm, string>>;
  body: ThresholdBody | null;
} {
  const errors: Partial<Record<keyof ThresholdForm, string>> = {};
  if (!f.procedure) errors.procedure = 'web.res.ref.err.procedure';
  const yearText = f.year.trim();
  const year = yearText === '' ? 0 : Number(yearText);
  if (!/^\d*$/.test(yearText) || (year !== 0 && (year < 2000 || year > 2100)))
    errors.year = 'web.res.ref.err.year';
  const minText = f.minValue.trim().replace(',', '.');
  const min = minText === '' ? NaN : Number(minText);
  if (f.kind === 'mark') {
    if (!Number.isInteger(min) || min < 2 || min > 5) errors.minValue = 'web.res.ref.err.minMark';
  } else if (!Number.isFinite(min) || min < 0 || min > 1000) errors.minValue = 'web.res.ref.err.minScore';
  if (f.note.trim().length > 500) errors.note = 'web.res.ref.err.note';
  if (Object.keys(errors).length) return { errors, body: null };
  return {
    errors,
    body: {
      procedure: f.procedure,
      subject: f.subject || '*',
      year,
      kind: f.kind,
      minValue: min,
      note: f.note.trim() || null,
    },
  };
}

/** Synonyms typed one per line (or separated by semicolons), without empties and repeats. */
export function parseSynonyms(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n;]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function validateSubject(
  f: { code: string; name: string; synonyms: string },
  /** Codes in use, when a new subject is added (null when editing one). */
  taken: Set<string> | null,
): { errors: Partial<Record<'code' | 'name' | 'synonyms', string>> } {
  const errors: Partial<Record<'code' | 'name' | 'synonyms', string>> = {};
  const code = f.code.trim();
  if (taken) {
    if (!/^[a-z][a-z0-9_]{0,40}$/.test(code)) errors.code = 'web.res.ref.err.code';
    else if (taken.has(code)) errors.code = 'web.res.ref.err.codeTaken';
  }
  const name = f.name.trim();
  if (name.length < 2 || name.length > 200) errors.name = 'web.res.ref.err.name';
  const synonyms = parseSynonyms(f.synonyms);
  if (synonyms.length > 50 || synonyms.some((s) => s.length > 100))
    errors.synonyms = 'web.res.ref.err.synonyms';
  return { errors };
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** What a template's saved options say, one line each («Процедура: ВПР», «Столбец D → Участников»). */
export function mappingLines(
  mapping: Record<string, unknown>,
  t: Translate,
  names: { procedure: (c: string) => string; subject: (c: string) => string },
): string[] {
  const out: string[] = [];
  if (typeof mapping.procedure === 'string')
    out.push(t('web.res.ref.map.procedure', { value: names.procedure(mapping.procedure) }));
  if (typeof mapping.grade === 'number') out.push(t('web.res.ref.map.grade', { value: mapping.grade }));
  if (typeof mapping.subject === 'string')
    out.push(t('web.res.ref.map.subject', { value: names.subject(mapping.subject) }));
  const subjects = mapping.subjects;
  if (subjects && typeof subjects === 'object') {
    for (const [header, code] of Object.entries(subjects as Record<string, string | null>)) {
      out.push(
        t('web.res.ref.map.header', {
          header,
          value: code === null ? t('web.res.ref.map.skip') : names.subject(code),
        }),
      );
    }
  }
  const columns = mapping.columns;
  if (columns && typeof columns === 'object') {
    for (const [column, c] of Object.entries(
      columns as Record<string, { field: string; subject?: string | null } | null>,
    )) {
      const value =
        c === null
          ? t('web.res.ref.map.skip')
          : [t(`web.res.field.${c.field}`), c.subject ? names.subject(c.subject) : '']
              .filter(Boolean)
              .join(', ');
      out.push(t('web.res.ref.map.column', { column, value }));
    }
  }
  return out;
}
