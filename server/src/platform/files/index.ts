import { createHash } from 'node:crypto';
import type { Db } from '../db/index.js';
import './schema.js';

/**
 * Files (evidence, uploaded documents) behind a small interface. The default store keeps the bytes
 * in PostgreSQL (`stored_file.data`, bytea), so that backups and both storages need nothing else;
 * an S3-compatible store would keep the same metadata row with `location` set and the bytes outside.
 * Every method takes the executor so that a file is written in the caller's transaction.
 */
export interface StoredFileMeta {
  id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface FileStore {
  put(
    tx: Db,
    file: { name: string; mime: string; data: Buffer; createdBy: number | null },
  ): Promise<StoredFileMeta>;
  get(tx: Db, id: number): Promise<(StoredFileMeta & { data: Buffer }) | undefined>;
  remove(tx: Db, id: number): Promise<void>;
}

export function postgresFileStore(): FileStore {
  return {
    async put(tx, f) {
      const sha256 = createHash('sha256').update(f.data).digest('hex');
      return tx
        .insertInto('stored_file')
        .values({
          name: f.name,
          mime: f.mime,
          size: f.data.length,
          sha256,
          data: f.data,
          location: null,
          created_by: f.createdBy && f.createdBy > 0 ? f.createdBy : null,
        })
        .returning(['id', 'name', 'mime', 'size', 'sha256'])
        .executeTakeFirstOrThrow();
    },
    async get(tx, id) {
      const row = await tx
        .selectFrom('stored_file')
        .select(['id', 'name', 'mime', 'size', 'sha256', 'data'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row || !row.data) return undefined;
      return { ...row, data: Buffer.from(row.data) };
    },
    async remove(tx, id) {
      await tx.deleteFrom('stored_file').where('id', '=', id).execute();
    },
  };
}
