import { displayCategory } from './run.js';
import type { Category, DisplayCategory } from './types.js';

/** The part of an outcome the comparison needs (a saved outcome from the database is enough). */
export interface OutcomeLike {
  schools: ReadonlyArray<{ schoolId: number; categories: readonly Category[] }>;
}

export interface SchoolChange {
  schoolId: number;
  before: Category[];
  after: Category[];
  displayBefore: DisplayCategory;
  displayAfter: DisplayCategory;
  /** The set of categories differs. */
  changed: boolean;
}

export interface OutcomeComparison {
  /** Categories that make a school part of the list (перечень). */
  membership: Category[];
  /** Not in the list before, in the list now. */
  entered: SchoolChange[];
  /** In the list before, not now. */
  left: SchoolChange[];
  /** In the list before and now (categories may differ: see `changed`). */
  stayed: SchoolChange[];
}

/**
 * What-if: compare a saved outcome with a candidate (e.g. the same data with other parameters).
 * A school is "in the list" when it has any of the `membership` categories (default: low_results
 * or unfavourable, i.e. ШНОР or ШНСУ). A school missing from one side counts as having no
 * categories there. Lists are sorted by school id.
 */
export function compareOutcomes(
  saved: OutcomeLike,
  candidate: OutcomeLike,
  options: { membership?: readonly Category[] } = {},
): OutcomeComparison {
  const membership = [...(options.membership ?? ['low_results', 'unfavourable'])] as Category[];
  const before = new Map(saved.schools.map((s) => [s.schoolId, [...s.categories]]));
  const after = new Map(candidate.schools.map((s) => [s.schoolId, [...s.categories]]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b);
  const inList = (cats: readonly Category[]) => cats.some((c) => membership.includes(c));
  const result: OutcomeComparison = { membership, entered: [], left: [], stayed: [] };
  for (const id of ids) {
    const b = before.get(id) ?? [];
    const a = after.get(id) ?? [];
    const change: SchoolChange = {
      schoolId: id,
      before: b,
      after: a,
      displayBefore: displayCategory(b),
      displayAfter: displayCategory(a),
      changed: b.length !== a.length || b.some((c) => !a.includes(c)),
    };
    const wasIn = inList(b);
    const isIn = inList(a);
    if (!wasIn && isIn) result.entered.push(change);
    else if (wasIn && !isIn) result.left.push(change);
    else if (wasIn && isIn) result.stayed.push(change);
  }
  return result;
}
