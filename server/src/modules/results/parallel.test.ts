import { afterEach, describe, expect, it, vi } from 'vitest';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { CopyEncoder } from './copy-encoding.js';
import { CsvTokenizer, lastRecordEnd, type RowBatch } from './csv-tokenizer.js';
import type { StagedStudent } from './domain/collector.js';
import { SchoolMatcher } from './domain/match.js';
import { parseResults, type ParseOutput } from './parse.js';
import type { ByteSource } from './reader.js';
import { StudentLines } from './student-lines.js';
import { testCatalog } from './testing.js';

/** Records of the whole text, or of the text cut into chunks the way the parallel reader cuts bytes. */
function tokenize(text: string, newline: '\n' | '\r'): Array<Array<string | null>> {
  const out: RowBatch = [];
  const t = new CsvTokenizer(';', newline);
  t.push(text, out);
  t.end(out);
  return out.map((r) => r.cells as Array<string | null>);
}

function tokenizeInChunks(bytes: Buffer, newline: '\n' | '\r', pieces: number[]) {
  const records: Array<Array<string | null>> = [];
  let pending = Buffer.alloc(0);
  let at = 0;
  const flush = (final: boolean) => {
    const end = final ? pending.length : lastRecordEnd(pending, newline.charCodeAt(0), 59);
    if (end <= 0) return;
    records.push(...tokenize(pending.subarray(0, end).toString('utf8'), newline));
    pending = pending.subarray(end);
  };
  for (const n of pieces) {
    pending = Buffer.concat([pending, bytes.subarray(at, at + n)]);
    at += n;
    flush(false);
  }
  pending = Buffer.concat([pending, bytes.subarray(at)]);
  flush(true);
  return records;
}

