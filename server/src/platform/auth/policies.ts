import type { Role } from '../../../../common/src/schemas/org.js';
import { AppError } from '../errors.js';
import { inScope, schoolScope, type Principal, type SchoolRef } from './principal.js';

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
};

export function ensure(allowed: boolean): void {
  if (!allowed) throw new AppError('error.forbidden');
}
