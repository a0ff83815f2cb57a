/**
 * Staged student rows written with `COPY … FROM STDIN` on PostgreSQL (node-postgres): one COPY
 * per parse, fed while the file is being parsed, so that the server ingests rows on its own core
 * while this process reads the next ones. PGlite has no COPY stream: it keeps the unnest inserts
 * of the repository.
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { StagedStudent } from './domain/collector.js';
import { CopyEncoder } from './copy-encoding.js';

export { CopyEncoder, copyText } from './copy-encoding.js';

export interface StudentCopy {
  /** Queue rows; resolves at once unless the connection's buffer is full. */
  write(rows: StagedStudent[]): Promise<void>;
  /** Queue rows already encoded (by a parse worker). */
  writeBytes(bytes: Buffer): Promise<void>;
  /** Finish the COPY; resolves when the server has stored every row. */
  end(): Promise<void>;
  /** Abandon the COPY (nothing of it is stored). */
  abort(): Promise<void>;
}

export async function openStudentCopy(pool: pg.Pool, importId: number): Promise<StudentCopy> {
  const client = await pool.connect();
  const stream = client.query(
    copyFrom(`copy result_student (import_id, school_key, school_id, student_key, class_name, procedure, subject,
      grade, year, primary_score, test_score, mark, journal_mark) from stdin`),
  );
  let failure: Error | null = null;
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', (e: Error) => {
      failure = e;
      reject(e);
    });
  });
  finished.catch(() => {});
  const encoder = new CopyEncoder(importId);
  const copy: StudentCopy = {
    write: (rows) => copy.writeBytes(encoder.encode(rows)),
    async writeBytes(out) {
      if (failure) throw failure;
      if (!stream.write(out)) {
        await new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            stream.off('error', onError);
            resolve();
          };
          const onError = (e: Error) => {
            stream.off('drain', onDrain);
            reject(e);
          };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        });
      }
    },
    async end() {
      stream.end();
      try {
        await finished;
        release();
      } catch (e) {
        release(e as Error);
        throw e;
      }
    },
    async abort() {
      if (released) return;
      // Destroying the stream sends CopyFail: the server drops everything of this COPY.
      stream.destroy(new Error('import aborted'));
      await finished.catch(() => {});
      release();
    },
  };
  return copy;
}
