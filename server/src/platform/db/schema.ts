import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps: Date when read, Date or ISO string when written, defaulted by the database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T, string | T>;

export interface RegionTable {
  id: Generated<number>;
  code: string;
  name: string;
  created_at: Timestamp;
}

export interface MunicipalityTable {
  id: Generated<number>;
  region_id: number;
  code: string;
  name: string;
  kind: 'district' | 'city' | 'okrug';
  created_at: Timestamp;
}

export interface SchoolTable {
  id: Generated<number>;
  municipality_id: number;
  parent_id: number | null;
  code: string;
  inn: string | null;
  full_name: string;
  short_name: string;
  type: string;
  locality: 'urban' | 'rural';
  settlement: string;
  address: string | null;
  is_small: Generated<boolean>;
  shifts: Generated<number>;
  students_noo: number | null;
  students_ooo: number | null;
  students_soo: number | null;
  teachers: number | null;
  vacancies: number | null;
  psychologists: number | null;
  speech_therapists: number | null;
  defectologists: number | null;
  social_pedagogues: number | null;
  internet_mbps: number | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: number | null;
  /** Generated: lower-cased code, names and settlement, for the registry search. */
  search_text: ColumnType<string, never, never>;
}

export interface ContextIndicatorTable {
  code: string;
  name: string;
  unit: Generated<'percent' | 'count' | 'number' | 'boolean'>;
  builtin: Generated<boolean>;
  sort_order: Generated<number>;
}

export interface SchoolContextTable {
  id: Generated<number>;
  school_id: number;
  school_year: number;
  low_income: number | null;
  single_parent: number | null;
  parents_higher_ed: number | null;
  ovz: number | null;
  disabled: number | null;
  registered: number | null;
  non_russian: number | null;
  extra: Json<Record<string, number | null>>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface SchoolGroundTruthTable {
  school_id: number;
  latent_quality: number;
  context_effect: number;
  seed: number;
}

export type Role =
  | 'regional_coordinator'
  | 'municipal_coordinator'
  | 'school_team'
  | 'curator'
  | 'expert'
  | 'teacher'
  | 'observer';

export interface AppUserTable {
  id: Generated<number>;
  login: string;
  full_name: string;
  email: string | null;
  password_hash: string;
  role: Role;
  municipality_id: number | null;
  school_id: number | null;
  locale: Generated<'ru' | 'en'>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface UserSchoolTable {
  user_id: number;
  school_id: number;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailureTable {
  id: Generated<number>;
  login: string;
  ip: string;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  user_login: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}

export interface DB {
  region: RegionTable;
  municipality: MunicipalityTable;
  school: SchoolTable;
  context_indicator: ContextIndicatorTable;
  school_context: SchoolContextTable;
  school_ground_truth: SchoolGroundTruthTable;
  app_user: AppUserTable;
  user_school: UserSchoolTable;
  session: SessionTable;
  login_failure: LoginFailureTable;
  audit_log: AuditLogTable;
}

export type School = Selectable<SchoolTable>;
export type NewSchool = Insertable<SchoolTable>;
export type SchoolUpdate = Updateable<SchoolTable>;
export type SchoolContext = Selectable<SchoolContextTable>;
export type AppUser = Selectable<AppUserTable>;
export type Municipality = Selectable<MunicipalityTable>;
