import type { User } from '../../api/types';
import type { T } from '../../i18n';

/** What a user may see, in words: «Весь регион», a municipality, a school, «5 школ». */
export function scopeText(u: User, t: T): string {
  switch (u.role) {
    case 'regional_coordinator':
      return t('web.scope.region');
    case 'municipal_coordinator':
      return u.municipalityName ?? '—';
    case 'school_team':
    case 'teacher':
      return u.schoolName ?? '—';
    case 'curator':
    case 'expert':
      return u.municipalityName
        ? `${t('web.scope.schools', { count: u.schoolIds.length })} · ${u.municipalityName}`
        : t('web.scope.schools', { count: u.schoolIds.length });
    case 'observer':
      return u.schoolName ?? u.municipalityName ?? t('web.scope.region');
  }
}
