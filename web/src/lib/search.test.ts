import { describe, expect, it } from 'vitest';
import {
  hasSchoolFilters,
  nextSort,
  pageWindow,
  parseAuditSearch,
  parseQueryString,
  parseSchoolSearch,
  parseUserSearch,
  stringifyQueryString,
} from './search';

describe('parseSchoolSearch', () => {
  it('keeps valid values and converts numbers', () => {
    expect(
      parseSchoolSearch({
        q: ' гимназия ',
        municipalityId: '4',
        type: 'СОШ',
        locality: 'rural',
        isSmall: 'true',
        sort: 'students',
        order: 'desc',
        page: '3',
        pageSize: '50',
      }),
    ).toEqual({
      q: 'гимназия',
      municipalityId: 4,
      type: 'СОШ',
      locality: 'rural',
      isSmall: 'true',
      sort: 'students',
      order: 'desc',
      page: 3,
      pageSize: 50,
    });
  });
  it('drops unknown or broken values instead of failing', () => {
    expect(
      parseSchoolSearch({
        q: '',
        municipalityId: 'abc',
        type: 'колледж',
        locality: 'space',
        sort: 'drop table',
        order: 'up',
        page: '0',
        pageSize: '7',
        extra: 'x',
      }),
    ).toEqual({});
    expect(parseSchoolSearch({ page: '-1', municipalityId: '1.5' })).toEqual({});
  });
  it('tells whether the list is filtered', () => {
    expect(hasSchoolFilters({ sort: 'code', page: 2 })).toBe(false);
    expect(hasSchoolFilters({ isSmall: 'false' })).toBe(true);
  });
});

describe('nextSort', () => {
  it('flips the order of the same column and resets the page', () => {
    expect(nextSort({ sort: 'name', order: 'asc', page: 4 }, 'name')).toEqual({
      sort: 'name',
      order: 'desc',
    });
    expect(nextSort({}, 'name')).toEqual({ sort: 'name', order: 'desc' });
  });
  it('starts another column ascending, students descending', () => {
    expect(nextSort({ sort: 'name', order: 'desc', q: 'x' }, 'code')).toEqual({
      q: 'x',
      sort: 'code',
      order: 'asc',
    });
    expect(nextSort({}, 'students')).toEqual({ sort: 'students', order: 'desc' });
  });
});

describe('query strings', () => {
  it('round-trips plain strings (no JSON quoting)', () => {
    const s = stringifyQueryString({ q: 'СОШ № 1', page: 2, municipalityId: undefined, empty: '' });
    expect(s).toBe('?q=%D0%A1%D0%9E%D0%A8+%E2%84%96+1&page=2');
    expect(parseQueryString(s)).toEqual({ q: 'СОШ № 1', page: '2' });
    expect(parseSchoolSearch(parseQueryString(s))).toEqual({ q: 'СОШ № 1', page: 2 });
    expect(stringifyQueryString({})).toBe('');
  });
  it('parses other pages', () => {
    expect(parseUserSearch({ role: 'curator', q: 'ив', municipalityId: '2' })).toEqual({
      role: 'curator',
      q: 'ив',
      municipalityId: 2,
    });
    expect(parseUserSearch({ role: 'admin' })).toEqual({});
    expect(parseAuditSearch({ from: '2025-01-31', to: '2025-13-45', page: '2', entity: 'school' })).toEqual({
      from: '2025-01-31',
      page: 2,
      entity: 'school',
    });
  });
});

describe('pageWindow', () => {
  it('shows the first, the last and the neighbours', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(1, 20)).toEqual([1, 2, null, 20]);
    expect(pageWindow(6, 20)).toEqual([1, null, 5, 6, 7, null, 20]);
    expect(pageWindow(3, 20)).toEqual([1, 2, 3, 4, null, 20]);
    expect(pageWindow(20, 20)).toEqual([1, null, 19, 20]);
  });
});
