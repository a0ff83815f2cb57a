import { z } from 'zod';

export const ROLES = [
  'regional_coordinator',
  'municipal_coordinator',
  'school_team',
  'curator',
  'expert',
  'teacher',
  'observer',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const SCHOOL_TYPES = [
  'СОШ',
  'ООШ',
  'НОШ',
  'лицей',
  'гимназия',
  'центр образования',
  'вечерняя школа',
  'школа-интернат',
  'СОШ с УИОП',
] as const;
export const SchoolType = z.enum(SCHOOL_TYPES);
export const Locality = z.enum(['urban', 'rural']);
export const MunicipalityKind = z.enum(['district', 'city', 'okrug']);

const count = z.number().int().min(0).max(100_000).nullable();
const rate = z.number().min(0).max(1000).nullable();

/** Editable attributes of a school (the registry card). */
export const SchoolAttributes = z.object({
  code: z.string().trim().min(1).max(32),
  inn: z
    .string()
    .trim()
    .regex(/^(\d{10}|\d{12})$/)
    .nullable(),
  fullName: z.string().trim().min(3).max(500),
  shortName: z.string().trim().min(2).max(200),
  type: SchoolType,
  locality: Locality,
  settlement: z.string().trim().min(1).max(200),
  address: z.string().trim().max(500).nullable(),
  isSmall: z.boolean(),
  shifts: z.number().int().min(1).max(3),
  studentsNoo: count,
  studentsOoo: count,
  studentsSoo: count,
  teachers: count,
  vacancies: count,
  psychologists: rate,
  speechTherapists: rate,
  defectologists: rate,
  socialPedagogues: rate,
  internetMbps: z.number().min(0).max(100_000).nullable(),
  parentId: z.number().int().nullable(),
});
export type SchoolAttributes = z.infer<typeof SchoolAttributes>;

export const SchoolCreate = SchoolAttributes.extend({ municipalityId: z.number().int() });
export const SchoolPatch = SchoolAttributes.partial().extend({ version: z.number().int() });

export const SchoolListItem = z.object({
  id: z.number(),
  code: z.string(),
  shortName: z.string(),
  type: z.string(),
  locality: Locality,
  settlement: z.string(),
  isSmall: z.boolean(),
  municipalityId: z.number(),
  municipalityName: z.string(),
  students: z.number(),
  parentId: z.number().nullable(),
});
export type SchoolListItem = z.infer<typeof SchoolListItem>;

export const SCHOOL_SORTS = ['name', 'code', 'municipality', 'students', 'type'] as const;
export const SchoolListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  municipalityId: z.coerce.number().int().optional(),
  type: SchoolType.optional(),
  locality: Locality.optional(),
  isSmall: z.enum(['true', 'false']).optional(),
  sort: z.enum(SCHOOL_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type SchoolListQuery = z.infer<typeof SchoolListQuery>;

export const CONTEXT_FIELDS = [
  'lowIncome',
  'singleParent',
  'parentsHigherEd',
  'ovz',
  'disabled',
  'registered',
  'nonRussian',
] as const;
export type ContextField = (typeof CONTEXT_FIELDS)[number];

const share = z.number().min(0).max(100).nullable();
export const ContextValues = z.object({
  lowIncome: share,
  singleParent: share,
  parentsHigherEd: share,
  ovz: share,
  disabled: share,
  registered: share,
  nonRussian: share,
  extra: z.record(z.string(), z.number().nullable()),
});
export type ContextValues = z.infer<typeof ContextValues>;

export const SchoolContextRow = ContextValues.extend({
  schoolYear: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type SchoolContextRow = z.infer<typeof SchoolContextRow>;

export const ContextPut = ContextValues.extend({ version: z.number().int().nullable() });

export const SchoolCard = SchoolAttributes.extend({
  id: z.number(),
  municipalityId: z.number(),
  municipalityName: z.string(),
  parentName: z.string().nullable(),
  branches: z.array(z.object({ id: z.number(), shortName: z.string() })),
  context: z.array(SchoolContextRow),
  version: z.number().int(),
  updatedAt: z.string(),
  permissions: z.object({ edit: z.boolean() }),
});
export type SchoolCard = z.infer<typeof SchoolCard>;

export const ContextIndicator = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.enum(['percent', 'count', 'number', 'boolean']),
  builtin: z.boolean(),
});

export const Municipality = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: MunicipalityKind,
  schools: z.number(),
  students: z.number(),
  smallSchools: z.number(),
  ruralSchools: z.number(),
});

export const UserOut = z.object({
  id: z.number(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  role: Role,
  municipalityId: z.number().nullable(),
  municipalityName: z.string().nullable(),
  schoolId: z.number().nullable(),
  schoolName: z.string().nullable(),
  schoolIds: z.array(z.number()),
  active: z.boolean(),
  locale: z.enum(['ru', 'en']),
  version: z.number().int(),
});
export type UserOut = z.infer<typeof UserOut>;

export const UserCreate = z.object({
  login: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[a-zA-Z0-9._@-]+$/),
  fullName: z.string().trim().min(2).max(200),
  email: z.email().nullable().default(null),
  password: z.string().min(10).max(200),
  role: Role,
  municipalityId: z.number().int().nullable().default(null),
  schoolId: z.number().int().nullable().default(null),
  schoolIds: z.array(z.number().int()).default([]),
});
export const UserPatch = z.object({
  version: z.number().int(),
  fullName: z.string().trim().min(2).max(200).optional(),
  email: z.email().nullable().optional(),
  password: z.string().min(10).max(200).optional(),
  role: Role.optional(),
  municipalityId: z.number().int().nullable().optional(),
  schoolId: z.number().int().nullable().optional(),
  schoolIds: z.array(z.number().int()).optional(),
  active: z.boolean().optional(),
  locale: z.enum(['ru', 'en']).optional(),
});

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  userLogin: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const Page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

export const Problem = z.object({
  message: z.string(),
  code: z.string(),
  details: z.unknown().optional(),
});
