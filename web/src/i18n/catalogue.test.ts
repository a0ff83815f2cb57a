import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { web } from '../../../common/src/i18n/web';
import { hasMessage } from '../../../common/src/i18n/client';

const SRC = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the web catalogue', () => {
  it('has the same keys in Russian and English, none empty', () => {
    expect(Object.keys(web.en).sort()).toEqual(Object.keys(web.ru).sort());
    for (const [k, v] of [...Object.entries(web.ru), ...Object.entries(web.en)])
      expect(v.trim(), k).not.toBe('');
  });
  it('has the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(web.ru) as Array<keyof typeof web.ru>)
      expect(names(web.en[k]), k).toEqual(names(web.ru[k]));
  });
  it('contains every key the interface uses literally', () => {
    const missing: string[] = [];
    for (const file of sources(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'((?:web|role|registry)\.[\w.]+)'/g))
        if (!hasMessage(m[1]!)) missing.push(`${m[1]} (${path.relative(SRC, file)})`);
      for (const m of text.matchAll(/'(web\.[a-zA-Z]+\.[\w.]+)'/g))
        if (!hasMessage(m[1]!)) missing.push(`${m[1]} (${path.relative(SRC, file)})`);
    }
    expect(missing).toEqual([]);
  });
});
