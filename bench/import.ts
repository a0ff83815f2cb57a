/**
 * npm run bench:import — 1,000,000 student-level result rows as CSV, imported through the real
 * import path (streamed parse → staged rows: one `COPY … FROM STDIN` fed while parsing on
 * PostgreSQL, chunked inserts on PGlite → one-transaction commit) on PostgreSQL and on PGlite, against a raw `COPY` of the same file into an equivalent bare table as the baseline;
 * then an XLSX of 200,000 rows through the streaming reader. Each measured step runs in a child
 * process of its own, so that its peak RSS is its own. Aim: PostgreSQL within 3× of raw COPY;
 * memory bounded (the file is never held whole).
 *
 * BENCH_ROWS, BENCH_XLSX_ROWS, BENCH_SCHOOLS change the sizes; BENCH_KEEP=1 keeps the generated files
 * (and the PostgreSQL database) for profiling a step by hand; `npm run bench:import -- pglite`
 * or `-- postgres` runs one storage only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '../server/src/platform/db/index.js';
import { migrate } from '../server/src/platform/migrations/index.js';
import type { Principal } from '../server/src/platform/auth/principal.js';
import { seedDemo } from '../server/src/modules/org/demo/seed.js';
import { resultsImportService } from '../server/src/modules/results/import-service.js';
import { fileSource } from '../server/src/modules/results/reader.js';
import { Random } from '../server/src/modules/org/demo/rng.js';
import { freshPgDatabase } from './server.js';

const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS || 200_000);
const SCHOOLS = Number(process.env.BENCH_SCHOOLS || 1000);
const HEADER = [
  'Код ОО',
  'Код участника',
  'Процедура',
  'Год',
  'Класс',
  'Предмет',
  'Первичный балл',
  'Отметка',
  'Отметка в журнале',
];
const BARE_TABLE = `create table bench_copy (school_code text, student_key text, procedure text, year int, class_name text,
  subject text, primary_score numeric(6,2), mark smallint, journal_mark smallint)`;

const SYSTEM: Principal = {
  id: 0,
  login: 'bench',
  fullName: 'Бенчмарк',
  role: 'regional_coordinator',
  municipalityId: null,
  schoolId: null,
  assignedSchoolIds: [],
  locale: 'ru',
};

interface StepResult {
  seconds: number;
  rows: number;
  maxRssMb: number;
  detail?: Record<string, unknown>;
}

function open(storage: string, target: string): Promise<Database> {
  return storage === 'postgres'
    ? openDatabase({ databaseUrl: target, poolSize: 4 })
    : openDatabase({ dataDir: target });
}

/** A child step: print one JSON line with the result and this process's peak RSS. */
async function child(step: string, storage: string, target: string, file: string): Promise<void> {
  const started = process.hrtime.bigint();
  let rows = 0;
  let detail: Record<string, unknown> = {};
  if (step === 'import') {
    const database = await open(storage, target);
    const service = resultsImportService(database);
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const id = await service.importSource(SYSTEM, path.basename(file), fileSource(file), {});
    const parsed = Date.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const view = await service.view(SYSTEM, id, 'ru');
    if (view.counts.blocking > 0)
      throw new Error(`import refused: ${JSON.stringify(view.problems.slice(0, 5))}`);
    const t1 = Date.now();
    const r = await service.commit(SYSTEM, id, 'ru');
    rows = view.counts.students;
    detail = {
      parseSeconds: parsed / 1000,
      // CPU of this process while parsing (all threads): less disturbed by a busy machine than the wall time.
      parseCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      previewSeconds: (t1 - t0 - parsed) / 1000,
      commitSeconds: (Date.now() - t1) / 1000,
      aggregates: r.inserted,
      replaced: r.replaced,
      unchanged: r.unchanged,
    };
    await database.close();
  } else if (step === 'copy' && storage === 'postgres') {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    await client.query('drop table if exists bench_copy');
    await client.query(BARE_TABLE);
    const r = await client.query(
      `copy bench_copy from '${file}' with (format csv, header true, delimiter ';')`,
    );
    rows = r.rowCount ?? 0;
    await client.end();
  } else if (step === 'copy') {
    // PGlite reads COPY input from a Blob: the baseline holds the file in memory (the import does not).
    const db = await PGlite.create(target);
    await db.exec('drop table if exists bench_copy');
    await db.exec(BARE_TABLE);
    const blob = new Blob([fs.readFileSync(file)]);
    const r = await db.query(
      `copy bench_copy from '/dev/blob' with (format csv, header true, delimiter ';')`,
      [],
      { blob },
    );
    rows = r.affectedRows ?? 0;
    await db.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ seconds, rows, maxRssMb, detail } satisfies StepResult)}\n`);
}

/** A checkpoint before each measured PostgreSQL step, so that one step's writes do not slow the next. */
async function checkpoint(storage: string, target: string) {
  if (storage !== 'postgres') return;
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  await client.query('checkpoint');
  await client.end();
}

async function runChild(step: string, storage: string, target: string, file: string): Promise<StepResult> {
  await checkpoint(storage, target);
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', self, '--child', step, storage, target, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`${step} on ${storage} failed (exit ${code}): ${out}`));
      else resolve(JSON.parse(line) as StepResult);
    });
  });
}

// ------------------------------------------------------------------------------------------------
// data

/** A seeded registry; returns the school codes. */
async function prepare(storage: 'postgres' | 'pglite', target: string): Promise<string[]> {
  const database = await open(storage, target);
  await migrate(database.db);
  await seedDemo(database, { seed: 42, schools: SCHOOLS });
  const codes = (await database.db.selectFrom('school').select('code').orderBy('code').execute()).map(
    (r) => r.code,
  );
  await database.close();
  return codes;
}

/** Deterministic rows: ВПР 2024, grades 4–8, Russian and mathematics, a hundred-odd students per group. */
function* studentRows(codes: string[], n: number): Generator<string[]> {
  const random = new Random(12345);
  const rnd = () => random.next();
  for (let i = 0; i < n; i++) {
    const code = codes[Math.floor(rnd() * codes.length)]!;
    const grade = 4 + Math.floor(rnd() * 5);
    const subject = rnd() < 0.5 ? 'Русский язык' : 'Математика';
    const mark = 2 + Math.min(3, Math.floor(rnd() * 4.2));
    const primary = mark * 5 + Math.floor(rnd() * 5);
    const journal = Math.min(5, Math.max(2, mark + (rnd() < 0.3 ? 1 : 0)));
    yield [
      code,
      `S${(i + 1).toString(36).padStart(6, '0')}`,
      'ВПР',
      '2024',
      `${grade}${'АБВ'[Math.floor(rnd() * 3)]}`,
      subject,
      String(primary),
      String(mark),
      String(journal),
    ];
  }
}

async function writeCsv(file: string, codes: string[]) {
  const out = fs.createWriteStream(file, { mode: 0o644 });
  let buf = HEADER.join(';') + '\n';
  for (const r of studentRows(codes, ROWS)) {
    buf += r.join(';') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((res) => out.once('finish', () => res()));
}

async function writeXlsx(file: string, codes: string[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles: false,
  });
  const ws = wb.addWorksheet('ВПР 2024');
  ws.addRow(HEADER).commit();
  for (const r of studentRows(codes, XLSX_ROWS)) {
    ws.addRow([
      r[0],
      r[1],
      r[2],
      Number(r[3]),
      r[4],
      r[5],
      Number(r[6]),
      Number(r[7]),
      Number(r[8]),
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

// ------------------------------------------------------------------------------------------------
// main

async function main() {
  const only = process.argv[2];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rost-bench-import-'));
  fs.chmodSync(dir, 0o755); // the PostgreSQL server reads the baseline's file itself
  const csv = path.join(dir, 'vpr-2024-students.csv');
  const xlsx = path.join(dir, 'vpr-2024-students.xlsx');
  const rows: Array<Record<string, string | number>> = [];
  const report = (storage: string, what: string, r: StepResult, baseline?: StepResult) => {
    const row = {
      storage,
      step: what,
      rows: r.rows,
      seconds: Number(r.seconds.toFixed(2)),
      'rows/s': Math.round(r.rows / r.seconds),
      'peak RSS, MB': r.maxRssMb,
      'vs COPY': baseline ? `${(r.seconds / baseline.seconds).toFixed(2)}×` : '',
    };
    rows.push(row);
    console.log(
      `${storage.padEnd(8)} ${what.padEnd(34)} ${String(row.rows).padStart(8)} rows ${String(row.seconds).padStart(7)} s ${String(row['rows/s']).padStart(8)} rows/s  peak RSS ${row['peak RSS, MB']} MB ${row['vs COPY']}${r.detail && Object.keys(r.detail).length ? `  ${JSON.stringify(r.detail)}` : ''}`,
    );
  };
  try {
    let codes: string[] | null = null;
    let pgResult: { copy: StepResult; imp: StepResult } | null = null;
    for (const storage of ['postgres', 'pglite'] as const) {
      if (only && only !== storage) continue;
      const target =
        storage === 'postgres' ? await freshPgDatabase('rost_bench_import') : path.join(dir, 'pglite');
      const t = Date.now();
      const c = await prepare(storage, target);
      console.log(
        `${storage}: demo registry of ${c.length} schools seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`,
      );
      if (!codes) {
        codes = c;
        const g = Date.now();
        await writeCsv(csv, codes);
        console.log(
          `CSV of ${ROWS} student rows written (${(fs.statSync(csv).size / 1048576).toFixed(0)} MB) in ${((Date.now() - g) / 1000).toFixed(1)} s`,
        );
      }
      const pgliteDir = path.join(target, 'pgdata');
      const imp = await runChild('import', storage, target, csv);
      const copy = await runChild(
        'copy',
        storage,
        storage === 'postgres' ? target : path.join(dir, 'pglite-copy'),
        csv,
      );
      report(storage, 'raw COPY into a bare table', copy);
      report(storage, 'import (parse + stage + commit)', imp, copy);
      if (storage === 'postgres') pgResult = { copy, imp };
      if (storage === 'pglite') fs.rmSync(pgliteDir, { recursive: true, force: true });

      if (storage === 'postgres' || only === 'pglite') {
        const g = Date.now();
        await writeXlsx(xlsx, codes);
        console.log(
          `XLSX of ${XLSX_ROWS} rows written (${(fs.statSync(xlsx).size / 1048576).toFixed(0)} MB) in ${((Date.now() - g) / 1000).toFixed(1)} s`,
        );
        if (storage === 'pglite') await prepare(storage, target);
        report(storage, 'import XLSX (streaming reader)', await runChild('import', storage, target, xlsx));
      }
    }
    console.log('\nSummary:');
    console.table(rows);
    if (pgResult) {
      const ratio = pgResult.imp.seconds / pgResult.copy.seconds;
      console.log(
        `PostgreSQL target (import within 3× of raw COPY): ${ratio <= 3 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×)`,
      );
    }
  } finally {
    if (process.env.BENCH_KEEP) console.log(`files kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [, , , step, storage, target, file] = process.argv;
  await child(step!, storage!, target!, file!);
} else {
  await main();
}
