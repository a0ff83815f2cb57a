import { describe, expect, it } from 'vitest';
import {
  addressName,
  formatFileSize,
  currentSchoolYear,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatSchoolYear,
  initials,
  numberToInput,
  parseDecimal,
} from './format';

const NBSP = '\u00a0';

describe('numbers', () => {
  it('groups thousands and uses a decimal comma in Russian', () => {
    expect(formatNumber(167927)).toBe(`167${NBSP}927`);
    expect(formatNumber(1.5)).toBe('1,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });
  it('shows a dash for missing values', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatPercent(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
  it('formats shares with exactly one decimal', () => {
    expect(formatPercent(18.3)).toBe(`18,3${NBSP}%`);
    expect(formatPercent(2)).toBe(`2,0${NBSP}%`);
    expect(formatPercent(14.25)).toMatch(/^14,[23]\u00a0%$/);
    expect(formatPercent(0.9, 'en')).toBe(`0.9${NBSP}%`);
  });
});

describe('dates and school years', () => {
  it('formats dd.mm.yyyy hh:mm in local time', () => {
    const d = new Date(2025, 0, 5, 9, 7);
    expect(formatDateTime(d)).toBe('05.01.2025 09:07');
    expect(formatDateTime(d.toISOString())).toBe('05.01.2025 09:07');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDateTime(null)).toBe('—');
  });
  it('shows a school year by its autumn year', () => {
    expect(formatSchoolYear(2024)).toBe('2024/25');
    expect(formatSchoolYear(2099)).toBe('2099/00');
    expect(formatSchoolYear(2009)).toBe('2009/10');
  });
  it('finds the current school year (it starts in September)', () => {
    expect(currentSchoolYear(new Date(2025, 7, 31))).toBe(2024);
    expect(currentSchoolYear(new Date(2025, 8, 1))).toBe(2025);
  });
});

describe('parseDecimal', () => {
  it('accepts a comma, a dot and spaces', () => {
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal(' 12.25 ')).toBe(12.25);
    expect(parseDecimal('1 234')).toBe(1234);
    expect(parseDecimal(`1${NBSP}234,5`)).toBe(1234.5);
    expect(parseDecimal('-3')).toBe(-3);
  });
  it('returns null for empty and NaN for text', () => {
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('   ')).toBeNull();
    expect(parseDecimal('abc')).toBeNaN();
    expect(parseDecimal('1,2,3')).toBeNaN();
    expect(parseDecimal('12%')).toBeNaN();
  });
  it('round-trips with numberToInput', () => {
    for (const v of [0, 1.5, 18.3, 100, 0.25]) expect(parseDecimal(numberToInput(v))).toBe(v);
    expect(numberToInput(null)).toBe('');
    expect(numberToInput(1.5, 'en')).toBe('1.5');
  });
});

describe('names', () => {
  it('addresses a person by name and patronymic', () => {
    expect(addressName('Соколова Ирина Петровна')).toBe('Ирина Петровна');
    expect(addressName('Admin')).toBe('Admin');
    expect(initials('Соколова Ирина Петровна')).toBe('СИ');
  });
});

describe('file sizes', () => {
  it('uses bytes, kilobytes and megabytes with one decimal', () => {
    expect(formatFileSize(820)).toMatch(/^820\s\S+$/);
    expect(formatFileSize(204.8 * 1024)).toMatch(/^204,8\s[кК]Б$/);
    expect(formatFileSize(1.43 * 1024 * 1024)).toMatch(/^1,4\sМБ$/);
    expect(formatFileSize(1.43 * 1024 * 1024, 'en')).toMatch(/^1\.4\sMB$/);
  });
});
