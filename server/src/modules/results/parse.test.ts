import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parseResults } from './parse.js';
import { testCatalog } from './testing.js';
import { SchoolMatcher } from './domain/match.js';
import type { ByteSource } from './reader.js';

const source = (text: string): ByteSource => {
  const data = Buffer.from(text, 'utf8');
  return {
    size: data.length,
    async *open() {
      yield data;
    },
  };
};

const parse = (text: string) =>
  parseResults({
    fileName: 'dup.csv',
    source: source(text),
    catalog: testCatalog(),
    matcher: new SchoolMatcher([], [], []),
    mapping: { procedure: 'VPR', year: 2024, grade: 5 },
  });

describe('a school and group read twice in one file', () => {
  it('is an error naming the row read before, for school aggregates', async () => {
    const out = await parse(
      'Код ОО;Предмет;Приняло участие;Не преодолели минимальный порог\n' +
        '105201;Математика;20;3\n105202;Математика;18;2\n105201;Математика;21;4\n',
    );
    const dup = out.problems.filter((p) => p.key === 'results.duplicateRow');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ row: 4, severity: 'error', params: { previousRow: 2 } });
    expect(out.groups).toHaveLength(2);
  });

  it('is an error for student rows of a group a sheet before gave as a school aggregate', async () => {
    const wb = new ExcelJS.Workbook();
    const agg = wb.addWorksheet('ОО');
    agg.addRow(['Код ОО', 'Предмет', 'Приняло участие', 'Не преодолели минимальный порог']);
    agg.addRow(['105201', 'Математика', 20, 3]);
    const students = wb.addWorksheet('Участники');
    students.addRow(['Код ОО', 'Код участника', 'Предмет', 'Первичный балл', 'Отметка']);
    students.addRow(['105201', 'S1', 'Математика', 12, 4]);
    students.addRow(['105202', 'S2', 'Математика', 10, 3]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const out = await parseResults({
      fileName: 'dup.xlsx',
      source: {
        size: data.length,
        open: async function* () {
          yield data;
        },
      },
      catalog: testCatalog(),
      matcher: new SchoolMatcher([], [], []),
      mapping: { procedure: 'VPR', year: 2024, grade: 5 },
    });
    const dup = out.problems.filter((p) => p.key === 'results.duplicateRow');
    expect(dup.map((p) => [p.sheet, p.row, p.params.previousSheet, p.params.previousRow])).toEqual([
      ['Участники', 2, 'ОО', 2],
    ]);
    expect(out.stats.students).toBe(1);
  });
});
