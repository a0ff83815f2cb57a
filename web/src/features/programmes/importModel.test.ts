import { describe, expect, it } from 'vitest';
import { toImportBody, type EditableRow } from './importModel';
import type { ParsedRoadmap } from './api';

const deadline = {
  original: 'март',
  kind: 'period' as const,
  from: '2027-03-01',
  to: '2027-03-31',
  recurrence: null,
  yearInferred: true,
  note: null,
  needsReview: false,
};
const act = (n: string, text: string) => ({
  sectionKey: 's1',
  number: n,
  text,
  level: null,
  task: null,
  deadlineText: 'март',
  executors: 'ОО',
  participants: null,
  plannedResult: null,
  product: null,
  productType: null,
  completionMark: null,
  row: 3,
  deadline,
  deadlineLabel: 'март 2027',
});
const parsed: ParsedRoadmap = {
  fileName: 'a.txt',
  format: 'text',
  passport: {
    name: 'Дорожная карта',
    orderIssuer: null,
    orderNumber: null,
    orderDate: null,
    developers: null,
    executors: null,
    goals: null,
    tasks: [],
    expectedResults: null,
    periodFrom: null,
    periodTo: null,
    stages: [],
    controllers: null,
  },
  columns: {},
  sections: [{ key: 's1', parentKey: null, number: '1', title: 'Раздел', tasks: [], row: 2 }],
  activities: [act('1.1', 'Первое'), act('1.2', 'Второе')],
  indicators: [
    { number: '1', name: 'Доля', unit: '%', baseline: 10, baselineYear: 2026, targets: [], row: 9 },
  ],
  problems: [],
};

describe('toImportBody', () => {
  it('drops deleted rows and preview-only fields and applies edits', () => {
    const rows: EditableRow[] = parsed.activities.map((a, i) => ({
      ...a,
      key: i,
      deleted: i === 1,
      edited: false,
    }));
    rows[0] = { ...rows[0]!, deadlineText: ' до 01.04.2027 ', edited: true };
    const body = toImportBody(parsed, rows, { level: 'school', schoolId: 5 }, { orderNumber: '12' });
    expect(body.activities).toHaveLength(1);
    expect(body.activities[0]).not.toHaveProperty('row');
    expect(body.activities[0]).not.toHaveProperty('deadline');
    expect(body.activities[0]!.deadlineText).toBe('до 01.04.2027');
    expect(body.sections[0]).not.toHaveProperty('row');
    expect(body.indicators?.[0]).not.toHaveProperty('row');
    expect(body.passport.orderNumber).toBe('12');
    expect(body.passport.name).toBe('Дорожная карта');
    expect(body.target).toEqual({ level: 'school', schoolId: 5 });
  });
});
