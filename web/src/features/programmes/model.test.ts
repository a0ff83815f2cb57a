import { describe, expect, it } from 'vitest';
import { translate } from '../../../../common/src/i18n/client.js';
import { formatDateTime } from '../../lib/format';
import { conflictOf, errorText } from '../../api/conflict';
import { renumbering } from './model';
import {
  periodYears,
  sectionOptions,
  suggestSectionNumber,
  bucketTasks,
  compareNumbers,
  formatIsoDate,
  formatPeriod,
  formatSize,
  ganttBars,
  groupRoadmap,
  nextProgrammeStatus,
  normalisedDeadline,
  pct,
  sortRows,
  taskBucket,
} from './model';

const sec = (id: number, number: string, parentId: number | null = null, sortOrder = id) => ({
  id,
  parentId,
  number,
  title: `S${number}`,
  sortOrder,
});
const act = (id: number, sectionId: number | null, number: string, sortOrder = 0) => ({
  id,
  sectionId,
  number,
  sortOrder,
});

describe('compareNumbers', () => {
  it('orders numbered items part by part', () => {
    expect(['1.10', '1.2', '2', '1', null].sort(compareNumbers)).toEqual(['1', '1.2', '1.10', '2', null]);
  });
});

describe('groupRoadmap', () => {
  it('puts nested sections after their parent and activities in number order', () => {
    const groups = groupRoadmap(
      [sec(2, '2'), sec(1, '1'), sec(3, '1.2', 1)],
      [act(10, 3, '1.2.2'), act(11, 3, '1.2.1'), act(12, 2, '2.1'), act(13, null, '0')],
    );
    expect(groups.map((g) => [g.section?.number ?? null, g.depth, g.activities.map((a) => a.id)])).toEqual([
      [null, 0, [13]],
      ['1', 0, []],
      ['1.2', 1, [11, 10]],
      ['2', 0, [12]],
    ]);
  });
  it('drops empty sections of a filtered roadmap but keeps parents of non-empty ones', () => {
    const groups = groupRoadmap([sec(1, '1'), sec(2, '1.1', 1), sec(3, '2')], [act(10, 2, '1.1.1')], false);
    expect(groups.map((g) => g.section?.number)).toEqual(['1', '1.1']);
  });
  it('treats activities of an unknown section as loose', () => {
    expect(groupRoadmap([], [act(1, 99, '1')])[0]!.section).toBeNull();
  });
});

describe('tasks', () => {
  const today = '2026-11-22';
  it('buckets by due date', () => {
    expect(taskBucket({ overdue: true, dueTo: '2026-12-30' }, today)).toBe('overdue');
    expect(taskBucket({ overdue: false, dueTo: '2026-11-01' }, today)).toBe('overdue');
    expect(taskBucket({ overdue: false, dueTo: '2026-11-29' }, today)).toBe('week');
    expect(taskBucket({ overdue: false, dueTo: '2026-11-30' }, today)).toBe('later');
    expect(taskBucket({ overdue: false, dueTo: null }, today)).toBe('undated');
  });
  it('sorts each bucket by date', () => {
    const b = bucketTasks(
      [
        { overdue: false, dueTo: '2026-11-25' },
        { overdue: false, dueTo: '2026-11-23' },
      ],
      today,
    );
    expect(b.week.map((x) => x.dueTo)).toEqual(['2026-11-23', '2026-11-25']);
  });
});

describe('sortRows', () => {
  it('sorts numbers and keeps nulls last both ways', () => {
    const rows = [{ v: 2 }, { v: null }, { v: 10 }];
    expect(sortRows(rows, 'v', 'asc').map((r) => r.v)).toEqual([2, 10, null]);
    expect(sortRows(rows, 'v', 'desc').map((r) => r.v)).toEqual([10, 2, null]);
  });
});

describe('ganttBars', () => {
  const base = { text: 'Семинар', status: 'planned', overdue: false, recurring: false, number: '1.1' };
  it('makes a week-long bar for a single date and keeps ranges', () => {
    const { bars, undated } = ganttBars([
      { ...base, id: 1, dueFrom: null, dueTo: '2026-09-10' },
      { ...base, id: 2, dueFrom: '2026-09-01', dueTo: '2026-09-30', overdue: true },
      { ...base, id: 3, dueFrom: null, dueTo: null },
    ]);
    expect(bars.map((b) => [b.start, b.end, b.custom_class])).toEqual([
      ['2026-09-04', '2026-09-10', 'bar-planned'],
      ['2026-09-01', '2026-09-30', 'bar-overdue'],
    ]);
    expect(undated).toBe(1);
  });
  it('splits a recurring activity into its occurrences', () => {
    const occ = new Map([
      [
        5,
        [
          {
            id: 1,
            label: 'I кв.',
            dueFrom: '2026-09-01',
            dueTo: '2026-11-30',
            status: 'done',
            overdue: false,
          },
          {
            id: 2,
            label: 'II кв.',
            dueFrom: '2026-12-01',
            dueTo: '2027-02-28',
            status: 'planned',
            overdue: false,
          },
        ],
      ],
    ]);
    const { bars } = ganttBars(
      [{ ...base, id: 5, recurring: true, dueFrom: '2026-09-01', dueTo: '2027-08-31' }],
      occ,
    );
    expect(bars.map((b) => b.id)).toEqual(['o1', 'o2']);
    expect(bars[0]!.progress).toBe(100);
  });
});

