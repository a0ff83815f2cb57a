/** Kysely table types of target indicators (migration 005_indicators). */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Direction, Level, Method, NoData, Unit } from './domain/types.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export interface IndicatorDefinitionTable {
  code: string;
  name: string;
  description: string | null;
  unit: Unit;
  direction: Generated<Direction>;
  level: Generated<Level>;
  method: Method;
  calculation: string | null;
  params: Json<Record<string, unknown>>;
  numerator_label: string | null;
  denominator_label: string | null;
  data_note: string | null;
  builtin: Generated<boolean>;
  sort_order: Generated<number>;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  indicator_id: number;
  year: number;
  method: Method;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  counted: Generated<number>;
  missing: Generated<number>;
  no_data: Json<NoData | null>;
  source: string | null;
  evidence_file_id: number | null;
  comment: string | null;
  fingerprint: string | null;
  computed_at: Timestamp;
  computed_by: number | null;
  version: Generated<number>;
}

export interface IndicatorValuePartTable {
  value_id: number;
  scope: 'municipality' | 'school' | 'unattached';
  scope_id: number;
  municipality_id: number | null;
  numerator: number;
  denominator: number;
  value: number | null;
  no_data: Json<NoData | null>;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    indicator_definition: IndicatorDefinitionTable;
    indicator_value: IndicatorValueTable;
    indicator_value_part: IndicatorValuePartTable;
  }
}

export type IndicatorDefinitionRow = Selectable<IndicatorDefinitionTable>;
export type IndicatorValueRow = Selectable<IndicatorValueTable>;
