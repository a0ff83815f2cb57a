/**
 * A large student-level CSV file parsed by worker threads: the bytes are cut between records into
 * chunks, each chunk is read on its own by a worker (`parse-chunk.ts`), and the results are taken
 * in file order into the import's collector, as if one reader had read the rows one after the
 * other: school keys in the order schools first appear, row numbers of the whole file, the first
 * problems up to the cap. A chunk that used the municipality section it started in, when that
 * section was not the one assumed, is read again with the right one.
 *
 * The worker's code is bundled once per process with esbuild (a worker started on the TypeScript
 * sources would load them through the loader hooks: seconds instead of a tenth of one).
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { TableReadError } from '../../platform/tabular/read.js';
import type { ImportCollector } from './domain/collector.js';
import type { CatalogIndex } from './domain/catalog.js';
import type { SchoolMatcher } from './domain/match.js';
import { CopyEncoder, replaceKeys } from './copy-encoding.js';
import { lastRecordEnd, MAX_RECORD } from './csv-tokenizer.js';
import { ChunkParser, KEY_WIDTH, type ChunkResult, type ChunkSetup, type ChunkTask } from './parse-chunk.js';
import type { ByteSource } from './reader.js';

export interface ParallelInput {
  source: ByteSource;
  setup: ChunkSetup;
  collector: ImportCollector;
  workers: number;
  /** Hand over the COPY bytes of the next chunk's student rows (in file order). */
  write(bytes: Buffer): Promise<void>;
  /** Bytes of the file taken in so far. */
  onBytes?: (bytes: number) => Promise<void>;
  signal?: AbortSignal;
  chunkBytes?: number;
}

let bundled: Promise<string> | null = null;
let unavailable = false;

/**
 * Whether parse workers can run here (their code bundles); when not (no esbuild binary for this
 * platform, say), files are read by one thread as before, and the reason is logged once.
 */
export async function parallelParseAvailable(): Promise<boolean> {
  if (unavailable) return false;
  try {
    await workerCode();
    return true;
  } catch (e) {
    unavailable = true;
    console.warn(`results: parse workers unavailable, reading files in one thread: ${String(e)}`);
    return false;
  }
}

/** The worker's code as one CommonJS script. */
function workerCode(): Promise<string> {
  if (!bundled) {
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    bundled = import('esbuild')
      .then((esbuild) =>
        esbuild.build({
          entryPoints: [fileURLToPath(new URL(`./parse-worker${ext}`, import.meta.url))],
          bundle: true,
          platform: 'node',
          format: 'cjs',
          target: 'node20',
          write: false,
          logLevel: 'silent',
        }),
      )
      .then((r) => r.outputFiles[0]!.text);
    bundled.catch(() => (bundled = null));
  }
  return bundled;
}

type Settle = { resolve: (r: ChunkResult) => void; reject: (e: Error) => void };

/** Workers answering tasks in the order given (each worker's own queue). */
class Pool {
  private readonly queues: Settle[][] = [];
  private next = 0;
  private failure: Error | null = null;

