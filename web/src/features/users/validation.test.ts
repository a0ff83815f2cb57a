import { describe, expect, it } from 'vitest';
import { generatePassword, scopeBody, validateUser, type UserForm } from './validation';

const base: UserForm = {
  login: 'ivanova.m',
  fullName: 'Иванова Мария Сергеевна',
  email: '',
  password: 'long-enough-1',
  role: 'school_team',
  municipalityId: '',
  schoolId: 12,
  schoolIds: [],
  active: true,
};

describe('validateUser', () => {
  it('accepts a valid new user', () => {
    expect(validateUser(base, { creating: true })).toEqual({});
  });
  it('checks login, name, e-mail and password like the server', () => {
    const i = validateUser(
      { ...base, login: 'Иван', fullName: 'И', email: 'nope', password: 'short' },
      { creating: true },
    );
    expect(i.login?.key).toBe('web.validation.login');
    expect(i.fullName?.key).toBe('web.validation.lengthRange');
    expect(i.email?.key).toBe('web.validation.email');
    expect(i.password?.key).toBe('web.validation.lengthRange');
  });
  it('does not need a password or a login when editing', () => {
    expect(validateUser({ ...base, login: '', password: '' }, { creating: false })).toEqual({});
  });
  it('needs the scope the role requires', () => {
    expect(validateUser({ ...base, schoolId: null }, { creating: true }).schoolId?.key).toBe(
      'web.validation.required',
    );
    expect(
      validateUser({ ...base, role: 'municipal_coordinator' }, { creating: true }).municipalityId?.key,
    ).toBe('web.validation.required');
    expect(validateUser({ ...base, role: 'observer', schoolId: null }, { creating: true })).toEqual({});
    expect(validateUser({ ...base, role: 'curator', schoolId: null }, { creating: true })).toEqual({});
  });
});

describe('scopeBody', () => {
  it('clears the fields a role does not use', () => {
    expect(scopeBody({ ...base, municipalityId: '3', schoolIds: [1] })).toEqual({
      role: 'school_team',
      municipalityId: null,
      schoolId: 12,
      schoolIds: [],
    });
    expect(scopeBody({ ...base, role: 'curator', municipalityId: '3', schoolIds: [1, 2] })).toEqual({
      role: 'curator',
      municipalityId: 3,
      schoolId: null,
      schoolIds: [1, 2],
    });
    expect(scopeBody({ ...base, role: 'regional_coordinator', municipalityId: '3' })).toEqual({
      role: 'regional_coordinator',
      municipalityId: null,
      schoolId: null,
      schoolIds: [],
    });
  });
});

describe('generatePassword', () => {
  it('is long enough and avoids look-alike characters', () => {
    const p = generatePassword();
    expect(p).toHaveLength(14);
    expect(p).not.toMatch(/[0O1lI]/);
    let n = 0;
    expect(generatePassword(5, (m) => n++ % m)).toBe('abcde');
  });
});
