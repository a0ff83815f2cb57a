import { createHash } from 'node:crypto';
import { renderParams, renderText } from './text.js';
import type { Contribution } from './types.js';

/**
 * A stable SHA-256 of a computation: calculation name, parameters and every contribution
 * (school, municipality, numerator, denominator, no-data reason, basis). Contributions come in a
 * deterministic order (the schools' order), so the hash is fed one contribution at a time and
 * nothing large is sorted; only the small objects (params, figures) are written with sorted keys,
 * so that a round trip through jsonb (which reorders keys) does not change the fingerprint. Labels and
 * reasons (messages rendered in the reader's language) enter as their Russian text, as they were written
 * before they became messages: the same data keeps the same fingerprint.
 */
export const FINGERPRINT_VERSION = 'indicators/1';

/** JSON with object keys sorted (for small objects). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** Flat figures (primitive values) written with sorted keys, without JSON.stringify of the whole. */
function figuresText(o: Record<string, unknown>): string {
  const keys = Object.keys(o);
  if (keys.length > 1) keys.sort();
  let s = '';
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    s += `${k}=${typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' && v !== null ? canonicalJson(v) : String(v)};`;
  }
  return s;
}

export function fingerprint(
  calculation: string,
  params: unknown,
  contributions: readonly Contribution[],
): string {
  const h = createHash('sha256');
  h.update(`${FINGERPRINT_VERSION}\n${calculation}\n${canonicalJson(params)}\n${contributions.length}\n`);
  for (const c of contributions) {
    let line = `${c.schoolId ?? '-'}|${c.municipalityId ?? '-'}|${c.numerator}|${c.denominator}|`;
    line += c.noData ? `${c.noData.key}${canonicalJson(renderParams('ru', c.noData.params) ?? {})}` : '';
    for (const b of c.basis)
      line += `|${b.kind}\u0001${renderText('ru', b.label)}\u0001${figuresText(b.figures)}\u0001${b.counted === undefined ? '' : b.counted ? 1 : 0}`;
    h.update(line);
    h.update('\n');
  }
  return h.digest('hex');
}