  constructor(private readonly workers: Worker[]) {
    workers.forEach((w, i) => {
      const queue: Settle[] = [];
      this.queues.push(queue);
      w.on('message', (m: { ok?: ChunkResult; error?: string }) => {
        const s = queue.shift();
        if (m.ok) s?.resolve(m.ok);
        else s?.reject(new Error(`parse worker ${i}: ${m.error}`));
      });
      const fail = (e: Error) => {
        this.failure ??= e;
        for (const s of queue.splice(0)) s.reject(e);
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`parse worker ${i} exited (${code})`)));
    });
  }

  run(task: ChunkTask): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    const i = this.next++ % this.workers.length;
    return new Promise<ChunkResult>((resolve, reject) => {
      this.queues[i]!.push({ resolve, reject });
      this.workers[i]!.postMessage(task);
    });
  }

  async close() {
    this.failure ??= new Error('closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * The bytes of a source cut into runs of whole records of about `chunkBytes` (the last run holds
 * whatever is left); `line` gives the line reached, for the error of a record longer than allowed.
 */
async function* recordRuns(
  source: ByteSource,
  chunkBytes: number,
  setup: ChunkSetup,
  line: () => number,
): AsyncGenerator<Buffer> {
  const newline = setup.newline.charCodeAt(0);
  const delimiter = setup.delimiter.charCodeAt(0);
  let pending: Buffer[] = [];
  let pendingLength = 0;
  for await (const b of source.open()) {
    pending.push(b);
    pendingLength += b.length;
    if (pendingLength < chunkBytes) continue;
    const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    const end = lastRecordEnd(buf, newline, delimiter);
    if (end < 0) {
      if (buf.length > MAX_RECORD)
        throw new TableReadError('table.csvError', { name: setup.file, line: line() + 1 });
      pending = [buf];
      continue;
    }
    yield buf.subarray(0, end);
    pending = end < buf.length ? [buf.subarray(end)] : [];
    pendingLength = buf.length - end;
  }
  if (pendingLength) yield Buffer.concat(pending);
}

const CHUNK_BYTES = 4 << 20;
/**
 * Parts read in this thread are smaller: each is read without yielding to the event loop, and a
 * megabyte takes ≈25 ms, so that other requests of the server wait no longer than that.
 */
const THREAD_PART_BYTES = 1 << 20;

export async function parseStudentsInParallel(input: ParallelInput): Promise<void> {
  const { setup, collector } = input;
  const code = await workerCode();
  const pool = new Pool(
    Array.from({ length: input.workers }, () => new Worker(code, { eval: true, workerData: setup })),
  );
  const inflight: Array<{ task: ChunkTask; result: Promise<ChunkResult> }> = [];
  let seq = 0;
  let rowOffset = 0;
  let lineOffset = 0;
  let section: string | null = null;
  let merged = 0;

  /** Take the oldest chunk's result into the collector and hand its rows over. */
  const mergeOldest = async () => {
    const { task, result } = inflight.shift()!;
    let r = await result;
    if (r.section.inheritedRead && section !== task.inherited)
      r = await pool.run({ ...task, inherited: section });
    const map = collector.absorb(r.part, rowOffset);
    replaceKeys(r.copy, r.keyOffsets, KEY_WIDTH, map);
    if (r.copy.length) await input.write(Buffer.from(r.copy.buffer, r.copy.byteOffset, r.copy.byteLength));
    if (r.quoteErrorLine !== undefined)
      throw new TableReadError('table.csvError', { name: setup.file, line: lineOffset + r.quoteErrorLine });
    rowOffset += r.records;
    lineOffset += r.lines;
    if (r.section.municipality !== undefined) section = r.section.municipality;
    merged += task.bytes.length;
    await input.onBytes?.(merged);
    input.signal?.throwIfAborted();
  };

  try {
    for await (const bytes of recordRuns(
      input.source,
      input.chunkBytes ?? CHUNK_BYTES,
      setup,
      () => lineOffset,
    )) {
      // A copy of exactly these bytes (a view may share a larger buffer with the next run).
      const task: ChunkTask = { seq, bytes: new Uint8Array(bytes), first: seq === 0, inherited: null };
      seq++;
      const result = pool.run(task);
      result.catch(() => {}); // awaited in order below
      inflight.push({ task, result });
      while (inflight.length >= input.workers * 2) await mergeOldest();
    }
    while (inflight.length) await mergeOldest();
  } finally {
    await pool.close();
  }
}

/**
 * The same file read in this thread, part after part, straight into the import's collector (no
 * parts to absorb): the fast path of `ChunkParser` makes the rows cheap enough that the other
 * core is better left to PostgreSQL, which takes in the COPY bytes meanwhile.
 */
export async function parseStudentsInThread(
  input: Omit<ParallelInput, 'workers'> & { catalog: CatalogIndex; matcher: SchoolMatcher },
): Promise<void> {
  const { setup, collector } = input;
  const parser = new ChunkParser(setup, { catalog: input.catalog, matcher: input.matcher });
  let rowBase = 0;
  let lineOffset = 0;
  let read = 0;
  let first = true;
  for await (const bytes of recordRuns(
    input.source,
    input.chunkBytes ?? THREAD_PART_BYTES,
    setup,
    () => lineOffset,
  )) {
    const encoder = new CopyEncoder(setup.importId, 0, bytes.length);
    const r = parser.readInto(bytes, first, { collector, encoder, rowBase });
    first = false;
    const out = encoder.take().bytes;
    if (out.length) await input.write(out);
    if (r.quoteErrorLine !== undefined)
      throw new TableReadError('table.csvError', { name: setup.file, line: lineOffset + r.quoteErrorLine });
    rowBase += r.records;
    lineOffset += r.lines;
    read += bytes.length;
    await input.onBytes?.(read);
    input.signal?.throwIfAborted();
  }
  parser.flush();
}
