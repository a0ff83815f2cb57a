/**
 * The parse worker's entry (bundled by `parallel.ts` and run as a worker thread): builds a
 * `ChunkParser` from the setup it is started with and answers each chunk with its result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkParser, type ChunkResult, type ChunkSetup, type ChunkTask } from './parse-chunk.js';

/** An ArrayBuffer of exactly these bytes, to be transferred (a pooled Buffer's is shared). */
function own<T extends Uint8Array | Int32Array>(a: T): T {
  if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) return a;
  return a.slice() as T;
}

const parser = new ChunkParser(workerData as ChunkSetup);
parentPort!.on('message', (task: ChunkTask) => {
  try {
    const r: ChunkResult = parser.parse(task);
    const copy = own(r.copy);
    const keyOffsets = own(r.keyOffsets);
    parentPort!.postMessage({ ok: { ...r, copy, keyOffsets } }, [
      copy.buffer as ArrayBuffer,
      keyOffsets.buffer as ArrayBuffer,
    ]);
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
