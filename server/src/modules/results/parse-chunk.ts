/**
 * One part of a large student-level CSV file read on its own, as a parse worker does: the bytes of
 * whole records decoded, tokenized, read by the sheet's layout, collected, and the student rows
 * encoded for COPY with school keys of the part (replaced by the import's keys when the part is
 * absorbed, see `parallel.ts`). Everything a part needs comes as plain data in `ChunkSetup`.
 */
import iconv from 'iconv-lite';
import { indexCatalog, type CatalogIndex } from './domain/catalog.js';
import { ImportCollector, type CollectorSnapshot } from './domain/collector.js';
import type { ImportMapping, Layout } from './domain/layout.js';
import { SchoolMatcher, type MatcherSource } from './domain/match.js';
import { SheetRows, type SectionUse } from './domain/rows.js';
import type { Catalog } from './domain/types.js';
import { CopyEncoder } from './copy-encoding.js';
import { CsvQuoteError, CsvTokenizer, type RowBatch } from './csv-tokenizer.js';
import { StudentLines, type LineSink } from './student-lines.js';

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
const QUOTE = 34;

/** Records and lines of a part read into a sink (and the line of a quote left open at its end). */
export interface PartRead {
  records: number;
  lines: number;
  quoteErrorLine?: number;
}

/**
 * Reads parts of one sheet of a student-level CSV file: a part without a quote character by the
 * fast path (`StudentLines`) where the layout allows it, any other with the tokenizer. A parse
 * worker reads each part into a collector of its own (`parse`); the main thread, reading a file
 * in one thread, reads every part into the import's collector (`readInto`).
 */
export class ChunkParser {
  private readonly catalog;
  private readonly matcher: SchoolMatcher;
  private readonly reader: SheetRows;
  private readonly lines: StudentLines | null;
  private readonly decode: (bytes: Uint8Array) => string;

  constructor(
    private readonly setup: ChunkSetup,
    shared?: { catalog: CatalogIndex; matcher: SchoolMatcher },
  ) {
    this.catalog = shared?.catalog ?? indexCatalog(setup.catalog);
    this.matcher = shared?.matcher ?? SchoolMatcher.from(setup.matcher);
    this.reader = new SheetRows({
      file: setup.file,
      sheet: setup.sheet,
      layout: setup.layout,
      catalog: this.catalog,
      mapping: setup.mapping,
    });
    const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
    this.decode =
      setup.encoding === 'utf8'
        ? (b) => utf8.decode(b)
        : (b) => iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), 'win1251');
    this.lines = StudentLines.for(setup.layout, this.reader, {
      sheet: setup.sheet,
      delimiter: setup.delimiter,
      newline: setup.newline,
      decode: this.decode,
    });
  }

  /** A part read on its own, as a parse worker does: into a collector and COPY bytes of its own. */
  parse(task: ChunkTask): ChunkResult {
    const { setup } = this;
    const collector = new ImportCollector(this.catalog, this.matcher, setup.file, setup.maxProblems);
    const encoder = new CopyEncoder(setup.importId, KEY_WIDTH, task.bytes.length);
    this.reader.beginPart(task.inherited);
    const read = this.readInto(task.bytes, task.first, { collector, encoder, rowBase: 0 });
    this.flush();
    const { bytes, keyOffsets } = encoder.take();
    return {
      seq: task.seq,
      ...read,
      copy: bytes,
      keyOffsets,
      part: collector.snapshot(),
      section: this.reader.sectionUse(),
    };
  }

  /** Have the collector count every row read so far (see `StudentLines.flush`). */
  flush(): void {
    this.lines?.flush();
  }

  /**
   * The records of `bytes` (whole records; `first`: the file's first part) into `sink`; `flush`
   * before the collector is read.
   */
  readInto(bytes: Uint8Array, first: boolean, sink: LineSink): PartRead {
    const buf = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.lines && buf.indexOf(QUOTE) < 0) {
      const records = this.lines.read(buf, first, sink);
      return { records, lines: records };
    }
    const { setup, reader } = this;
    const { collector, encoder, rowBase } = sink;
    const tokenizer = new CsvTokenizer(setup.delimiter, setup.newline);
    const headerEnd = first ? setup.layout.headerEnd : -1;
    const sheet = setup.sheet;
    const take = (rows: RowBatch) => {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        if (row.index <= headerEnd) continue;
        const at = rowBase + row.index;
        const out = collector.addRow(reader.interpret(row.cells, at), sheet, at + 1);
        for (let j = 0; j < out.length; j++) encoder.add(out[j]!);
      }
    };
    let quoteErrorLine: number | undefined;
    try {
      // The first part keeps its byte-order mark for the tokenizer, which drops it.
      const text =
        setup.encoding === 'utf8'
          ? new TextDecoder('utf-8', { ignoreBOM: !first }).decode(buf)
          : this.decode(buf);
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
    const counts = tokenizer.counts;
    return {
      records: counts.records,
      lines: counts.lines,
      ...(quoteErrorLine !== undefined ? { quoteErrorLine } : {}),
    };
  }
}
