import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, postForm } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type Body<T> = T extends { requestBody?: { content: { 'application/json': infer J } } } ? J : never;

export type Catalogue = Json<paths['/api/indicators/catalogue']['get']['responses'][200]>;
export type Definition = Catalogue['definitions'][number];
export type FieldInfo = Catalogue['fields'][number];
export type CalculationInfo = Catalogue['calculations'][number];
export type DefinitionInput = Body<paths['/api/indicators/catalogue']['post']>;
export type DefinitionPatch = Body<paths['/api/indicators/catalogue/{code}']['patch']>;
export type IndicatorTable = Json<paths['/api/programmes/{id}/indicators']['get']['responses'][200]>;
export type IndicatorRow = IndicatorTable['indicators'][number];
export type IndicatorValue = IndicatorRow['values'][number];
export type Achievement = IndicatorValue['achievement'];
export type Unit = IndicatorRow['unit'];
export type IndicatorInput = Body<paths['/api/programmes/{id}/indicators']['post']>;
export type IndicatorPatch = Body<paths['/api/indicators/{id}']['patch']>;
export type ManualValueInput = Body<paths['/api/indicators/{id}/values/{year}']['put']>;
export type ComputeResult = Json<paths['/api/indicators/{id}/compute']['post']['responses'][200]>;
export type Breakdown = Json<paths['/api/indicators/{id}/values/{year}/breakdown']['get']['responses'][200]>;
export type BreakdownQuery = NonNullable<
  paths['/api/indicators/{id}/values/{year}/breakdown']['get']['parameters']['query']
>;
export type SchoolBasis = Json<paths['/api/indicators/{id}/values/{year}/basis']['get']['responses'][200]>;
export type BasisRecord = SchoolBasis['basis'][number];

export const indKeys = {
  catalogue: ['indicators', 'catalogue'] as const,
  table: (programmeId: number) => ['indicators', 'programme', programmeId] as const,
  breakdown: (id: number, year: number, q: BreakdownQuery) =>
    ['indicators', 'breakdown', id, year, q] as const,
  basis: (id: number, year: number, schoolId: number | null) =>
    ['indicators', 'basis', id, year, schoolId] as const,
};

export const useCatalogue = (enabled = true) =>
  useQuery({
    queryKey: indKeys.catalogue,
    queryFn: () => call(api.GET('/api/indicators/catalogue')),
    staleTime: 60_000,
    enabled,
  });

export const useIndicatorTable = (programmeId: number) =>
  useQuery({
    queryKey: indKeys.table(programmeId),
    queryFn: () =>
      call(api.GET('/api/programmes/{id}/indicators', { params: { path: { id: programmeId } } })),
  });

