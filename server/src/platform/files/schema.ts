import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface StoredFileTable {
  id: Generated<number>;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  /** The bytes, for the PostgreSQL store; null when another store keeps them (see `location`). */
  data: Buffer | null;
  /** Where another store keeps the bytes (e.g. an S3 key). */
  location: string | null;
  created_at: Timestamp;
  created_by: number | null;
}

declare module '../db/schema.js' {
  interface DB {
    stored_file: StoredFileTable;
  }
}
