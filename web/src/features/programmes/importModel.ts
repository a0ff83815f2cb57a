import type { ImportBody, ParsedRoadmap } from './api';

type ParsedActivity = ParsedRoadmap['activities'][number];
export type EditableRow = ParsedActivity & { key: number; deleted: boolean; edited: boolean };

/**
 * The corrected structure the import endpoint expects: the passport with the user's changes,
 * sections as parsed, the activities left (without the preview-only fields), indicators.
 */
export function toImportBody(
  parsed: ParsedRoadmap,
  rows: EditableRow[],
  target: ImportBody['target'],
  passport: Partial<ImportBody['passport']>,
): ImportBody {
  const activities = rows
    .filter((r) => !r.deleted && r.text.trim())
    .map((r) => ({
      sectionKey: r.sectionKey,
      number: r.number,
      text: r.text.trim(),
      level: r.level,
      task: r.task,
      deadlineText: r.deadlineText.trim(),
      executors: r.executors,
      participants: r.participants,
      plannedResult: r.plannedResult,
      product: r.product,
      productType: r.productType,
      completionMark: r.completionMark,
    }));
  const { name, ...rest } = parsed.passport;
  return {
    target,
    passport: { ...rest, name, ...passport },
    sections: parsed.sections.map((s) => ({
      key: s.key,
      parentKey: s.parentKey,
      number: s.number,
      title: s.title,
      tasks: s.tasks,
    })),
    activities,
    indicators: parsed.indicators.map((i) => ({
      number: i.number,
      name: i.name,
      unit: i.unit,
      baseline: i.baseline,
      baselineYear: i.baselineYear,
      targets: i.targets,
    })),
  };
}
