import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import {
  columnLetter,
  detectDelimiter,
  fillMerged,
  normaliseHeader,
  parseNumberRu,
  readTable,
  TableReadError,
  type Sheet,
} from './read.js';
import { registry } from '../../../../common/src/i18n/registry.js';

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function readError(p: Promise<unknown>): Promise<TableReadError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TableReadError);
    return e as TableReadError;
  }
  throw new Error('expected a TableReadError');
}

describe('readTable: CSV', () => {
  it('reads Windows-1251, semicolons, quoted fields with newlines; numbers stay strings', async () => {
    const text =
      'Код ОО;Наименование;Доля, %\r\n' +
      '440101;"МБОУ ""СОШ № 1""\r\nг. Буй";12,5\r\n' +
      '440102;Гимназия; 1 234,5 \r\n' +
      '\r\n' +
      '440103;"Школа; с точкой с запятой";\r\n';
    const wb = await readTable('реестр.csv', iconv.encode(text, 'win1251'));
    expect(wb.format).toBe('csv');
    expect(wb.sheets).toHaveLength(1);
    const s = wb.sheets[0]!;
    expect(s.name).toBe('реестр');
    expect(s.merges).toEqual([]);
    expect(s.rows).toEqual([
      ['Код ОО', 'Наименование', 'Доля, %'],
      ['440101', 'МБОУ "СОШ № 1"\r\nг. Буй', '12,5'],
      ['440102', 'Гимназия', ' 1 234,5 '],
      [],
      ['440103', 'Школа; с точкой с запятой'],
    ]);
  });

  it('reads UTF-8 with a BOM and commas', async () => {
    const data = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('код,название\n1,"Лицей, № 2"\n2,Ёлкинская ООШ\n'),
    ]);
    const wb = await readTable('list.CSV', data);
    expect(wb.sheets[0]!.rows).toEqual([
      ['код', 'название'],
      ['1', 'Лицей, № 2'],
      ['2', 'Ёлкинская ООШ'],
    ]);
  });

  it('reads UTF-8 without a BOM, tabs and pipes', async () => {
    const tab = await readTable('a.txt', Buffer.from('код\tназвание\n1\tСОШ, № 1\n'));
    expect(tab.sheets[0]!.rows).toEqual([
      ['код', 'название'],
      ['1', 'СОШ, № 1'],
    ]);
    const pipe = await readTable('a.csv', Buffer.from('код|название|доля\n1|СОШ; № 1|1,5\n'));
    expect(pipe.sheets[0]!.rows[1]).toEqual(['1', 'СОШ; № 1', '1,5']);
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', async () => {
    const data = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('код\tназвание\r\n1\tШкола\r\n', 'utf16le'),
    ]);
    const wb = await readTable('a.txt', data);
    expect(wb.sheets[0]!.rows).toEqual([
      ['код', 'название'],
      ['1', 'Школа'],
    ]);
  });

  it('detects the delimiter by consistency, not by raw count', () => {
    // Decimal commas: more commas than semicolons on some lines, but semicolons are consistent.
    expect(detectDelimiter('код;доля;доля2\n1;12,5;1,25\n2;3,75;4\n3;0;0,5\n')).toBe(';');
    expect(detectDelimiter('"a;b",c,d\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('one column\nvalue\n')).toBe(';');
    expect(detectDelimiter('"multi\nline; quoted"\tb\n1\t2\n')).toBe('\t');
  });

  it('refuses an unclosed quote with the line', async () => {
    const e = await readError(readTable('bad.csv', Buffer.from('a;b\n1;"unclosed\n2;3\n')));
    expect(e.key).toBe('table.csvError');
    expect(e.params.name).toBe('bad.csv');
  });
});

