/** The figures of a school's result, read defensively from the server's JSON (`figures`). */
export interface Cell {
  procedure: string;
  subject: string;
  grade: number | null;
  year: number;
  participants: number;
  below: number;
  /** The share the rule compared with the threshold (the Wilson lower bound in the robust mode). */
  lower: number | null;
  status: string;
}
export interface Figures {
  cells: Cell[];
  model: { shrunken: number | null; expected: number | null; residualZ: number | null } | null;
  context: {
    index: number | null;
    unfavourable: boolean;
    components: Array<{ code: string; value: number }>;
  } | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

export function readFigures(raw: unknown): Figures {
  const f = obj(raw) ?? {};
  const rule = obj(f.rule);
  const cells: Cell[] = [];
  if (rule && Array.isArray(rule.cells)) {
    for (const c of rule.cells as unknown[]) {
      if (!Array.isArray(c) || c.length < 8) continue;
      const [procedure, subject, grade, year, participants, below, lower, status] = c as unknown[];
      if (typeof procedure !== 'string' || typeof subject !== 'string' || num(year) === null) continue;
      cells.push({
        procedure,
        subject,
        grade: num(grade),
        year: num(year)!,
        participants: num(participants) ?? 0,
        below: num(below) ?? 0,
        lower: num(lower),
        status: typeof status === 'string' ? status : 'no_data',
      });
    }
  }
  cells.sort((a, b) => a.year - b.year || 0);
  const m = obj(f.model);
  const c = obj(f.context);
  return {
    cells,
    model: m ? { shrunken: num(m.shrunken), expected: num(m.expected), residualZ: num(m.residualZ) } : null,
    context: c
      ? {
          index: num(c.index),
          unfavourable: c.unfavourable === true,
          components: Array.isArray(c.components)
            ? (c.components as unknown[])
                .filter(
                  (x): x is unknown[] => Array.isArray(x) && typeof x[0] === 'string' && num(x[1]) !== null,
                )
                .map((x) => ({ code: x[0] as string, value: x[1] as number }))
            : [],
        }
      : null,
  };
}
