import type { Role } from '../../../../common/src/schemas/org.js';
import { AppError } from '../errors.js';
import { inScope, schoolScope, type Principal, type SchoolRef, type SchoolScope } from './principal.js';

/**
 * Who may do what. Reading follows the scope (schoolScope); writing is narrower.
 * Every rule here is exercised by the access-matrix test.
 */
export const policies = {
  canReadSchool(p: Principal, s: SchoolRef): boolean {
    return inScope(schoolScope(p), s);
  },
  /** Attributes and context of a school: region, its municipality, its own team. */
  canEditSchool(p: Principal, s: SchoolRef): boolean {
    if (p.role === 'regional_coordinator') return true;
    if (p.role === 'municipal_coordinator') return p.municipalityId === s.municipalityId;
    if (p.role === 'school_team') return p.schoolId === s.id;
    return false;
  },
  /** Create schools and import the registry (into one municipality or the whole region). */
  canManageRegistry(p: Principal, municipalityId?: number): boolean {
    if (p.role === 'regional_coordinator') return true;
    if (p.role === 'municipal_coordinator')
      return municipalityId === undefined || p.municipalityId === municipalityId;
    return false;
  },
  canExportRegistry(p: Principal): boolean {
    return p.role === 'regional_coordinator' || p.role === 'municipal_coordinator' || p.role === 'observer';
  },
  canManageUsers(p: Principal): boolean {
    return p.role === 'regional_coordinator' || p.role === 'municipal_coordinator';
  },
  /** A coordinator may manage a given (existing or proposed) user. */
  canManageUser(p: Principal, target: { role: Role; municipalityId: number | null }): boolean {
    if (p.role === 'regional_coordinator') return true;
    if (p.role === 'municipal_coordinator')
      return target.role !== 'regional_coordinator' && target.municipalityId === p.municipalityId;
    return false;
  },
  canReadAudit(p: Principal): boolean {
    return p.role === 'regional_coordinator';
  },
  canDefineIndicators(p: Principal): boolean {
    return p.role === 'regional_coordinator';
  },

  // programmes: a regional programme is read by everyone signed in; a municipal one by those of its
  // municipality; a school one by those whose school scope includes the school
  canReadProgramme(p: Principal, g: ProgrammeRef): boolean {
    if (g.level === 'region') return true;
    if (g.level === 'municipality') {
      const scope = schoolScope(p);
      if (scope.kind === 'all') return true;
      if (scope.kind === 'municipality') return scope.municipalityId === g.municipalityId;
      return p.municipalityId !== null && p.municipalityId === g.municipalityId;
    }
    return (
      g.schoolId !== null &&
      inScope(schoolScope(p), { id: g.schoolId, municipalityId: g.municipalityId ?? -1 })
    );
  },
  /** Passport and roadmap: the region any; a municipality its own and its schools'; a school team its own. */
  canEditProgramme(p: Principal, g: ProgrammeRef): boolean {
    if (p.role === 'regional_coordinator') return true;
    if (g.level === 'region') return false;
    if (p.role === 'municipal_coordinator')
      return p.municipalityId !== null && p.municipalityId === g.municipalityId;
    if (p.role === 'school_team')
      return g.level === 'school' && p.schoolId !== null && p.schoolId === g.schoolId;
    return false;
  },
  /** Mark progress and attach evidence: editors and the activity's named executors. */
  canExecuteActivity(p: Principal, g: ProgrammeRef, executorIds: number[]): boolean {
    return policies.canEditProgramme(p, g) || (executorIds.includes(p.id) && policies.canReadProgramme(p, g));
  },
  /** Accept or return evidence: the region, the municipality's coordinator, a curator of the school. */
  canReviewEvidence(p: Principal, g: ProgrammeRef): boolean {
    if (p.role === 'regional_coordinator') return true;
    if (p.role === 'municipal_coordinator')
      return g.level !== 'region' && p.municipalityId !== null && p.municipalityId === g.municipalityId;
    if (p.role === 'curator')
      return g.level === 'school' && g.schoolId !== null && p.assignedSchoolIds.includes(g.schoolId);
    return false;
  },
  /** Overdue and due-soon lists, progress by municipality and school. */
  canCoordinate(p: Principal): boolean {
    return p.role === 'regional_coordinator' || p.role === 'municipal_coordinator' || p.role === 'curator';
  },
  canRunReminders(p: Principal): boolean {
    return p.role === 'regional_coordinator';
  },
};

export interface ProgrammeRef {
  level: 'region' | 'municipality' | 'school';
  municipalityId: number | null;
  schoolId: number | null;
}

/**
 * The programmes a user sees, for SQL filters: regional ones always, municipal ones of
 * `municipalityIds`, school ones within `schools`. Mirrors `canReadProgramme`.
 */
export type ProgrammeScope =
  { kind: 'all' } | { kind: 'scoped'; municipalityIds: number[]; schools: SchoolScope };

export function programmeScope(p: Principal): ProgrammeScope {
  const scope = schoolScope(p);
  if (scope.kind === 'all') return { kind: 'all' };
  if (scope.kind === 'municipality')
    return { kind: 'scoped', municipalityIds: [scope.municipalityId], schools: scope };
  return {
    kind: 'scoped',
    municipalityIds: p.municipalityId !== null ? [p.municipalityId] : [],
    schools: scope,
  };
}

export function ensure(allowed: boolean): void {
  if (!allowed) throw new AppError('error.forbidden');
}
