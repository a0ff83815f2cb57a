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

/**
 * cyrb53 fed in pieces: the same lanes as `hash2` of the concatenated text, without building it.
 * `num` feeds a number as `String(n)` would spell it.
 */
export class StreamHash {
  private h1 = 0;
  private h2 = 0;
  reset(seed = 0): this {
    this.h1 = 0xdeadbeef ^ seed;
    this.h2 = 0x41c6ce57 ^ seed;
    return this;
  }
  /** Go on from lanes `h1`, `h2` (those of a text fed elsewhere: see `StudentLines`). */
  resume(h1: number, h2: number): this {
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }
  /** One UTF-16 code unit (`text` feeds them one by one). */
  ch(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 2654435761);
    this.h2 = Math.imul(this.h2 ^ c, 1597334677);
  }
  text(s: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }
  sep(): void {
    this.ch(124); // '|'
  }
  num(n: number): void {
    if (Number.isInteger(n) && n >= 0 && n < 1e15) {
      if (n < 10000) {
        // the usual marks and scores: their digits by integer arithmetic
        if (n >= 1000) this.ch(48 + ((n / 1000) | 0));
        if (n >= 100) this.ch(48 + (((n / 100) | 0) % 10));
        if (n >= 10) this.ch(48 + (((n / 10) | 0) % 10));
        this.ch(48 + (n % 10));
        return;
      }
      let div = 1;
      while (div * 10 <= n) div *= 10;
      for (; div >= 1; div /= 10) {
        const d = Math.floor(n / div);
        this.ch(48 + d);
        n -= d * div;
      }
      return;
    }
    this.text(String(n));
  }
  /** Finish: the two lanes are then in `a` and `b` (no array per hash). */
  finish(): void {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    this.a = h1 >>> 0;
    this.b = h2 >>> 0;
  }
  a = 0;
  b = 0;
  lanes(): [number, number] {
    this.finish();
    return [this.a, this.b];
  }
}

/** A 16-hex-digit hash of a string. */
export function hashHex(s: string): string {
  const [a, b] = hash2(s);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
