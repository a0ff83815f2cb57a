import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, postForm } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type SchoolResults = Json<paths['/api/results/schools/{id}']['get']['responses'][200]>;
export type Series = SchoolResults['series'][number];
export type Point = Series['points'][number];
export type Totals = Point['school'];
export type ImportView = Json<paths['/api/results/imports/{id}']['get']['responses'][200]>;
export type ImportSchool = ImportView['schools'][number];
export type ImportProblem = ImportView['problems'][number];
export type ImportOptions = NonNullable<
  paths['/api/results/imports/{id}/reparse']['post']['requestBody']
>['content']['application/json'];
export type HistoryPage = Json<paths['/api/results/imports']['get']['responses'][200]>;
export type HistoryItem = HistoryPage['items'][number];
export type RowsPage = Json<paths['/api/results/imports/{id}/rows']['get']['responses'][200]>;
export type Job = Json<paths['/api/jobs/{id}']['get']['responses'][200]>;
export type Procedure = Json<paths['/api/results/procedures']['get']['responses'][200]>[number];
export type Subject = Json<paths['/api/results/subjects']['get']['responses'][200]>[number];
export type CommitResult = Json<paths['/api/results/imports/{id}/commit']['post']['responses'][200]>;
export type Summary = Json<paths['/api/results/summary']['get']['responses'][200]>;
export type SummaryQuery = NonNullable<paths['/api/results/summary']['get']['parameters']['query']>;
export type Dataset = Json<paths['/api/results/datasets']['get']['responses'][200]>[number];
export type Threshold = Json<paths['/api/results/thresholds']['get']['responses'][200]>[number];
export type ThresholdBody = NonNullable<
  paths['/api/results/thresholds']['put']['requestBody']
>['content']['application/json'];
export type Template = Json<paths['/api/results/templates']['get']['responses'][200]>[number];
export type SchoolsPage = Json<paths['/api/results/imports/{id}/schools']['get']['responses'][200]>;
export type Review = 'all' | 'open' | 'decided';
export interface Upload {
  id: number;
  jobId: number | null;
  view: ImportView | null;
}

export const resultsKeys = {
  school: (id: number) => ['results', 'school', id] as const,
  history: (page: number) => ['results', 'imports', page] as const,
  view: (id: number) => ['results', 'import', id] as const,
  rows: (id: number, page: number) => ['results', 'import', id, 'rows', page] as const,
  job: (id: number) => ['results', 'job', id] as const,
  procedures: ['results', 'procedures'] as const,
  subjects: ['results', 'subjects'] as const,
  datasets: ['results', 'datasets'] as const,
  thresholds: ['results', 'thresholds'] as const,
  templates: ['results', 'templates'] as const,
  schools: (id: number, review: Review, page: number) =>
    ['results', 'import', id, 'schools', review, page] as const,
  summary: (q: SummaryQuery) => ['results', 'summary', q] as const,
};

export const useSchoolResults = (id: number) =>
  useQuery({
    queryKey: resultsKeys.school(id),
    queryFn: () => call(api.GET('/api/results/schools/{id}', { params: { path: { id }, query: {} } })),
  });

export const useProcedures = () =>
  useQuery({
    queryKey: resultsKeys.procedures,
    queryFn: () => call(api.GET('/api/results/procedures')),
    staleTime: 10 * 60_000,
  });

export const useSubjects = () =>
  useQuery({
    queryKey: resultsKeys.subjects,
    queryFn: () => call(api.GET('/api/results/subjects')),
    staleTime: 10 * 60_000,
  });

/** Display names of procedure and subject codes (a code without a name shows as itself). */
export function useCodeNames() {
  const procedures = useProcedures();
  const subjects = useSubjects();
  return useMemo(() => {
    const p = new Map(procedures.data?.map((x) => [x.code, x.shortName]));
    const s = new Map(subjects.data?.map((x) => [x.code, x.name]));
    return { procedure: (c: string) => p.get(c) ?? c, subject: (c: string) => s.get(c) ?? c };
  }, [procedures.data, subjects.data]);
}

export const useThresholds = () =>
  useQuery({ queryKey: resultsKeys.thresholds, queryFn: () => call(api.GET('/api/results/thresholds')) });

export const useTemplates = () =>
  useQuery({ queryKey: resultsKeys.templates, queryFn: () => call(api.GET('/api/results/templates')) });

