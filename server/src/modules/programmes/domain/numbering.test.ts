import { describe, expect, it } from 'vitest';
import { renumberedUnder, sectionVersion, subtreeOf } from './numbering.js';

describe('renumberedUnder', () => {
  it('replaces the old number at the head of a nested number', () => {
    expect(renumberedUnder('2', '3', '2.1')).toBe('3.1');
    expect(renumberedUnder('2.', '3', '2.1.3')).toBe('3.1.3');
    expect(renumberedUnder('2', '3.', '2.1.')).toBe('3.1.');
    expect(renumberedUnder('2.1', '2.4', '2.1.3')).toBe('2.4.3');
    expect(renumberedUnder('2', '10', '2.1.1.1')).toBe('10.1.1.1');
  });
  it('leaves numbers not under the old one', () => {
    expect(renumberedUnder('2', '3', '20.1')).toBeNull();
    expect(renumberedUnder('2', '3', 'А-5')).toBeNull();
    expect(renumberedUnder('2', '3', '2')).toBeNull();
    expect(renumberedUnder('2', '3', '2.')).toBeNull();
    expect(renumberedUnder('2', '3', null)).toBeNull();
    expect(renumberedUnder(null, '3', '2.1')).toBeNull();
    expect(renumberedUnder('2', null, '2.1')).toBeNull();
    expect(renumberedUnder('2', '2.', '2.1')).toBeNull();
  });
});

describe('subtreeOf', () => {
  it('collects nested sections only', () => {
    const s = [
      { id: 1, parent_id: null },
      { id: 2, parent_id: 1 },
      { id: 3, parent_id: 2 },
      { id: 4, parent_id: null },
      { id: 5, parent_id: 4 },
    ];
    expect([...subtreeOf(1, s)].sort()).toEqual([1, 2, 3]);
    expect([...subtreeOf(5, s)]).toEqual([5]);
  });
});

describe('sectionVersion', () => {
  const s = { parent_id: null, number: '1', title: 'Управление', tasks: ['А'], sort_order: 10 };
  it('changes with any field the user sees', () => {
    const v = sectionVersion(s);
    expect(sectionVersion({ ...s })).toBe(v);
    expect(sectionVersion({ ...s, number: '2' })).not.toBe(v);
    expect(sectionVersion({ ...s, title: 'Кадры' })).not.toBe(v);
    expect(sectionVersion({ ...s, tasks: [] })).not.toBe(v);
    expect(sectionVersion({ ...s, parent_id: 3 })).not.toBe(v);
    expect(sectionVersion({ ...s, sort_order: 20 })).not.toBe(v);
  });
});
