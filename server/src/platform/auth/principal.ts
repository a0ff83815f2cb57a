import type { Role } from '../../../../common/src/schemas/org.js';

/** The signed-in user as the server sees them for access decisions. */
export interface Principal {
  id: number;
  login: string;
  fullName: string;
  role: Role;
  municipalityId: number | null;
  schoolId: number | null;
  /** Schools assigned to a curator or an expert. */
  assignedSchoolIds: number[];
  locale: 'ru' | 'en';
}

/** Which schools a user may see. */
export type SchoolScope =
  | { kind: 'all' }
  | { kind: 'municipality'; municipalityId: number }
  | { kind: 'schools'; schoolIds: number[] };

export function schoolScope(p: Principal): SchoolScope {
  switch (p.role) {
    case 'regional_coordinator':
      return { kind: 'all' };
    case 'municipal_coordinator':
      return p.municipalityId ? { kind: 'municipality', municipalityId: p.municipalityId } : none;
    case 'school_team':
    case 'teacher':
      return p.schoolId ? { kind: 'schools', schoolIds: [p.schoolId] } : none;
    case 'curator':
    case 'expert':
      return { kind: 'schools', schoolIds: p.assignedSchoolIds };
    case 'observer':
      if (p.schoolId) return { kind: 'schools', schoolIds: [p.schoolId] };
      if (p.municipalityId) return { kind: 'municipality', municipalityId: p.municipalityId };
      return { kind: 'all' };
  }
}
const none: SchoolScope = { kind: 'schools', schoolIds: [] };

export interface SchoolRef {
  id: number;
  municipalityId: number;
}

export function inScope(scope: SchoolScope, school: SchoolRef): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'municipality':
      return school.municipalityId === scope.municipalityId;
    case 'schools':
      return scope.schoolIds.includes(school.id);
  }
}