/** One page of the schools of an import (the preview carries only the first ones). */
export const useImportSchools = (id: number, review: Review, page: number, pageSize = 20) =>
  useQuery({
    queryKey: resultsKeys.schools(id, review, page),
    queryFn: () =>
      call(
        api.GET('/api/results/imports/{id}/schools', {
          params: { path: { id }, query: { page, pageSize, review } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

/** Keys of every school of an import still waiting for a decision, read page by page. */
export async function openSchoolKeys(id: number): Promise<number[]> {
  const keys: number[] = [];
  for (let page = 1; ; page++) {
    const r = await call(
      api.GET('/api/results/imports/{id}/schools', {
        params: { path: { id }, query: { page, pageSize: 1000, review: 'open' } },
      }),
    );
    for (const s of r.items) keys.push(s.key);
    if (page * r.pageSize >= r.total) return keys;
  }
}

/** Writes of the reference data: thresholds, subjects, templates. */
export function useReferenceMutations() {
  const qc = useQueryClient();
  const refresh = (key: readonly string[]) => () => void qc.invalidateQueries({ queryKey: key });
  return {
    putThreshold: useMutation({
      mutationFn: (body: ThresholdBody) => call(api.PUT('/api/results/thresholds', { body })),
      onSuccess: () => void qc.invalidateQueries({ queryKey: ['results'] }),
    }),
    deleteThreshold: useMutation({
      mutationFn: (id: number) =>
        call(api.DELETE('/api/results/thresholds/{id}', { params: { path: { id } } })),
      onSuccess: () => void qc.invalidateQueries({ queryKey: ['results'] }),
    }),
    putSubject: useMutation({
      mutationFn: (v: { code: string; name: string; synonyms: string[] }) =>
        call(
          api.PUT('/api/results/subjects/{code}', {
            params: { path: { code: v.code } },
            body: { name: v.name, synonyms: v.synonyms },
          }),
        ),
      onSuccess: refresh(resultsKeys.subjects),
    }),
    renameTemplate: useMutation({
      mutationFn: (v: { id: number; name: string }) =>
        call(
          api.PATCH('/api/results/templates/{id}', {
            params: { path: { id: v.id } },
            body: { name: v.name },
          }),
        ),
      onSuccess: refresh(resultsKeys.templates),
    }),
    deleteTemplate: useMutation({
      mutationFn: (id: number) =>
        call(api.DELETE('/api/results/templates/{id}', { params: { path: { id } } })),
      onSuccess: refresh(resultsKeys.templates),
    }),
  };
}

export const useDatasets = () =>
  useQuery({ queryKey: resultsKeys.datasets, queryFn: () => call(api.GET('/api/results/datasets')) });

export const useSummary = (q: SummaryQuery | null) =>
  useQuery({
    queryKey: resultsKeys.summary(q ?? ({} as SummaryQuery)),
    queryFn: () => call(api.GET('/api/results/summary', { params: { query: q! } })),
    enabled: !!q,
    placeholderData: keepPreviousData,
  });

export const useImportHistory = (page: number) =>
  useQuery({
    queryKey: resultsKeys.history(page),
    queryFn: () => call(api.GET('/api/results/imports', { params: { query: { page, pageSize: 50 } } })),
    placeholderData: keepPreviousData,
  });

export const useImportView = (id: number | null) =>
  useQuery({
    queryKey: resultsKeys.view(id ?? 0),
    queryFn: () => call(api.GET('/api/results/imports/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
  });

export const useImportRows = (id: number | null, page: number) =>
  useQuery({
    queryKey: resultsKeys.rows(id ?? 0, page),
    queryFn: () =>
      call(
        api.GET('/api/results/imports/{id}/rows', {
          params: { path: { id: id! }, query: { page, pageSize: 50 } },
        }),
      ),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });

/** A background job, polled every 700 ms until it ends. */
export const useJob = (id: number | null) =>
  useQuery({
    queryKey: resultsKeys.job(id ?? 0),
    queryFn: () => call(api.GET('/api/jobs/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'done' || s === 'failed' ? false : 700;
    },
  });

export function uploadResults(file: File, options: ImportOptions): Promise<Upload> {
  const f = new FormData();
  f.append('options', JSON.stringify(options));
  f.append('file', file, file.name);
  return postForm<Upload>('/api/results/imports', f);
}

export function useResultsMutations(id: number | null) {
  const qc = useQueryClient();
  const setView = (v: ImportView) => {
    qc.setQueryData(resultsKeys.view(v.id), v);
    void qc.invalidateQueries({ queryKey: ['results', 'import', v.id, 'rows'] });
    void qc.invalidateQueries({ queryKey: ['results', 'import', v.id, 'schools'] });
  };
  return {
    resolve: useMutation({
      mutationFn: (decisions: Array<{ key: number; schoolId?: number | null; exclude?: boolean }>) =>
        call(
          api.POST('/api/results/imports/{id}/resolve', {
            params: { path: { id: id! } },
            body: { decisions },
          }),
        ),
      onSuccess: setView,
    }),
    reparse: useMutation({
      mutationFn: (body: ImportOptions) =>
        call(api.POST('/api/results/imports/{id}/reparse', { params: { path: { id: id! } }, body })),
    }),
    commit: useMutation({
      mutationFn: () => call(api.POST('/api/results/imports/{id}/commit', { params: { path: { id: id! } } })),
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: ['results'] });
      },
    }),
    discard: useMutation({
      mutationFn: () =>
        call(api.POST('/api/results/imports/{id}/discard', { params: { path: { id: id! } } })),
      onSuccess: () => void qc.invalidateQueries({ queryKey: ['results', 'imports'] }),
    }),
  };
}

export function useRollback() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      call(api.POST('/api/results/imports/{id}/rollback', { params: { path: { id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['results'] }),
  });
}

/** A URL with the interface language, for the server's XLSX exports. */
export function exportUrl(path: string, query: Record<string, string | number | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') u.set(k, String(v));
  return `${path}?${u.toString()}`;
}
