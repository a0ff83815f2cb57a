/**
 * Text helpers shared by header detection and name matching: a word-level normal form and
 * phrase search over it, and a small non-cryptographic hash for content digests.
 */

/**
 * Lower case, ё → е, every run of characters other than letters and digits → one space.
 * `'Математика (профиль), чел.'` → `'математика профиль чел'`.
 */
export function words(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Does `text` (in `words` form) contain `phrase` (in `words` form) as whole consecutive words? */
export function hasPhrase(text: string, phrase: string): boolean {
  if (!phrase) return false;
  if (text === phrase) return true;
  const i = ` ${text} `.indexOf(` ${phrase} `);
  return i >= 0;
}

/** The longest of `phrases` found in `text` (both in `words` form), or null. */
export function longestPhrase(text: string, phrases: Iterable<string>): string | null {
  let best: string | null = null;
  for (const p of phrases) if (hasPhrase(text, p) && (!best || p.length > best.length)) best = p;
  return best;
}

/** cyrb53: a fast 53-bit string hash, returned as two 32-bit lanes. */
export function hash2(s: string, seed = 0): [number, number] {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** A 16-hex-digit hash of a string. */
export function hashHex(s: string): string {
  const [a, b] = hash2(s);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * An order-independent digest of a multiset of strings: the count and the lane-wise sums of the
 * members' hashes modulo 2^32. Adding the same rows in any order gives the same digest.
 */
export class MultisetDigest {
  private count = 0;
  private a = 0;
  private b = 0;
  add(s: string): void {
    const [x, y] = hash2(s);
    this.count++;
    this.a = (this.a + x) >>> 0;
    this.b = (this.b + y) >>> 0;
  }
  value(): string {
    return `${this.count}:${this.a.toString(16).padStart(8, '0')}${this.b.toString(16).padStart(8, '0')}`;
  }
}
