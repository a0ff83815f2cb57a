import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Run = Json<paths['/api/identification/runs']['get']['responses'][200]>[number];
export type RunSummary = Json<paths['/api/identification/runs/{id}']['get']['responses'][200]>;
export type SchoolsPage = Json<paths['/api/identification/runs/{id}/schools']['get']['responses'][200]>;
export type RunSchool = SchoolsPage['items'][number];
export type SchoolsQuery = NonNullable<
  paths['/api/identification/runs/{id}/schools']['get']['parameters']['query']
>;
export type SchoolDetail = Json<
  paths['/api/identification/runs/{id}/schools/{schoolId}']['get']['responses'][200]
>;
export type Scatter = Json<paths['/api/identification/runs/{id}/scatter']['get']['responses'][200]>;
export type ScatterPoint = Scatter['points'][number];
export type Diff = Json<paths['/api/identification/runs/{id}/diff']['get']['responses'][200]>;
export type DiffItem = Diff['entered'][number];
export type WhatIf = Json<paths['/api/identification/runs/{id}/whatif']['post']['responses'][200]>;
export type ParamSets = Json<paths['/api/identification/params']['get']['responses'][200]>;
export type SchoolHistory = Json<paths['/api/schools/{id}/identification']['get']['responses'][200]>;
export type Display = RunSchool['display'];

export const identKeys = {
  all: ['identification'] as const,
  runs: ['identification', 'runs'] as const,
  run: (id: number) => ['identification', 'run', id] as const,
  schools: (id: number, q: SchoolsQuery) => ['identification', 'run', id, 'schools', q] as const,
  school: (id: number, schoolId: number) => ['identification', 'run', id, 'school', schoolId] as const,
  scatter: (id: number) => ['identification', 'run', id, 'scatter'] as const,
  diff: (id: number) => ['identification', 'run', id, 'diff'] as const,
  params: ['identification', 'params'] as const,
  history: (schoolId: number) => ['identification', 'history', schoolId] as const,
};

/** The runs; polled every 2 s while one of them is being computed. */
export const useRuns = () =>
  useQuery({
    queryKey: identKeys.runs,
    queryFn: () => call(api.GET('/api/identification/runs')),
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'running') ? 2000 : false),
  });

export const useParamSets = () =>
  useQuery({
    queryKey: identKeys.params,
    queryFn: () => call(api.GET('/api/identification/params')),
    staleTime: 5 * 60_000,
  });

/** A run's summary; polled every second while the run is being computed. */
export const useRun = (id: number) =>
  useQuery({
    queryKey: identKeys.run(id),
    queryFn: () => call(api.GET('/api/identification/runs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data?.run.status === 'running' ? 1000 : false),
  });

/** The job computing a run (visible to the user who started it), polled until it ends. */
export const useRunJob = (jobId: number | null) =>
  useQuery({
    queryKey: ['identification', 'job', jobId ?? 0],
    queryFn: () => call(api.GET('/api/jobs/{id}', { params: { path: { id: jobId! } } })),
    enabled: jobId !== null,
    retry: false,
    refetchInterval: (q) => {
      const st = q.state.data?.status;
      return st === 'done' || st === 'failed' || q.state.error ? false : 700;
    },
  });

export const useRunSchools = (id: number, q: SchoolsQuery) =>
  useQuery({
    queryKey: identKeys.schools(id, q),
    queryFn: () =>
      call(api.GET('/api/identification/runs/{id}/schools', { params: { path: { id }, query: q } })),
    placeholderData: keepPreviousData,
  });

export const useRunSchool = (id: number, schoolId: number, enabled: boolean) =>
  useQuery({
    queryKey: identKeys.school(id, schoolId),
    queryFn: () =>
      call(
        api.GET('/api/identification/runs/{id}/schools/{schoolId}', { params: { path: { id, schoolId } } }),
      ),
    enabled,
  });

export const useScatter = (id: number) =>
  useQuery({
    queryKey: identKeys.scatter(id),
    queryFn: () => call(api.GET('/api/identification/runs/{id}/scatter', { params: { path: { id } } })),
  });

export const useDiff = (id: number) =>
  useQuery({
    queryKey: identKeys.diff(id),
    queryFn: () => call(api.GET('/api/identification/runs/{id}/diff', { params: { path: { id } } })),
  });

export const useSchoolIdentification = (schoolId: number) =>
  useQuery({
    queryKey: identKeys.history(schoolId),
    queryFn: () => call(api.GET('/api/schools/{id}/identification', { params: { path: { id: schoolId } } })),
  });

export function useStartRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; paramSetId?: number }) =>
      call(api.POST('/api/identification/runs', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: identKeys.all }),
  });
}

export type ParamSetBody = { name: string; params: Record<string, unknown>; isDefault: boolean };

export function useParamSetMutations() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: identKeys.params });
  return {
    create: useMutation({
      mutationFn: (body: ParamSetBody) => call(api.POST('/api/identification/params', { body })),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: ParamSetBody }) =>
        call(api.PATCH('/api/identification/params/{id}', { params: { path: { id } }, body })),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (id: number) =>
        call(api.DELETE('/api/identification/params/{id}', { params: { path: { id } } })),
      onSuccess: done,
    }),
  };
}

export function usePropose(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (note: string | null) =>
      call(api.POST('/api/identification/runs/{id}/propose', { params: { path: { id } }, body: { note } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: identKeys.all }),
  });
}

export function useApprove(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { orderNumber: string; orderDate: string }) =>
      call(api.POST('/api/identification/runs/{id}/approve', { params: { path: { id } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: identKeys.all }),
  });
}

export function useWhatIf(id: number) {
  return useMutation({
    mutationFn: (params: Record<string, unknown>) =>
      call(api.POST('/api/identification/runs/{id}/whatif', { params: { path: { id } }, body: { params } })),
  });
}

export const exportUrl = (id: number, kind: 'list.docx' | 'list.xlsx', lang: string) =>
  `/api/identification/runs/${id}/${kind}?lang=${lang}`;
