import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, isApiError, setCsrfToken } from './client';
import type {
  AuditQuery,
  ContextPut,
  Me,
  SchoolCard,
  SchoolCreate,
  SchoolPatch,
  SchoolQuery,
  UserCreate,
  UserPatch,
  UserQuery,
} from './types';

export const keys = {
  me: ['me'] as const,
  region: ['region'] as const,
  municipalities: ['municipalities'] as const,
  schools: (q: SchoolQuery) => ['schools', q] as const,
  school: (id: number) => ['school', id] as const,
  history: (id: number) => ['school', id, 'history'] as const,
  indicators: ['context-indicators'] as const,
  users: (q: UserQuery) => ['users', q] as const,
  user: (id: number) => ['user', id] as const,
  audit: (q: AuditQuery) => ['audit', q] as const,
};

/** The signed-in user, or null when signed out (401). */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await call(api.GET('/api/auth/me'));
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (isApiError(e) && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: 1,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { login: string; password: string }) => call(api.POST('/api/auth/login', { body })),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(keys.me, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/auth/logout')),
    onSettled: () => {
      setCsrfToken(null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(keys.me, null);
    },
  });
}

export const useRegion = () =>
  useQuery({ queryKey: keys.region, queryFn: () => call(api.GET('/api/region')) });

export const useMunicipalities = (enabled = true) =>
  useQuery({
    queryKey: keys.municipalities,
    queryFn: () => call(api.GET('/api/municipalities')),
    staleTime: 5 * 60_000,
    enabled,
  });

export const useSchools = (query: SchoolQuery, enabled = true) =>
  useQuery({
    queryKey: keys.schools(query),
    queryFn: () => call(api.GET('/api/schools', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useSchool = (id: number) =>
  useQuery({
    queryKey: keys.school(id),
    queryFn: () => call(api.GET('/api/schools/{id}', { params: { path: { id } } })),
  });

export const useSchoolHistory = (id: number) =>
  useQuery({
    queryKey: keys.history(id),
    queryFn: () => call(api.GET('/api/schools/{id}/history', { params: { path: { id } } })),
  });

export const useIndicators = () =>
  useQuery({
    queryKey: keys.indicators,
    queryFn: () => call(api.GET('/api/context-indicators')),
    staleTime: 10 * 60_000,
  });

function useSchoolSaved() {
  const qc = useQueryClient();
  return (card: SchoolCard) => {
    qc.setQueryData(keys.school(card.id), card);
    void qc.invalidateQueries({ queryKey: keys.history(card.id) });
    void qc.invalidateQueries({ queryKey: ['schools'] });
    void qc.invalidateQueries({ queryKey: keys.region });
    void qc.invalidateQueries({ queryKey: keys.municipalities });
  };
}

export function useUpdateSchool(id: number) {
  const saved = useSchoolSaved();
  return useMutation({
    mutationFn: (body: SchoolPatch) =>
      call(api.PATCH('/api/schools/{id}', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useCreateSchool() {
  const saved = useSchoolSaved();
  return useMutation({
    mutationFn: (body: SchoolCreate) => call(api.POST('/api/schools', { body })),
    onSuccess: saved,
  });
}

export function usePutContext(id: number) {
  const saved = useSchoolSaved();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: ContextPut }) =>
      call(api.PUT('/api/schools/{id}/context/{year}', { params: { path: { id, year } }, body })),
    onSuccess: saved,
  });
}

export const useUsers = (query: UserQuery) =>
  useQuery({
    queryKey: keys.users(query),
    queryFn: () => call(api.GET('/api/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const useUser = (id: number) =>
  useQuery({
    queryKey: keys.user(id),
    queryFn: () => call(api.GET('/api/users/{id}', { params: { path: { id } } })),
  });

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => call(api.POST('/api/users', { body })),
    onSuccess: (u) => {
      qc.setQueryData(keys.user(u.id), u);
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export function useUpdateUser(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserPatch) => call(api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
    onSuccess: (u) => {
      qc.setQueryData(keys.user(u.id), u);
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export const useAudit = (query: AuditQuery) =>
  useQuery({
    queryKey: keys.audit(query),
    queryFn: () => call(api.GET('/api/audit', { params: { query } })),
    placeholderData: keepPreviousData,
  });
