/**
 * The parse step of an import: stream the sheets of a file through header detection and the row
 * reader into the collector. Student rows are handed to `onStudents` in chunks (the database
 * writes them as staged rows, a dry run drops them), everything else is returned.
 */
import type { Cell } from '../../platform/tabular/read.js';
import { TableReadError } from '../../platform/tabular/read.js';
import { indexCatalog, type CatalogIndex } from './domain/catalog.js';
import {
  DEFAULT_MAX_PROBLEMS,
  ImportCollector,
  type CollectedImport,
  type StagedStudent,
} from './domain/collector.js';
import { detectLayout, type ImportMapping, type Layout } from './domain/layout.js';
import type { SchoolMatcher } from './domain/match.js';
import { SheetRows } from './domain/rows.js';
import type { Catalog, Problem } from './domain/types.js';
import { openTable, type ByteSource } from './reader.js';
import { parallelParseAvailable, parseStudentsInParallel, parseStudentsInThread } from './parallel.js';
import type { ChunkSetup } from './parse-chunk.js';

export interface SheetSummary {
  sheet: string;
  kind: 'aggregate' | 'student' | null;
  signature: string | null;
  headerRows: [number, number] | null;
  procedure: string | null;
  year: number | null;
  grade: number | null;
  subjects: string[];
  columns: Array<{ letter: string; header: string; field: string | null; subject: string | null }>;
  template: number | null;
}

export interface ParseInput {
  fileName: string;
  source: ByteSource;
  catalog: Catalog;
  matcher: SchoolMatcher;
  /** Explicit options of the upload (win over a template's). */
  mapping: ImportMapping;
  /** A saved template for a header signature, if any. */
  templateFor?: (signature: string) => { id: number; mapping: ImportMapping } | null;
  onStudents?: (rows: StagedStudent[]) => Promise<void>;
  onProgress?: (fraction: number) => void | Promise<void>;
  signal?: AbortSignal;
  studentChunk?: number;
  /** How many student chunks may be written concurrently while parsing goes on (1 on PGlite). */
  parallelWrites?: number;
  bufferXlsxBelow?: number;
  maxProblems?: number;
  /**
   * PostgreSQL: the student rows of this import as COPY text bytes. A student-level CSV file is
   * then read by parts of whole records with the fast path (`parse-chunk.ts`), in this thread or,
   * when `workers` > 1 and the file has `minBytes`, by worker threads (`parallel.ts`), and its rows
   * are handed over here; anything else still goes through `onStudents`.
   */
  copy?: {
    importId: number;
    write(bytes: Buffer): Promise<void>;
    workers: number;
    minBytes?: number;
    chunkBytes?: number;
  };
}

/** CSV files from this size are read by parse workers when asked (a worker costs about 0.1 s to start). */
export const PARALLEL_MIN_BYTES = 8 << 20;

export interface ParseOutput extends CollectedImport {
  format: 'xlsx' | 'csv' | null;
  sheets: SheetSummary[];
}

const HEAD_ROWS = 40;

function summarise(sheet: string, layout: Layout | null, template: number | null): SheetSummary {
  if (!layout)
    return {
      sheet,
      kind: null,
      signature: null,
      headerRows: null,
      procedure: null,
      year: null,
      grade: null,
      subjects: [],
      columns: [],
      template,
    };
  return {
    sheet,
    kind: layout.kind,
    signature: layout.signature,
    headerRows: [layout.headerStart + 1, layout.headerEnd + 1],
    procedure: layout.procedure,
    year: layout.year,
    grade: layout.grade,
    subjects: [
      ...new Set(layout.groups.map((g) => g.subject ?? layout.subject).filter((s): s is string => !!s)),
    ],
    columns: layout.columns
      .filter((c) => c.header.length)
      .map((c) => ({ letter: c.letter, header: c.header.join(' / '), field: c.field, subject: c.subject })),
    template,
  };
}

