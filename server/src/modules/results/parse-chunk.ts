/**
 * One part of a large student-level CSV file read on its own, as a parse worker does: the bytes of
 * whole records decoded, tokenized, read by the sheet's layout, collected, and the student rows
 * encoded for COPY with school keys of the part (replaced by the import's keys when the part is
 * absorbed, see `parallel.ts`). Everything a part needs comes as plain data in `ChunkSetup`.
 */
import iconv from 'iconv-lite';
import { indexCatalog } from './domain/catalog.js';
import { ImportCollector, type CollectorSnapshot, type StagedStudent } from './domain/collector.js';
import type { ImportMapping, Layout } from './domain/layout.js';
import { SchoolMatcher, type MatcherSource } from './domain/match.js';
import { SheetRows, type SectionUse } from './domain/rows.js';
import type { Catalog } from './domain/types.js';
import { CopyEncoder } from './copy-encoding.js';
import { CsvQuoteError, CsvTokenizer, type RowBatch } from './csv-tokenizer.js';

/** Digits of a school key in a part's COPY bytes (zero-padded, replaced in place). */
export const KEY_WIDTH = 7;

export interface ChunkSetup {
  file: string;
  sheet: string;
  catalog: Catalog;
  matcher: MatcherSource;
  mapping: ImportMapping;
  layout: Layout;
  encoding: 'utf8' | 'win1251';
  delimiter: string;
  newline: '\n' | '\r';
  importId: number;
  maxProblems: number;
}

export interface ChunkTask {
  seq: number;
  bytes: Uint8Array;
  /** The first part of the file: it holds the header rows (and maybe a byte-order mark). */
  first: boolean;
  /** The municipality section the part is read in (null: none, as at the start of a file). */
  inherited: string | null;
}

export interface ChunkResult {
  seq: number;
  /** Records and lines of the part (row numbers of the next part start after them). */
  records: number;
  lines: number;
  copy: Uint8Array;
  keyOffsets: Int32Array;
  part: CollectorSnapshot;
  section: SectionUse;
  /** A quote left open at the end of the part: its line within the part. */
  quoteErrorLine?: number;
}

/** Text is tokenized and read in slices of this many characters (the cells of a slice are short-lived). */
const SLICE = 256 * 1024;
const STAGE = 4096;

export class ChunkParser {
  private readonly catalog;
  private readonly matcher: SchoolMatcher;
  private readonly reader: SheetRows;

  constructor(private readonly setup: ChunkSetup) {
    this.catalog = indexCatalog(setup.catalog);
    this.matcher = SchoolMatcher.from(setup.matcher);
    this.reader = new SheetRows({
      file: setup.file,
      sheet: setup.sheet,
      layout: setup.layout,
      catalog: this.catalog,
      mapping: setup.mapping,
    });
  }

  parse(task: ChunkTask): ChunkResult {
    const { setup, reader } = this;
    const collector = new ImportCollector(this.catalog, this.matcher, setup.file, setup.maxProblems);
    const encoder = new CopyEncoder(setup.importId, KEY_WIDTH);
    const tokenizer = new CsvTokenizer(setup.delimiter, setup.newline);
    const headerEnd = task.first ? setup.layout.headerEnd : -1;
    const sheet = setup.sheet;
    reader.beginPart(task.inherited);
    let staged: StagedStudent[] = [];
    const take = (rows: RowBatch) => {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        if (row.index <= headerEnd) continue;
        const out = collector.addRow(reader.interpret(row.cells, row.index), sheet, row.index + 1);
        for (let j = 0; j < out.length; j++) staged.push(out[j]!);
      }
      if (staged.length >= STAGE) {
        encoder.append(staged);
        staged = [];
      }
    };
    let quoteErrorLine: number | undefined;
    try {
      const text =
        setup.encoding === 'utf8'
          ? new TextDecoder('utf-8', { ignoreBOM: !task.first }).decode(task.bytes)
          : iconv.decode(
              Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength),
              'win1251',
            );
      for (let at = 0; at < text.length; at += SLICE) {
        const rows: RowBatch = [];
        tokenizer.push(text.slice(at, at + SLICE), rows);
        take(rows);
      }
      const rows: RowBatch = [];
      tokenizer.end(rows);
      take(rows);
    } catch (e) {
      if (!(e instanceof CsvQuoteError)) throw e;
      quoteErrorLine = e.line;
    }
    encoder.append(staged);
    const { bytes, keyOffsets } = encoder.take();
    const counts = tokenizer.counts;
    return {
      seq: task.seq,
      records: counts.records,
      lines: counts.lines,
      copy: bytes,
      keyOffsets,
      part: collector.snapshot(),
      section: reader.sectionUse(),
      ...(quoteErrorLine !== undefined ? { quoteErrorLine } : {}),
    };
  }
}