describe('readTable: XLSX', () => {
  it('reads all sheets with normalised values and merges', async () => {
    const data = await xlsx((wb) => {
      const ws = wb.addWorksheet('Школы');
      ws.getCell('A1').value = 'Реестр';
      ws.mergeCells('A1:C1');
      ws.getCell('A2').value = { richText: [{ text: 'Код ' }, { font: { bold: true }, text: 'ОО' }] };
      ws.getCell('B2').value = 'Дата';
      ws.getCell('C2').value = 'Доля';
      ws.getCell('D2').value = 'Сайт';
      ws.getCell('A3').value = 440101;
      ws.getCell('B3').value = new Date(Date.UTC(2023, 8, 1));
      ws.getCell('C3').value = 0.25;
      ws.getCell('C3').numFmt = '0%';
      ws.getCell('D3').value = { text: 'school1.ru', hyperlink: 'https://school1.ru' };
      ws.getCell('A4').value = { formula: 'A3+1', result: 440102 };
      ws.getCell('B4').value = { error: '#N/A' };
      ws.getCell('C4').value = true;
      ws.getCell('D4').value = '';
      ws.getCell('A6').value = 'после пустой строки';
      ws.getCell('A7').value = 'вниз';
      ws.mergeCells('A7:A8');
      const ws2 = wb.addWorksheet('Контекст');
      ws2.getCell('B2').value = 'второй лист';
    });
    const wb = await readTable('Реестр.xlsx', data);
    expect(wb.format).toBe('xlsx');
    expect(wb.sheets.map((s) => s.name)).toEqual(['Школы', 'Контекст']);
    const s = wb.sheets[0]!;
    expect(s.rows[0]).toEqual(['Реестр']); // merged cells other than the top-left are null and trimmed
    expect(s.rows[1]).toEqual(['Код ОО', 'Дата', 'Доля', 'Сайт']);
    expect(s.rows[2]).toEqual([440101, new Date(Date.UTC(2023, 8, 1)), 25, 'school1.ru']);
    expect(s.rows[3]).toEqual([440102, null, true]);
    expect(s.rows[4]).toEqual([]);
    expect(s.rows[5]).toEqual(['после пустой строки']);
    expect(s.rows[6]).toEqual(['вниз']);
    expect(s.rows).toHaveLength(7);
    expect(s.merges).toEqual(
      expect.arrayContaining([
        { top: 0, left: 0, bottom: 0, right: 2 },
        { top: 6, left: 0, bottom: 7, right: 0 },
      ]),
    );
    const filled = fillMerged(s);
    expect(filled[0]).toEqual(['Реестр', 'Реестр', 'Реестр']);
    expect(filled[7]).toEqual(['вниз']);
    expect(s.rows[0]).toEqual(['Реестр']); // not changed
    expect(wb.sheets[1]!.rows).toEqual([[], [null, 'второй лист']]);
  });

  it('refuses a corrupt workbook', async () => {
    const good = await xlsx((wb) => wb.addWorksheet('A').addRow(['x']));
    const e = await readError(readTable('broken.xlsx', good.subarray(0, Math.floor(good.length / 2))));
    expect(e.key).toBe('table.corrupt');
    expect(e.params).toEqual({ name: 'broken.xlsx' });
    expect(e.message).toContain('broken.xlsx');
    // text named .xlsx
    expect((await readError(readTable('fake.xlsx', Buffer.from('a;b\n')))).key).toBe('table.corrupt');
  });

  it('refuses too many rows', async () => {
    const data = await xlsx((wb) => {
      const ws = wb.addWorksheet('Много');
      for (let i = 0; i < 20; i++) ws.addRow([i]);
    });
    const e = await readError(readTable('big.xlsx', data, { maxRows: 10 }));
    expect(e.key).toBe('table.tooManyRows');
    expect(e.params).toMatchObject({ sheet: 'Много', max: 10 });
    const csv = await readError(readTable('big.csv', Buffer.from('1\n2\n3\n'), { maxRows: 2 }));
    expect(csv.key).toBe('table.tooManyRows');
    expect((await readTable('ok.xlsx', data, { maxRows: 20 })).sheets[0]!.rows).toHaveLength(20);
  });
});

describe('readTable: unsupported files', () => {
  const ole = Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
  ]);

  it.each([
    ['programme.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
    ['programme.doc', ole],
    ['random.csv', Buffer.from([0x01, 0x00, 0xff, 0x10, 0x00, 0x00, 0x7f, 0x00, 0x33])],
    ['photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0])],
    ['notes.json', Buffer.from('{"a": 1}')],
  ])('%s → table.unsupported naming the file', async (name, data) => {
    const e = await readError(readTable(name, data));
    expect(e.key).toBe('table.unsupported');
    expect(e.params).toEqual({ name });
  });

  it('refuses a Word .docx (a ZIP without a workbook)', async () => {
    // The smallest ZIP: a local header "PK\x03\x04" with a word/ entry name.
    const zip = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('word/document.xml'),
    ]);
    expect((await readError(readTable('plan.docx', zip))).key).toBe('table.unsupported');
    expect((await readError(readTable('plan', zip))).key).toBe('table.unsupported');
  });

  it('explains old .xls files', async () => {
    expect((await readError(readTable('old.xls', ole))).key).toBe('table.legacyXls');
  });

  it('refuses an empty file', async () => {
    expect((await readError(readTable('empty.csv', Buffer.alloc(0)))).key).toBe('table.empty');
  });
});

