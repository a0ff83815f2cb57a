import type { Principal } from '../../platform/auth/principal.js';

/**
 * Who may do what with results. Reading a school's results follows the school scope
 * (`policies.canReadSchool`); totals of a municipality or the region are aggregates and open to
 * every signed-in user. Imports: the regional coordinator for the whole region, a municipal
 * coordinator for the schools of their municipality.
 */
export const resultsPolicies = {
  canImport(p: Principal): boolean {
    return (
      p.role === 'regional_coordinator' || (p.role === 'municipal_coordinator' && p.municipalityId !== null)
    );
  },
  /** The municipality an importer is confined to (null: the whole region). */
  importMunicipality(p: Principal): number | null {
    return p.role === 'regional_coordinator' ? null : p.municipalityId;
  },
  canSeeImport(p: Principal, imp: { created_by: number | null }): boolean {
    if (p.role === 'regional_coordinator') return true;
    return p.role === 'municipal_coordinator' && imp.created_by === p.id;
  },
  /** Thresholds and the subject catalogue are the region's. */
  canManageCatalog(p: Principal): boolean {
    return p.role === 'regional_coordinator';
  },
  canDeleteTemplate(p: Principal, t: { created_by: number | null }): boolean {
    return p.role === 'regional_coordinator' || (p.role === 'municipal_coordinator' && t.created_by === p.id);
  },
};
