import type { Command } from 'commander';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { indicatorsService } from './service.js';
import { renderMessage } from './domain/index.js';

export interface ComputeOptions {
  year: string;
  programme?: string[];
}

/** `rost indicators compute --year Y [--programme ID…]`: compute every computed indicator of the programmes. */
export function indicatorsCommands(
  program: Command,
  ctx: { withDb: <T>(fn: (db: Database) => Promise<T>, text: (r: T) => string) => Promise<void> },
) {
  const indicators = program.command('indicators').description('целевые показатели программ');
  indicators
    .command('compute')
    .description(
      'рассчитать вычисляемые показатели всех программ (или указанных) за год; сохраняет значения с числителем, знаменателем и отпечатком данных',
    )
    .requiredOption('--year <year>', 'год, за который считать (весенний год учебного года)')
    .option('--programme <id...>', 'номера программ (по умолчанию — все, где есть вычисляемые показатели)')
    .action((o: ComputeOptions) =>
      ctx.withDb(
        async (d) => {
          const year = Number(o.year);
          if (!Number.isInteger(year) || year < 2000 || year > 2100)
            throw new AppError('indicators.cli.badYear', { value: o.year });
          const ids = o.programme?.map((x) => {
            const n = Number(x);
            if (!Number.isInteger(n) || n <= 0)
              throw new AppError('indicators.cli.badProgramme', { value: x });
            return n;
          });
          const service = indicatorsService(d);
          await service.ensureCatalogue();
          const t0 = performance.now();
          const values = await service.computeAll(year, ids);
          return {
            year,
            ms: Math.round(performance.now() - t0),
            values: values.map((v) => ({
              ...v,
              noData: v.noData ? renderMessage('ru', v.noData) : null,
            })),
          };
        },
        (r) =>
          [
            `Рассчитано показателей: ${r.values.length} за ${r.year} год (${r.ms} мс)`,
            ...r.values.map(
              (v) =>
                `  [${v.indicatorId}] ${v.name.slice(0, 80)}: ${v.value === null ? `нет данных — ${v.noData}` : String(Math.round(v.value * 10) / 10).replace('.', ',')}`,
            ),
          ].join('\n'),
      ),
    );
}
