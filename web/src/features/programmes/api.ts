import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type Body<T> = T extends { requestBody?: { content: { 'application/json': infer J } } } ? J : never;

export type ProgrammeListItem = Json<paths['/api/programmes']['get']['responses'][200]>[number];
export type ProgrammeQuery = NonNullable<paths['/api/programmes']['get']['parameters']['query']>;
export type Programme = Json<paths['/api/programmes/{id}']['get']['responses'][200]>;
export type ProgrammeCreate = Body<paths['/api/programmes']['post']>;
export type ProgrammePatch = Body<paths['/api/programmes/{id}']['patch']>;
export type ProgrammeStatus = Programme['status'];
export type ProgrammeLevel = Programme['level'];
export type Progress = Programme['progress'];
export type ProgressRow = Json<paths['/api/programmes/progress']['get']['responses'][200]>[number];
export type Roadmap = Json<paths['/api/programmes/{id}/roadmap']['get']['responses'][200]>;
export type RoadmapQuery = NonNullable<paths['/api/programmes/{id}/roadmap']['get']['parameters']['query']>;
export type Activity = Roadmap['activities'][number];
export type Section = Roadmap['sections'][number];
export type ActivityStatus = Activity['status'];
export type ActivityCard = Json<paths['/api/activities/{id}']['get']['responses'][200]>;
export type ActivityCreate = Body<paths['/api/programmes/{id}/activities']['post']>;
export type ActivityPatch = Body<paths['/api/activities/{id}']['patch']>;
export type Occurrence = ActivityCard['occurrences'][number];
export type Evidence = ActivityCard['evidence'][number];
export type TaskList = Json<paths['/api/me/tasks']['get']['responses'][200]>;
export type TaskItem = TaskList['items'][number];
export type NotificationList = Json<paths['/api/notifications']['get']['responses'][200]>;
export type ParsedRoadmap = Json<paths['/api/programmes/import/parse']['post']['responses'][200]>;
export type ImportBody = Body<paths['/api/programmes/import']['post']>;
export type ImportResult = Json<paths['/api/programmes/import']['post']['responses'][201]>;

export const PROGRAMME_STATUSES = ['draft', 'approved', 'in_progress', 'completed'] as const;
export const PROGRAMME_LEVELS = ['region', 'municipality', 'school'] as const;
export const ACTIVITY_STATUSES = ['planned', 'in_progress', 'done', 'overdue', 'cancelled'] as const;
export const ACTIVITY_LEVELS = ['regional', 'municipal', 'school'] as const;
export const PRODUCT_TYPES = [
  'order',
  'reference',
  'plan',
  'contract',
  'certificate',
  'screenshot',
  'minutes',
  'other',
] as const;

export const progKeys = {
  list: (q: ProgrammeQuery) => ['programmes', q] as const,
  one: (id: number) => ['programme', id] as const,
  roadmap: (id: number, q: RoadmapQuery) => ['programme', id, 'roadmap', q] as const,
  activity: (id: number) => ['activity', id] as const,
  progress: (by: string, municipalityId?: number) => ['programmes-progress', by, municipalityId] as const,
};

