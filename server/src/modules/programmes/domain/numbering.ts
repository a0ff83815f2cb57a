import { createHash } from 'node:crypto';

/**
 * Roadmap sections have no version column: the version a client holds is a fingerprint of what it
 * saw (parent, number, title, tasks, order). Any change of these — by an edit, a move or a
 * renumbering of a parent — changes the fingerprint, so a stale edit is refused (409).
 */
export function sectionVersion(s: {
  parent_id: number | null;
  number: string | null;
  title: string;
  tasks: unknown;
  sort_order: number;
}): string {
  const tasks = Array.isArray(s.tasks) ? s.tasks : [];
  return createHash('sha256')
    .update(JSON.stringify([s.parent_id, s.number, s.title, tasks, s.sort_order]))
    .digest('base64url')
    .slice(0, 16);
}

const base = (n: string) => n.trim().replace(/\.+$/, '');

/**
 * The number of an item under a renumbered section: «2.1.3» under «2» renumbered to «3» becomes
 * «3.1.3» (a trailing dot as written is kept: «2.1.» → «3.1.»). Null when the item is not numbered
 * under the old number (its own numbering, e.g. «А-5» or «12», stays as it is).
 */
export function renumberedUnder(
  oldNumber: string | null,
  newNumber: string | null,
  itemNumber: string | null,
): string | null {
  if (!oldNumber || !newNumber || !itemNumber) return null;
  const from = base(oldNumber);
  const to = base(newNumber);
  if (!from || !to || from === to) return null;
  const n = itemNumber.trim();
  if (!n.startsWith(`${from}.`) || n.length === from.length + 1) return null;
  return `${to}${n.slice(from.length)}`;
}

/** Ids of the section and all sections nested in it (a parent map of the programme's sections). */
export function subtreeOf(
  rootId: number,
  sections: Array<{ id: number; parent_id: number | null }>,
): Set<number> {
  const children = new Map<number, number[]>();
  for (const s of sections)
    if (s.parent_id !== null) children.set(s.parent_id, [...(children.get(s.parent_id) ?? []), s.id]);
  const out = new Set<number>([rootId]);
  const stack = [rootId];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? [])
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
  }
  return out;
}
