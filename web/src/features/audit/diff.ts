/** One changed value of an audit entry. */
export interface DiffLine {
  key: string;
  before: unknown;
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The changes of an audit entry as lines: `before` and `after` are objects holding the changed
 * fields (or null for a creation). Nested objects (e.g. `extra` of a context row) are flattened
 * to `extra.code`; unchanged values are left out.
 */
export function diffLines(before: unknown, after: unknown): DiffLine[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const out: DiffLine[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const bv = b[k];
    const av = a[k];
    if (isObject(bv) || isObject(av)) {
      for (const line of diffLines(isObject(bv) ? bv : {}, isObject(av) ? av : {})) {
        out.push({ ...line, key: `${k}.${line.key}` });
      }
      continue;
    }
    if (JSON.stringify(bv ?? null) === JSON.stringify(av ?? null)) continue;
    out.push({ key: k, before: bv ?? null, after: av ?? null });
  }
  return out;
}
