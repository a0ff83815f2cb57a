/** Small builders for the domain tests (not used by production code). */
import type { ActivityItem, CalcData, ResultRow, SchoolRow, StudentRow } from './types.js';

export function school(
  id: number,
  municipalityId = 1,
  fields: SchoolRow['fields'] = {},
  context: SchoolRow['context'] = null,
): SchoolRow {
  return { id, municipalityId, code: `S${id}`, name: `Школа ${id}`, fields, context };
}

export function result(
  schoolId: number,
  procedure: string,
  subject: string,
  grade: number,
  year: number,
  participants: number,
  belowMin: number | null,
  extra: Partial<ResultRow> = {},
): ResultRow {
  return {
    schoolId,
    procedure,
    subject,
    grade,
    year,
    participants,
    belowMin,
    mark2: null,
    mark3: null,
    mark4: null,
    mark5: null,
    meanScore: null,
    high80to99: null,
    high100: null,
    ...extra,
  };
}

export function student(
  schoolId: number,
  subject: string,
  mark: number | null,
  journalMark: number | null,
  extra: Partial<StudentRow> = {},
): StudentRow {
  return { schoolId, procedure: 'VPR', subject, grade: 5, year: 2024, mark, journalMark, ...extra };
}

export function item(
  activityId: number,
  schoolId: number | null,
  status: ActivityItem['status'],
  dueTo: string | null,
  completedOn: string | null = null,
  extra: Partial<ActivityItem> = {},
): ActivityItem {
  return {
    activityId,
    occurrenceId: null,
    programmeId: 1,
    schoolId,
    municipalityId: schoolId === null ? null : 1,
    label: `Мероприятие ${activityId}`,
    status,
    dueTo,
    completedOn,
    ...extra,
  };
}

export function data(partial: Partial<CalcData>): CalcData {
  return {
    year: 2024,
    today: '2024-12-31',
    schools: [],
    results: [],
    students: [],
    approvedLists: [],
    activities: [],
    ...partial,
  };
}