export const useProgrammes = (query: ProgrammeQuery) =>
  useQuery({
    queryKey: progKeys.list(query),
    queryFn: () => call(api.GET('/api/programmes', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const useProgress = (
  by: 'municipality' | 'school' | 'programme',
  municipalityId?: number,
  enabled = true,
) =>
  useQuery({
    queryKey: progKeys.progress(by, municipalityId),
    queryFn: () =>
      call(
        api.GET('/api/programmes/progress', {
          params: { query: { by, ...(municipalityId ? { municipalityId } : {}) } },
        }),
      ),
    enabled,
  });

export const useProgramme = (id: number) =>
  useQuery({
    queryKey: progKeys.one(id),
    queryFn: () => call(api.GET('/api/programmes/{id}', { params: { path: { id } } })),
  });

export const useRoadmap = (id: number, query: RoadmapQuery) =>
  useQuery({
    queryKey: progKeys.roadmap(id, query),
    queryFn: () => call(api.GET('/api/programmes/{id}/roadmap', { params: { path: { id }, query } })),
    placeholderData: keepPreviousData,
  });

export const useActivity = (id: number | null) =>
  useQuery({
    queryKey: progKeys.activity(id ?? 0),
    queryFn: () => call(api.GET('/api/activities/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== null,
  });

/** After any write to a programme: its card, roadmap, lists and figures are stale. */
export function useInvalidateProgramme() {
  const qc = useQueryClient();
  return (programmeId?: number, activityId?: number) => {
    if (programmeId) void qc.invalidateQueries({ queryKey: progKeys.one(programmeId) });
    if (activityId) void qc.invalidateQueries({ queryKey: progKeys.activity(activityId) });
    void qc.invalidateQueries({ queryKey: ['programmes'] });
    void qc.invalidateQueries({ queryKey: ['programmes-progress'] });
    void qc.invalidateQueries({ queryKey: ['tasks'] });
    void qc.invalidateQueries({ queryKey: ['coordination'] });
  };
}

export function useCreateProgramme() {
  const inv = useInvalidateProgramme();
  return useMutation({
    mutationFn: (body: ProgrammeCreate) => call(api.POST('/api/programmes', { body })),
    onSuccess: (p) => inv(p.id),
  });
}

export function useProgrammeStatus(id: number) {
  const qc = useQueryClient();
  const inv = useInvalidateProgramme();
  return useMutation({
    mutationFn: (body: { status: ProgrammeStatus; version: number }) =>
      call(api.POST('/api/programmes/{id}/status', { params: { path: { id } }, body })),
    onSuccess: (p) => {
      qc.setQueryData(progKeys.one(id), p);
      inv(id);
    },
  });
}

export function useSaveActivity(programmeId: number) {
  const inv = useInvalidateProgramme();
  return useMutation({
    mutationFn: (v: { id: number | null; body: ActivityCreate | ActivityPatch }) =>
      v.id === null
        ? call(
            api.POST('/api/programmes/{id}/activities', {
              params: { path: { id: programmeId } },
              body: v.body as ActivityCreate,
            }),
          )
        : call(
            api.PATCH('/api/activities/{id}', {
              params: { path: { id: v.id } },
              body: v.body as ActivityPatch,
            }),
          ),
    onSettled: (a) => inv(programmeId, a?.id),
  });
}

export const useTasks = () =>
  useQuery({
    queryKey: ['tasks', 'mine'],
    queryFn: () => call(api.GET('/api/me/tasks', { params: { query: { limit: 200 } } })),
  });

export const useOverdue = (enabled: boolean) =>
  useQuery({
    queryKey: ['coordination', 'overdue'],
    queryFn: () => call(api.GET('/api/programmes/overdue', { params: { query: { limit: 100 } } })),
    enabled,
  });

export const useDueSoon = (enabled: boolean) =>
  useQuery({
    queryKey: ['coordination', 'due-soon'],
    queryFn: () => call(api.GET('/api/programmes/due-soon', { params: { query: { days: 14, limit: 100 } } })),
    enabled,
  });

export const useNotifications = (enabled = true) =>
  useQuery({
    queryKey: ['notifications'],
    queryFn: () => call(api.GET('/api/notifications', { params: { query: { limit: 30 } } })),
    refetchInterval: 120_000,
    enabled,
  });

export function useReadNotification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') =>
      id === 'all'
        ? call(api.POST('/api/notifications/read-all'))
        : call(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

/** A document download link of a programme (the session cookie authorises it). */
export const documentUrl = (
  id: number,
  kind: 'document.docx' | 'document.xlsx' | 'report.docx',
  lang: string,
) => `/api/programmes/${id}/${kind}?lang=${lang}`;

export type SectionInput = Body<paths['/api/programmes/{id}/sections']['post']>;
export type SectionPatch = Body<paths['/api/programmes/{id}/sections/{sectionId}']['patch']>;
export type SchoolHit = Json<paths['/api/schools']['get']['responses'][200]>['items'][number];

/**
 * Add (sectionId null) or change a roadmap section; a change carries the section's version (a
 * concurrent change is a 409) and a new number is carried down to what is numbered under it.
 */
export function useSaveSection(programmeId: number) {
  const inv = useInvalidateProgramme();
  return useMutation({
    mutationFn: (v: { sectionId: number | null; body: SectionInput | SectionPatch }) =>
      v.sectionId === null
        ? call(
            api.POST('/api/programmes/{id}/sections', {
              params: { path: { id: programmeId } },
              body: v.body as SectionInput,
            }),
          )
        : call(
            api.PATCH('/api/programmes/{id}/sections/{sectionId}', {
              params: { path: { id: programmeId, sectionId: v.sectionId } },
              body: v.body as SectionPatch,
            }),
          ),
    onSettled: () => inv(programmeId),
  });
}

/**
 * Delete an empty section with the version the user saw (the server refuses one with activities or
 * subsections, and one changed meanwhile: 409 with the codes `programmes.sectionNotEmpty` and `error.conflict`).
 */
export function useDeleteSection(programmeId: number) {
  const inv = useInvalidateProgramme();
  return useMutation({
    mutationFn: (v: { sectionId: number; version: string }) =>
      call(
        api.DELETE('/api/programmes/{id}/sections/{sectionId}', {
          params: { path: { id: programmeId, sectionId: v.sectionId }, query: { version: v.version } },
        }),
      ),
    onSettled: () => inv(programmeId),
  });
}

/** Move a section one place among its siblings, with the version the user saw (a concurrent change is a 409). */
export function useMoveSection(programmeId: number) {
  const inv = useInvalidateProgramme();
  return useMutation({
    mutationFn: (v: { sectionId: number; direction: 'up' | 'down'; version: string }) =>
      call(
        api.POST('/api/programmes/{id}/sections/{sectionId}/move', {
          params: { path: { id: programmeId, sectionId: v.sectionId } },
          body: { direction: v.direction, version: v.version },
        }),
      ),
    onSettled: () => inv(programmeId),
  });
}

/** Delete an activity with the version the user saw (a concurrent change is a 409). */
export function useDeleteActivity(programmeId: number) {
  const qc = useQueryClient();
  const inv = useInvalidateProgramme();
  return useMutation({
    mutationFn: (v: { id: number; version: number }) =>
      call(
        api.DELETE('/api/activities/{id}', { params: { path: { id: v.id }, query: { version: v.version } } }),
      ),
    onSuccess: (_r, v) => qc.removeQueries({ queryKey: progKeys.activity(v.id) }),
    onSettled: () => inv(programmeId),
  });
}

/**
 * Delete a draft programme with the version and content stamp the user saw (another status, or a
 * change to it or to what is under it meanwhile: 409).
 */
export function useDeleteProgramme() {
  const qc = useQueryClient();
  const inv = useInvalidateProgramme();
  return useMutation({
    mutationFn: (v: { id: number; version: number; content: string }) =>
      call(
        api.DELETE('/api/programmes/{id}', {
          params: { path: { id: v.id }, query: { version: v.version, content: v.content } },
        }),
      ),
    onSuccess: (_r, v) => {
      qc.removeQueries({ queryKey: progKeys.one(v.id) });
      inv();
    },
    // Refused (a change meanwhile): the page shows the programme as it is now behind the message.
    onError: (_e, v) => inv(v.id),
  });
}

/** Change the passport fields given (with the version check: a concurrent change is a 409). */
export function usePatchProgramme(id: number) {
  const qc = useQueryClient();
  const inv = useInvalidateProgramme();
  return useMutation({
    mutationFn: (body: ProgrammePatch) =>
      call(api.PATCH('/api/programmes/{id}', { params: { path: { id } }, body })),
    onSuccess: (p) => {
      qc.setQueryData(progKeys.one(p.id), p);
      inv(p.id);
    },
  });
}

export const useSchoolSearch = (q: string, municipalityId: number | null, enabled: boolean) =>
  useQuery({
    queryKey: ['schools', 'pick', q, municipalityId],
    queryFn: () =>
      call(
        api.GET('/api/schools', {
          params: {
            query: { pageSize: 50, ...(q ? { q } : {}), ...(municipalityId ? { municipalityId } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