describe('fillMerged', () => {
  it('copies the top-left value across the range, extending rows', () => {
    const sheet: Sheet = {
      name: 's',
      rows: [['a', null, 'x'], ['b']],
      merges: [
        { top: 0, left: 0, bottom: 0, right: 1 },
        { top: 1, left: 0, bottom: 2, right: 1 },
      ],
    };
    expect(fillMerged(sheet)).toEqual([
      ['a', 'a', 'x'],
      ['b', 'b'],
      ['b', 'b'],
    ]);
  });
});

describe('parseNumberRu', () => {
  it.each([
    [12, 12],
    ['12', 12],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['1 234,5', 1234.5],
    ['1\u00A0234\u00A0567,25', 1234567.25],
    ['1\u202F234', 1234],
    ['−3', -3],
    ['-3,5', -3.5],
    ['45%', 45],
    ['45 %', 45],
    ['12,5%', 12.5],
    [' 7 ', 7],
    ['0', 0],
    [',5', 0.5],
    ['1,5E+03', 1500],
  ])('%j → %j', (v, expected) => {
    expect(parseNumberRu(v)).toBe(expected);
  });

  it.each([[null], [''], ['  '], ['-'], ['—'], ['–'], ['нет данных'], ['Нет данных'], ['н/д']])(
    '%j → null',
    (v) => {
      expect(parseNumberRu(v)).toBeNull();
    },
  );

  it.each([
    ['abc'],
    ['12 5'],
    ['1,234.5'],
    ['1.234.567'],
    ['12,5,6'],
    ['%'],
    ['Infinity'],
    ['0x10'],
    ['e5'],
    [true],
    [new Date()],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
  ])('%j → invalid', (v) => {
    expect(parseNumberRu(v)).toBe('invalid');
  });

  const SPACE = fc.constantFrom(' ', '\u00A0', '\u202F');
  const MINUS = fc.constantFrom('-', '−');

  it('parses back any number written in Russian style', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
        SPACE,
        MINUS,
        fc.boolean(),
        (negative, int, frac, space, minus, percent) => {
          const digits = int.toString();
          const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, space);
          const text = `${negative ? minus : ''}${grouped}${frac ? `,${frac}` : ''}${percent ? '%' : ''}`;
          const expected = Number(`${negative ? '-' : ''}${digits}${frac ? `.${frac}` : ''}`);
          expect(parseNumberRu(text)).toBe(expected + 0); // "-0" reads as 0
        },
      ),
    );
  });

  it('parses back what Intl formats for ru-RU', () => {
    const ru = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 6 });
    const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6, useGrouping: false });
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
        const expected = Number(plain.format(x));
        expect(parseNumberRu(ru.format(x))).toBe(Object.is(expected, -0) ? 0 : expected);
      }),
    );
  });

  it('never throws, and returns a finite number, null or invalid for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.stringMatching(/^[-−+ ,.\d%eE\u00A0]{0,12}$/),
        ),
        (s) => {
          const r = parseNumberRu(s);
          expect(r === null || r === 'invalid' || (typeof r === 'number' && Number.isFinite(r))).toBe(true);
        },
      ),
    );
  });
});

describe('normaliseHeader', () => {
  it.each([
    ['Код ОО*', 'код оо'],
    ['  Населённый\r\n  пункт ', 'населенный пункт'],
    ['Доля, %', 'доля'],
    ['«Наименование»:', 'наименование'],
    ['Обучающихся 1–4 классов', 'обучающихся 1-4 классов'],
    ['ЁЛКА\u00A0 ЁЖ', 'елка еж'],
    [null, ''],
    [2023, '2023'],
  ])('%j → %j', (v, expected) => {
    expect(normaliseHeader(v)).toBe(expected);
  });
});

describe('columnLetter', () => {
  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('messages', () => {
  it('has every table.* and registry.* key in both locales', () => {
    expect(Object.keys(registry.en).sort()).toEqual(Object.keys(registry.ru).sort());
    for (const key of [
      'table.unsupported',
      'table.corrupt',
      'table.legacyXls',
      'table.empty',
      'table.tooManyRows',
      'table.csvError',
    ]) {
      expect(key in registry.ru).toBe(true);
    }
    // placeholders agree between the locales
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, ru] of Object.entries(registry.ru)) {
      expect(placeholders((registry.en as Record<string, string>)[key]!), key).toEqual(placeholders(ru));
    }
  });
});
