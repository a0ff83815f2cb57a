import { describe, expect, it } from 'vitest';
import {
  changedAttributes,
  checkField,
  formToAttributes,
  NUMBER_FIELDS,
  TEXT_FIELDS,
  validateSchool,
  type SchoolForm,
} from './fields';

const form = (patch: Partial<SchoolForm> = {}): SchoolForm => ({
  code: '0101001',
  inn: '0101007820',
  fullName: 'Муниципальное бюджетное общеобразовательное учреждение «СОШ № 1»',
  shortName: 'МБОУ «СОШ № 1»',
  type: 'СОШ',
  locality: 'urban',
  settlement: 'г. Северогорск',
  address: '',
  isSmall: false,
  shifts: '1',
  studentsNoo: '120',
  studentsOoo: '',
  studentsSoo: '',
  teachers: '24',
  vacancies: '0',
  psychologists: '1,5',
  speechTherapists: '',
  defectologists: '',
  socialPedagogues: '',
  internetMbps: '100',
  parentId: null,
  municipalityId: '',
  ...patch,
});

describe('validateSchool mirrors the server schema', () => {
  it('accepts a complete form', () => {
    expect(validateSchool(form(), { creating: false })).toEqual({});
  });
  it('requires the required fields', () => {
    const issues = validateSchool(form({ code: ' ', shortName: '', settlement: '', shifts: '' }), {
      creating: false,
    });
    expect(Object.keys(issues).sort()).toEqual(['code', 'settlement', 'shifts', 'shortName']);
    expect(issues.code?.key).toBe('web.validation.required');
  });
  it('checks ranges, integers, lengths and the INN', () => {
    const issues = validateSchool(
      form({
        shifts: '4',
        studentsNoo: '12,5',
        psychologists: '1001',
        inn: '123',
        fullName: 'аб',
        teachers: 'много',
      }),
      { creating: false },
    );
    expect(issues.shifts).toEqual({ key: 'web.validation.range', params: { min: 1, max: 3 } });
    expect(issues.studentsNoo?.key).toBe('web.validation.integer');
    expect(issues.psychologists?.key).toBe('web.validation.range');
    expect(issues.inn?.key).toBe('web.validation.inn');
    expect(issues.fullName).toEqual({ key: 'web.validation.minLength', params: { min: 3 } });
    expect(issues.teachers?.key).toBe('web.validation.number');
  });
  it('needs a municipality only for a new school', () => {
    expect(validateSchool(form(), { creating: true }).municipalityId?.key).toBe('web.validation.required');
    expect(validateSchool(form({ municipalityId: '3' }), { creating: true })).toEqual({});
  });
  it('knows the limits of every field', () => {
    expect(checkField(TEXT_FIELDS.code, 'x'.repeat(33))?.key).toBe('web.validation.maxLength');
    expect(checkField(NUMBER_FIELDS.internetMbps, '100000')).toBeNull();
    expect(checkField(NUMBER_FIELDS.vacancies, '-1')?.key).toBe('web.validation.range');
  });
});

describe('form → request', () => {
  it('converts typed values and empties to null', () => {
    const a = formToAttributes(form());
    expect(a).toMatchObject({
      code: '0101001',
      address: null,
      shifts: 1,
      psychologists: 1.5,
      studentsOoo: null,
      isSmall: false,
      parentId: null,
    });
  });
  it('sends only changed attributes', () => {
    const current = { ...formToAttributes(form()), teachers: 20 };
    expect(changedAttributes(formToAttributes(form()), current)).toEqual({ teachers: 24 });
    expect(changedAttributes(formToAttributes(form()), formToAttributes(form()))).toEqual({});
  });
});
