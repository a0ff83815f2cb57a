import type { Role } from './search';

/**
 * What the interface offers to a role. The server enforces access; these only hide
 * what a user cannot do (mirrors server/src/platform/auth/policies.ts).
 */
export const can = {
  manageUsers: (r: Role) => r === 'regional_coordinator' || r === 'municipal_coordinator',
  readAudit: (r: Role) => r === 'regional_coordinator',
  exportRegistry: (r: Role) =>
    r === 'regional_coordinator' || r === 'municipal_coordinator' || r === 'observer',
  createSchool: (r: Role) => r === 'regional_coordinator' || r === 'municipal_coordinator',
  /** The registry import wizard (policies.canManageRegistry). */
  importRegistry: (r: Role) => r === 'regional_coordinator' || r === 'municipal_coordinator',
  /** Region-defined context indicators (policies.canDefineIndicators). */
  defineIndicators: (r: Role) => r === 'regional_coordinator',
  /** Roles a coordinator may give to a user they create. */
  assignableRoles: (r: Role): Role[] =>
    r === 'regional_coordinator'
      ? [
          'regional_coordinator',
          'municipal_coordinator',
          'school_team',
          'curator',
          'expert',
          'teacher',
          'observer',
        ]
      : r === 'municipal_coordinator'
        ? ['municipal_coordinator', 'school_team', 'curator', 'expert', 'teacher', 'observer']
        : [],
};

/** Which scope fields a role needs in the user form. */
export function scopeFields(role: Role): {
  municipality: 'required' | 'optional' | 'none';
  school: 'required' | 'optional' | 'none';
  schools: boolean;
} {
  switch (role) {
    case 'regional_coordinator':
      return { municipality: 'none', school: 'none', schools: false };
    case 'municipal_coordinator':
      return { municipality: 'required', school: 'none', schools: false };
    case 'observer':
      return { municipality: 'optional', school: 'none', schools: false };
    case 'school_team':
    case 'teacher':
      return { municipality: 'none', school: 'required', schools: false };
    case 'curator':
    case 'expert':
      return { municipality: 'optional', school: 'none', schools: true };
  }
}

/** The kind of home page a role gets. */
export function homeKind(role: Role): 'region' | 'municipality' | 'school' | 'assigned' | 'observer' {
  switch (role) {
    case 'regional_coordinator':
      return 'region';
    case 'municipal_coordinator':
      return 'municipality';
    case 'school_team':
    case 'teacher':
      return 'school';
    case 'curator':
    case 'expert':
      return 'assigned';
    case 'observer':
      return 'observer';
  }
}