export const useBreakdown = (id: number, year: number, q: BreakdownQuery) =>
  useQuery({
    queryKey: indKeys.breakdown(id, year, q),
    queryFn: () =>
      call(
        api.GET('/api/indicators/{id}/values/{year}/breakdown', {
          params: { path: { id, year }, query: q },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const useBasis = (id: number, year: number, schoolId: number | null, enabled = true) =>
  useQuery({
    queryKey: indKeys.basis(id, year, schoolId),
    queryFn: () =>
      call(
        api.GET('/api/indicators/{id}/values/{year}/basis', {
          params: { path: { id, year }, query: schoolId === null ? {} : { schoolId } },
        }),
      ),
    enabled,
  });

/** After a write to a programme's indicators: its table and every breakdown are stale. */
function useInvalidate(programmeId: number) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: indKeys.table(programmeId) });
    void qc.invalidateQueries({ queryKey: ['indicators', 'breakdown'] });
    void qc.invalidateQueries({ queryKey: ['indicators', 'basis'] });
    void qc.invalidateQueries({ queryKey: indKeys.catalogue });
  };
}

export function useAddIndicator(programmeId: number) {
  const inv = useInvalidate(programmeId);
  return useMutation({
    mutationFn: (body: IndicatorInput) =>
      call(api.POST('/api/programmes/{id}/indicators', { params: { path: { id: programmeId } }, body })),
    onSuccess: inv,
  });
}

export function usePatchIndicator(programmeId: number) {
  const inv = useInvalidate(programmeId);
  return useMutation({
    mutationFn: (v: { id: number; body: IndicatorPatch }) =>
      call(api.PATCH('/api/indicators/{id}', { params: { path: { id: v.id } }, body: v.body })),
    onSuccess: inv,
  });
}

export function useDeleteIndicator(programmeId: number) {
  const inv = useInvalidate(programmeId);
  return useMutation({
    mutationFn: (id: number) => call(api.DELETE('/api/indicators/{id}', { params: { path: { id } } })),
    onSuccess: inv,
  });
}

/** Compute one indicator (id) or all computed indicators of the programme (id null) for a year. */
export function useCompute(programmeId: number) {
  const inv = useInvalidate(programmeId);
  return useMutation({
    mutationFn: (v: { id: number | null; year: number }) =>
      v.id === null
        ? call(
            api.POST('/api/programmes/{id}/indicators/compute', {
              params: { path: { id: programmeId } },
              body: { year: v.year },
            }),
          )
        : call(
            api.POST('/api/indicators/{id}/compute', {
              params: { path: { id: v.id } },
              body: { year: v.year },
            }),
          ),
    onSuccess: inv,
  });
}

export function useSaveManualValue(programmeId: number) {
  const inv = useInvalidate(programmeId);
  return useMutation({
    mutationFn: (v: { id: number; year: number; body: ManualValueInput }) =>
      call(
        api.PUT('/api/indicators/{id}/values/{year}', {
          params: { path: { id: v.id, year: v.year } },
          body: v.body,
        }),
      ),
    onSuccess: inv,
  });
}

/** Attach (or replace) the file behind a manual value. */
export function useAttachEvidence(programmeId: number) {
  const inv = useInvalidate(programmeId);
  return useMutation({
    mutationFn: (v: { id: number; year: number; file: File }) => {
      const form = new FormData();
      form.append('file', v.file);
      return postForm<unknown>(`/api/indicators/${v.id}/values/${v.year}/evidence` as keyof paths, form);
    },
    onSuccess: inv,
  });
}

/** Where the file behind a value is downloaded. */
export const evidenceUrl = (id: number, year: number) => `/api/indicators/${id}/values/${year}/evidence`;

export function useDeleteValue(programmeId: number) {
  const inv = useInvalidate(programmeId);
  return useMutation({
    mutationFn: (v: { id: number; year: number }) =>
      call(
        api.DELETE('/api/indicators/{id}/values/{year}', { params: { path: { id: v.id, year: v.year } } }),
      ),
    onSuccess: inv,
  });
}

function useInvalidateCatalogue() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: indKeys.catalogue });
}

export function useSaveDefinition() {
  const inv = useInvalidateCatalogue();
  return useMutation({
    mutationFn: (v: { code: string | null; body: DefinitionInput | DefinitionPatch }) =>
      v.code === null
        ? call(api.POST('/api/indicators/catalogue', { body: v.body as DefinitionInput }))
        : call(
            api.PATCH('/api/indicators/catalogue/{code}', {
              params: { path: { code: v.code } },
              body: v.body as DefinitionPatch,
            }),
          ),
    onSuccess: inv,
  });
}

export function useDeleteDefinition() {
  const inv = useInvalidateCatalogue();
  return useMutation({
    mutationFn: (code: string) =>
      call(api.DELETE('/api/indicators/catalogue/{code}', { params: { path: { code } } })),
    onSuccess: inv,
  });
}

/** The XLSX export of a programme's indicators (the session cookie authorises the download). */
export const exportUrl = (programmeId: number, lang: string) =>
  `/api/programmes/${programmeId}/indicators.xlsx?lang=${lang}`;
