/**
 * Staged student rows written with `COPY … FROM STDIN` on PostgreSQL (node-postgres): one COPY
 * per parse, fed while the file is being parsed, so that the server ingests rows on its own core
 * while this process reads the next ones. PGlite has no COPY stream: it keeps the unnest inserts
 * of the repository.
 */
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SchoolKeyInfo, StagedGroup, StagedStudent } from './domain/collector.js';
import { CopyEncoder, copyText } from './copy-encoding.js';

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

type CopyValue = string | number | boolean | null;

/** Rows in COPY's text format. */
export function copyLines(rows: CopyValue[][]): string {
  let out = '';
  for (const r of rows) {
    for (let i = 0; i < r.length; i++) {
      const v = r[i]!;
      if (i) out += '\t';
      out +=
        typeof v === 'string' || v === null
          ? copyText(v)
          : typeof v === 'boolean'
            ? v
              ? 't'
              : 'f'
            : String(v);
    }
    out += '\n';
  }
  return out;
}

async function copyInto(client: pg.PoolClient, statement: string, rows: CopyValue[][]): Promise<void> {
  if (!rows.length) return;
  await pipeline([Buffer.from(copyLines(rows))], client.query(copyFrom(statement)));
}

/**
 * The schools and groups of a parse with COPY (PostgreSQL), committed before the parse's closing
 * transaction as its student rows are: an insert of ten thousand groups as parameter arrays took
 * three times as long. A failure afterwards clears them with the rest of the staging.
 */
export async function copySchoolsAndGroups(
  pool: pg.Pool,
  importId: number,
  schools: SchoolKeyInfo[],
  groups: StagedGroup[],
): Promise<void> {
  const client = await pool.connect();
  try {
    await copyInto(
      client,
      `copy result_import_school (import_id, key, code, name, municipality, norm_name, norm_municipality,
        municipality_id, school_id, status, candidates, rows, errors, sheet, row) from stdin`,
      schools.map((s) => [
        importId,
        s.key,
        s.ref.code,
        s.ref.name,
        s.ref.municipality,
        s.normName,
        s.normMunicipality,
        s.match.municipalityId,
        s.match.schoolId,
        s.match.status,
        JSON.stringify(s.match.candidates),
        s.rows,
        s.errors,
        s.first.sheet,
        s.first.row,
      ]),
    );
    await copyInto(
      client,
      `copy result_import_group (import_id, school_key, procedure, subject, grade, year, participants,
        below_min, mark2, mark3, mark4, mark5, mean_score, high_80_99, high_100, from_students, digest, sheet, row) from stdin`,
      groups.map((g) => {
        const f = g.figures;
        return [
          importId,
          g.schoolKey,
          g.procedure,
          g.subject,
          g.grade,
          g.year,
          f.participants,
          f.belowMin,
          f.mark2,
          f.mark3,
          f.mark4,
          f.mark5,
          f.meanScore,
          f.high80,
          f.high100,
          g.fromStudents,
          g.digest,
          g.source.sheet,
          g.source.row,
        ];
      }),
    );
    client.release();
  } catch (e) {
    client.release(e as Error);
    throw e;
  }
}
