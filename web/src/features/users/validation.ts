import type { Role } from '../../lib/search';
import { scopeFields } from '../../lib/access';

/** The user form as typed. */
export interface UserForm {
  login: string;
  fullName: string;
  email: string;
  password: string;
  role: Role;
  municipalityId: string;
  schoolId: number | null;
  schoolIds: number[];
  active: boolean;
}

export interface Issue {
  key: string;
  params?: Record<string, string | number>;
}

const LOGIN = /^[a-zA-Z0-9._@-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks of the server's UserCreate / UserPatch schemas and of the scope a role needs. */
export function validateUser(f: UserForm, opts: { creating: boolean }): Record<string, Issue> {
  const out: Record<string, Issue> = {};
  if (opts.creating) {
    const login = f.login.trim();
    if (!login) out.login = { key: 'web.validation.required' };
    else if (login.length < 3 || login.length > 64)
      out.login = { key: 'web.validation.lengthRange', params: { min: 3, max: 64 } };
    else if (!LOGIN.test(login)) out.login = { key: 'web.validation.login' };
  }
  const name = f.fullName.trim();
  if (!name) out.fullName = { key: 'web.validation.required' };
  else if (name.length < 2 || name.length > 200)
    out.fullName = { key: 'web.validation.lengthRange', params: { min: 2, max: 200 } };
  if (f.email.trim() && !EMAIL.test(f.email.trim())) out.email = { key: 'web.validation.email' };
  if (opts.creating && !f.password) out.password = { key: 'web.validation.required' };
  else if (f.password && (f.password.length < 10 || f.password.length > 200))
    out.password = { key: 'web.validation.lengthRange', params: { min: 10, max: 200 } };
  const scope = scopeFields(f.role);
  if (scope.municipality === 'required' && !f.municipalityId)
    out.municipalityId = { key: 'web.validation.required' };
  if (scope.school === 'required' && f.schoolId === null) out.schoolId = { key: 'web.validation.required' };
  return out;
}

/** The scope part of a request body for the role (fields the role does not use are cleared). */
export function scopeBody(f: UserForm): {
  role: Role;
  municipalityId: number | null;
  schoolId: number | null;
  schoolIds: number[];
} {
  const s = scopeFields(f.role);
  return {
    role: f.role,
    municipalityId: s.municipality !== 'none' && f.municipalityId ? Number(f.municipalityId) : null,
    schoolId: s.school !== 'none' ? f.schoolId : null,
    schoolIds: s.schools ? f.schoolIds : [],
  };
}

/** A readable random password (no look-alike characters). */
export function generatePassword(length = 14, random: (n: number) => number = cryptoRandom): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random(alphabet.length)];
  return out;
}

function cryptoRandom(n: number): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0]! % n;
}