describe('lastRecordEnd', () => {
  it('cuts after the last record delimiter outside quotes', () => {
    const b = (s: string) => Buffer.from(s, 'utf8');
    expect(lastRecordEnd(b('a;b\nc;d\ne'), 10, 59)).toBe(8);
    expect(lastRecordEnd(b('a;"b\nc";d\ne'), 10, 59)).toBe(10);
    expect(lastRecordEnd(b('a;"b\nc'), 10, 59)).toBe(-1);
    // a quote inside an unquoted field is a character; "" inside a quoted field is a quote
    expect(lastRecordEnd(b('a;5"А\nb;"x""\ny"\nc'), 10, 59)).toBe(17); // А is two bytes
    // a quoted field that may go on in the next bytes
    expect(lastRecordEnd(b('a\n"b""'), 10, 59)).toBe(2);
    expect(lastRecordEnd(b('a\rb\rc'), 13, 59)).toBe(4);
  });

  it('chunks cut by it tokenize into the records of the whole text (property)', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-zА-я0-9 ]{0,6}$/),
      fc.stringMatching(/^[a-z;"\n\r ]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
      fc.stringMatching(/^[a-z]{1,3}"[a-zА]{0,3}$/),
    );
    const record = fc.array(field, { minLength: 1, maxLength: 5 }).map((f) => f.join(';'));
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 40 }),
        (records, eol, pieces) => {
          const newline = eol === '\r' ? '\r' : '\n';
          const text = records.join(eol) + eol;
          expect(tokenizeInChunks(Buffer.from(text, 'utf8'), newline, pieces)).toEqual(
            tokenize(text, newline),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// the parallel parse against the sequential one

const registry = [
  {
    id: 1,
    code: '105201',
    municipalityId: 1,
    shortName: 'МБОУ "СОШ № 1 с. Ивановка"',
    fullName: 'СОШ № 1 с. Ивановка',
  },
  {
    id: 2,
    code: '105202',
    municipalityId: 1,
    shortName: 'МБОУ "Петровская СОШ"',
    fullName: 'Петровская СОШ',
  },
  { id: 3, code: '205001', municipalityId: 2, shortName: 'МБОУ "СОШ № 5"', fullName: 'СОШ № 5 г. Бетинска' },
  { id: 4, code: '205002', municipalityId: 2, shortName: 'МБОУ "СОШ № 1"', fullName: 'СОШ № 1 г. Бетинска' },
];
const municipalities = [
  { id: 1, code: 'A', name: 'Альфинский муниципальный район' },
  { id: 2, code: 'B', name: 'городской округ Бетинск' },
];

/** A source handing the bytes over in small pieces (so that a small file makes many chunks). */
function pieces(data: Buffer, size: number): ByteSource {
  return {
    size: data.length,
    async *open() {
      for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
    },
  };
}

/**
 * A student list with municipality section rows and school names without codes (a school named
 * «СОШ № 1» is another school in each section), schools the registry does not know, and bad cells.
 */
function sectionedList(): Buffer {
  const lines = ['Наименование ОО;Код участника;Класс;Предмет;Первичный балл;Отметка'];
  let n = 0;
  for (const [section, schools] of [
    ['Альфинский муниципальный район', ['СОШ № 1 с. Ивановка', 'Петровская СОШ', 'Школа-призрак']],
    ['городской округ Бетинск', ['СОШ № 5 г. Бетинска', 'СОШ № 1 г. Бетинска']],
  ] as const) {
    lines.push(`${section};;;;;`);
    for (let round = 0; round < 6; round++) {
      for (const school of schools) {
        for (const subject of ['Русский язык', 'Математика']) {
          n++;
          const mark = 2 + (n % 4);
          const bad = n % 97 === 0 ? 'семь' : String(mark);
          const unknown = n % 89 === 0 ? 'Астрология' : subject;
          lines.push(`${school};S${n};${5 + (n % 2)}"А";${unknown};${mark * 4 + (n % 3)};${bad}`);
        }
      }
    }
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** A code-only list, as regional assessment centres export it, Windows line ends. */
function codeList(rows: number): Buffer {
  const lines = ['Код ОО;Код участника;Класс;Предмет;Первичный балл;Отметка;Отметка в журнале'];
  for (let i = 0; i < rows; i++) {
    const code = ['105201', '105202', '205001', '999999'][i % 4];
    const mark = 2 + ((i * 7) % 4);
    const markCell = i % 53 === 0 ? 'пять' : String(mark);
    lines.push(
      `${code};S${i};${4 + (i % 5)}Б;${i % 3 ? 'Математика' : 'Русский язык'};${mark * 5};${markCell};${i % 11 ? mark : ''}`,
    );
  }
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

/**
 * The file parsed by the general reader (`sequential`) and by parts of whole records (`parallel`):
 * by `workers` parse workers, or in this thread (`workers: 1`), each with the fast path.
 */
async function parseBoth(data: Buffer, chunkBytes: number, workers = 2) {
  const common = {
    fileName: 'list.csv',
    catalog: testCatalog(),
    mapping: { procedure: 'VPR', year: 2024 },
    maxProblems: 7,
  };
  const staged: StagedStudent[] = [];
  const sequential = await parseResults({
    ...common,
    source: pieces(data, 64),
    matcher: new SchoolMatcher(registry, municipalities, []),
    onStudents: async (r) => void staged.push(...r.map((s) => ({ ...s }))),
  });
  const written: Buffer[] = [];
  const parallel = await parseResults({
    ...common,
    source: pieces(data, 64),
    matcher: new SchoolMatcher(registry, municipalities, []),
    onStudents: async () => {
      throw new Error('a parse by parts hands over COPY bytes only');
    },
    copy: {
      importId: 7,
      workers,
      minBytes: 0,
      chunkBytes,
      write: async (b) => void written.push(Buffer.from(b)),
    },
  });
  const rows = (text: string) =>
    text
      .split('\n')
      .filter(Boolean)
      .map((l) =>
        l
          .split('\t')
          .map((v, i) => (i === 1 ? String(Number(v)) : v))
          .join('\t'),
      );
  return {
    sequential,
    parallel,
    sequentialCopy: rows(new CopyEncoder(7).encode(staged).toString('utf8')),
    parallelCopy: rows(Buffer.concat(written).toString('utf8')),
  };
}

const comparable = (o: ParseOutput) => ({ ...o, schools: o.schools.map(({ accumulators: _, ...k }) => k) });

describe.each([
  ['by parse workers', 2],
  ['by parts in this thread', 1],
])('a large student list read %s', (_, workers) => {
  it('gives what the sequential parse gives: schools, groups, problems and rows, in the same order', async () => {
    const r = await parseBoth(codeList(3000), 4096, workers);
    expect(r.parallel.stats.students).toBeGreaterThan(2000);
    expect(r.parallel.problemCount).toBeGreaterThan(7); // a bad mark every 53 rows; only 7 kept
    expect(comparable(r.parallel)).toEqual(comparable(r.sequential));
    expect(r.parallelCopy).toEqual(r.sequentialCopy);
  });

  it('reads a chunk again when it depended on the municipality section it started in', async () => {
    const data = sectionedList();
    for (const chunkBytes of [200, 700, 5000]) {
      const r = await parseBoth(data, chunkBytes, workers);
      expect(r.sequential.schools.map((s) => [s.ref.municipality, s.ref.name, s.match.schoolId])).toEqual([
        ['Альфинский муниципальный район', 'СОШ № 1 с. Ивановка', 1],
        ['Альфинский муниципальный район', 'Петровская СОШ', 2],
        ['Альфинский муниципальный район', 'Школа-призрак', null],
        ['городской округ Бетинск', 'СОШ № 5 г. Бетинска', 3],
        ['городской округ Бетинск', 'СОШ № 1 г. Бетинска', 4],
      ]);
      expect(comparable(r.parallel)).toEqual(comparable(r.sequential));
      expect(r.parallelCopy).toEqual(r.sequentialCopy);
    }
  });

  it('names the line of a quote left open, as the sequential parse does', async () => {
    const data = Buffer.concat([
      codeList(400),
      Buffer.from('105201;"S-open;5А;Математика;10;3\r\n105201;S1;5А;Математика;10;3\r\n'),
    ]);
    const r = await parseBoth(data, 256, workers);
    const problem = (o: ParseOutput) => o.problems.find((p) => p.key === 'table.csvError');
    // kept although the problems of rows before it filled the list
    expect(r.sequential.problems.length).toBe(8);
    expect(problem(r.sequential)?.params).toEqual({ name: 'list.csv', line: 402 });
    expect(problem(r.parallel)).toEqual(problem(r.sequential));
  });
});

// ---------------------------------------------------------------------------------------------
// the fast path (`StudentLines`) against the general reader

/**
 * A code-only list in no order, as assessment centres export it, with the rows the fast path must
 * leave to `interpret`: numbers that are not plain (decimal commas, spaces, words, out of range, a
 * mark of 0), keys that are not plain ASCII or are missing, rows without any result, blank lines,
 * a total row, the header repeated, a school the registry does not know, cells with spaces.
 */
function mixedList(rows: number): string {
  const lines = ['Код ОО;Код участника;Класс;Предмет;Первичный балл;Отметка;Отметка в журнале'];
  const codes = ['105201', '105202', '205001', '999999'];
  for (let i = 0; i < rows; i++) {
    const code = codes[(i * 7 + (i >> 3)) % 4]!;
    const mark = 2 + ((i * 5) % 4);
    let primary = String(mark * 5 + (i % 4));
    let markCell = String(mark);
    let key = `S${i}`;
    if (i % 97 === 1) primary = `${mark * 5},5`;
    if (i % 101 === 2) primary = ` ${mark * 5}`;
    if (i % 103 === 3) markCell = 'пять';
    if (i % 107 === 4) markCell = '7';
    if (i % 109 === 5) markCell = '0';
    if (i % 113 === 6) key = `Ученик-${i}`;
    if (i % 127 === 7) key = `S\\${i}`;
    if (i % 131 === 8) key = '';
    if (i % 137 === 9) primary = '0' + primary;
    if (i % 139 === 10) [primary, markCell] = ['', ''];
    const journal = i % 11 ? String(mark) : '';
    lines.push(
      `${code};${key};${4 + (i % 5)}${'АБ'[i % 2]};${i % 3 ? 'Математика' : 'Русский язык'};${primary};${markCell};${journal}`,
    );
    if (i === rows >> 1) lines.push('', 'Итого;;;;;;', lines[0]!, ';;;;;;');
    if (i === rows >> 2) lines.push(`105201 ;S-space;5А;Математика;10;3;3`);
  }
  return lines.join('\n') + '\n';
}

/** A sectioned list as `sectionedList`, without quotes (the fast path reads parts without a quote). */
function sectionedPlainList(): Buffer {
  return Buffer.from(sectionedList().toString('utf8').replace(/"А"/g, 'А'), 'utf8');
}

describe('the fast path of a large student list', () => {
  const slow = vi.spyOn(StudentLines.prototype as unknown as { slow: () => void }, 'slow');
  afterEach(() => slow.mockClear());

  it.each([
    ['in this thread', 1],
    ['by parse workers', 2],
  ])('reads a list in no order with odd rows as the general reader does (%s)', async (_, workers) => {
    const data = Buffer.from(mixedList(4000), 'utf8');
    for (const chunkBytes of [700, 64 << 10]) {
      slow.mockClear();
      const r = await parseBoth(data, chunkBytes, workers);
      expect(r.sequential.problemCount).toBeGreaterThan(50);
      expect(comparable(r.parallel)).toEqual(comparable(r.sequential));
      expect(r.parallelCopy).toEqual(r.sequentialCopy);
    }
  });

  it('takes most rows from the bytes: a row goes through interpret only when it is new or odd', async () => {
    const data = Buffer.from(mixedList(4000), 'utf8');
    const r = await parseBoth(data, 64 << 10, 1);
    expect(r.parallel.stats.students).toBeGreaterThan(3700);
    // 4 schools × 10 classes × 2 subjects, and the odd rows (about 8 in a hundred): under an eighth
    expect(slow.mock.calls.length).toBeGreaterThan(80);
    expect(slow.mock.calls.length).toBeLessThan(500);
  });

  it('reads a Windows-1251 list with Windows line ends as the general reader does', async () => {
    const data = iconv.encode(mixedList(2000).replace(/\n/g, '\r\n'), 'win1251');
    const r = await parseBoth(data, 4096, 1);
    expect(slow.mock.calls.length).toBeLessThan(300);
    expect(comparable(r.parallel)).toEqual(comparable(r.sequential));
    expect(r.parallelCopy).toEqual(r.sequentialCopy);
  });

  it('follows the municipality sections of a list that names schools without codes', async () => {
    for (const workers of [1, 2]) {
      const r = await parseBoth(sectionedPlainList(), 300, workers);
      // «СОШ № 1 …» is read in two sections: one combination of cells, two schools
      expect(r.parallel.schools).toHaveLength(5);
      expect(comparable(r.parallel)).toEqual(comparable(r.sequential));
      expect(r.parallelCopy).toEqual(r.sequentialCopy);
    }
  });
});