describe('formatting', () => {
  it('formats dates, periods, shares and sizes', () => {
    expect(formatIsoDate('2026-09-01')).toBe('01.09.2026');
    expect(formatIsoDate(null)).toBe('—');
    expect(formatPeriod('2026-09-01', null)).toBe('01.09.2026 – —');
    expect(pct(0.6667)).toBe(67);
    expect(pct(null)).toBe(0);
    expect(formatSize(1536)).toBe('1,5\u00a0КБ');
    expect(formatSize(20, 'en')).toBe('20\u00a0B');
  });
  it('knows the next programme status', () => {
    expect(nextProgrammeStatus('draft')).toBe('approved');
    expect(nextProgrammeStatus('completed')).toBeNull();
  });
});

describe('normalisedDeadline', () => {
  it('shows the dates a deadline stands for, with the label when it adds something', () => {
    expect(
      normalisedDeadline({
        deadlineText: 'Сентябрь 2026',
        deadlineLabel: 'сентябрь 2026',
        dueFrom: '2026-09-01',
        dueTo: '2026-09-30',
      }),
    ).toBe('01.09.2026 – 30.09.2026');
    expect(
      normalisedDeadline({
        deadlineText: 'март',
        deadlineLabel: 'март 2027',
        dueFrom: '2027-03-01',
        dueTo: '2027-03-31',
      }),
    ).toBe('март 2027 (01.03.2027 – 31.03.2027)');
    expect(
      normalisedDeadline({
        deadlineText: 'До 01.09.2026',
        deadlineLabel: 'до 01.09.2026',
        dueFrom: null,
        dueTo: '2026-09-01',
      }),
    ).toBe('01.09.2026');
    expect(
      normalisedDeadline({
        deadlineText: 'постоянно',
        deadlineLabel: 'постоянно',
        dueFrom: null,
        dueTo: null,
      }),
    ).toBe('постоянно');
  });
});

describe('section helpers', () => {
  const secs = [
    { id: 1, parentId: null, number: '1', title: 'Орг', sortOrder: 1 },
    { id: 2, parentId: 1, number: '1.1', title: 'Группа', sortOrder: 2 },
    { id: 3, parentId: 1, number: '1.2', title: 'Анализ', sortOrder: 3 },
    { id: 4, parentId: null, number: '2', title: 'Педагоги', sortOrder: 4 },
    { id: 5, parentId: 2, number: '1.1.1', title: 'Состав', sortOrder: 5 },
  ];
  it('lists sections in reading order with depth and ancestry', () => {
    const o = sectionOptions(secs);
    expect(o.map((x) => x.id)).toEqual([1, 2, 5, 3, 4]);
    expect(o.find((x) => x.id === 5)?.path).toEqual([1, 2, 5]);
    expect(o.find((x) => x.id === 5)?.depth).toBe(2);
    expect(o[0]?.label).toBe('1. Орг');
  });
  it('suggests the next free number', () => {
    expect(suggestSectionNumber(secs, null)).toBe('3');
    expect(suggestSectionNumber(secs, 1)).toBe('1.3');
    expect(suggestSectionNumber(secs, 5)).toBe('1.1.1.1');
    expect(suggestSectionNumber([], null)).toBe('1');
    expect(suggestSectionNumber([{ id: 9, parentId: null, number: null, title: 'x', sortOrder: 1 }], 9)).toBe(
      '',
    );
  });
});

describe('programme period', () => {
  it('offers the years of the period', () => {
    expect(periodYears('2026-09-01', '2028-08-31')).toEqual([2026, 2027, 2028]);
    expect(periodYears(null, null)).toEqual([]);
    expect(periodYears('2026-01-01', null)).toEqual([2026]);
  });
});

describe('a refused write', () => {
  const ru = (key: string, params?: Record<string, string>) => translate('ru', key, params);
  const conflict = {
    code: 'error.conflict',
    message: 'Запись уже изменил другой пользователь (Иванова И. И., 22.11.2026, 21:00:00). …',
    details: { conflict: { by: 'Иванова И. И.', at: '2026-11-22T18:00:00.000Z' } },
  };
  it('tells a concurrent change with the time in the reader’s zone, from the catalogue', () => {
    expect(errorText(conflict, ru, () => '22.11.2026 20:00')).toBe(
      'Запись уже изменил другой пользователь (Иванова И. И., 22.11.2026 20:00). Обновите страницу: ваши изменения не сохранены, чтобы не потерять чужие.',
    );
    // by default as every other time on the screens
    expect(errorText(conflict, ru)).toContain(formatDateTime('2026-11-22T18:00:00.000Z'));
  });
  it('keeps the server’s text for other refusals and for a conflict without details', () => {
    expect(errorText({ code: 'programmes.sectionNotEmpty', message: 'Раздел не пуст.' }, ru)).toBe(
      'Раздел не пуст.',
    );
    expect(errorText({ ...conflict, details: undefined }, ru)).toBe(conflict.message);
    expect(conflictOf({ conflict: { by: 'X', at: 'вчера' } })).toBeNull();
    expect(conflictOf(null)).toBeNull();
  });
});

describe('renumbering', () => {
  it('names the prefix a new section number replaces', () => {
    expect(renumbering('2', '3')).toEqual({ from: '2.', to: '3.' });
    expect(renumbering('2.', '3.1')).toEqual({ from: '2.', to: '3.1.' });
    expect(renumbering('2', '2.')).toBeNull();
    expect(renumbering(null, '3')).toBeNull();
    expect(renumbering('2', '')).toBeNull();
  });
});