export async function parseResults(input: ParseInput): Promise<ParseOutput> {
  const catalog: CatalogIndex = indexCatalog(input.catalog);
  const collector = new ImportCollector(catalog, input.matcher, input.fileName, input.maxProblems);
  const sheets: SheetSummary[] = [];
  const chunk = input.studentChunk ?? 5000;
  let buffer: StagedStudent[] = [];
  // Writes of student chunks overlap with parsing the next ones (at most `parallel` in flight).
  const inflight: Promise<void>[] = [];
  const parallel = input.parallelWrites ?? 2;
  const write = async (rows: StagedStudent[]) => {
    if (!input.onStudents) return;
    inflight.push(input.onStudents(rows));
    if (inflight.length >= parallel) await inflight.shift();
  };
  let lastProgress = -1;
  const progress = async (bytes: number) => {
    const f = input.source.size ? Math.min(1, bytes / input.source.size) : 1;
    if (f - lastProgress >= 0.01) {
      lastProgress = f;
      await input.onProgress?.(f);
    }
  };
  let consumed = 0;
  let format: ParseOutput['format'] = null;
  try {
    const table = await openTable(input.fileName, input.source, {
      onBytes: (n) => (consumed = n),
      ...(input.bufferXlsxBelow !== undefined ? { bufferXlsxBelow: input.bufferXlsxBelow } : {}),
    });
    format = table.format;
    for await (const sheet of table.sheets) {
      collector.stats.sheets++;
      const it = sheet.rows[Symbol.asyncIterator]();
      const head: Cell[][] = [];
      const pending: Array<{ index: number; cells: Cell[] }> = [];
      let ended = false;
      while (pending.length < HEAD_ROWS) {
        const r = await it.next();
        if (r.done) {
          ended = true;
          break;
        }
        for (const row of r.value) pending.push(row);
      }
      // Header detection sees the first rows only, as before batches.
      for (const row of pending.slice(0, HEAD_ROWS)) {
        while (head.length < row.index) head.push([]);
        head[row.index] = row.cells;
      }
      const ctx = { file: input.fileName, sheet: sheet.name, catalog };
      let detected = detectLayout(head, sheet.merges, { ...ctx, mapping: input.mapping });
      let templateId: number | null = null;
      let mapping = input.mapping;
      if (detected.signature && input.templateFor) {
        const t = input.templateFor(detected.signature);
        if (t) {
          templateId = t.id;
          mapping = { ...t.mapping, ...input.mapping };
          detected = detectLayout(head, sheet.merges, { ...ctx, mapping });
        }
      }
      collector.addProblems(detected.problems);
      sheets.push({ ...summarise(sheet.name, detected.layout, templateId), signature: detected.signature });
      const layout = detected.layout;
      if (!layout || detected.problems.some((p) => p.severity === 'error')) {
        collector.stats.sheetsSkipped++;
        if (!ended) for (;;) if ((await it.next()).done) break;
        continue;
      }
      const csv = table.csv;
      const copy = input.copy;
      if (
        copy &&
        csv &&
        (csv.encoding === 'utf8' || csv.encoding === 'win1251') &&
        layout.kind === 'student'
      ) {
        // The file is read again from the start, in parts of whole records, here or (a large
        // file, when asked for) by parse workers.
        await it.return?.();
        const setup: ChunkSetup = {
          file: input.fileName,
          sheet: sheet.name,
          catalog: input.catalog,
          matcher: input.matcher.source,
          mapping,
          layout,
          encoding: csv.encoding,
          delimiter: csv.delimiter,
          newline: csv.newline,
          importId: copy.importId,
          maxProblems: input.maxProblems ?? DEFAULT_MAX_PROBLEMS,
        };
        const parts = {
          source: input.source,
          setup,
          collector,
          write: copy.write,
          ...(copy.chunkBytes ? { chunkBytes: copy.chunkBytes } : {}),
          onBytes: progress,
          ...(input.signal ? { signal: input.signal } : {}),
        };
        if (
          copy.workers > 1 &&
          input.source.size >= (copy.minBytes ?? PARALLEL_MIN_BYTES) &&
          (await parallelParseAvailable())
        )
          await parseStudentsInParallel({ ...parts, workers: copy.workers });
        else await parseStudentsInThread({ ...parts, catalog, matcher: input.matcher });
        continue;
      }
      const reader = new SheetRows({ ...ctx, layout, catalog, mapping });
      const sheetName = sheet.name;
      /** Interpret a batch of rows; student rows go to the buffer, which is written when full. */
      const take = async (rows: Array<{ index: number; cells: Cell[] }>) => {
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]!;
          if (row.index <= layout.headerEnd) continue;
          const out = collector.addRow(reader.interpret(row.cells, row.index), sheetName, row.index + 1);
          for (let j = 0; j < out.length; j++) buffer.push(out[j]!);
        }
        if (buffer.length >= chunk) {
          const full = buffer;
          buffer = [];
          await write(full);
          input.signal?.throwIfAborted();
          await progress(consumed);
        }
      };
      await take(pending);
      if (!ended) {
        for (;;) {
          const r = await it.next();
          if (r.done) break;
          await take(r.value);
        }
      }
    }
    if (buffer.length) await write(buffer);
    buffer = [];
    while (inflight.length) await inflight.shift();
  } catch (e) {
    await Promise.allSettled(inflight);
    if (!(e instanceof TableReadError)) throw e;
    const p: Problem = {
      file: input.fileName,
      sheet: '',
      row: 0,
      column: '',
      field: '',
      key: e.key,
      params: e.params,
      severity: 'error',
    };
    collector.addProblems([p]);
  }
  await input.onProgress?.(1);
  return { ...collector.finish(), format, sheets };
}
