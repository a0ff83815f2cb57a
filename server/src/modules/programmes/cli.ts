import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { parseUpload } from './routes.js';
import { programmesService, todayIn } from './service.js';

/** `rost roadmap parse FILE` and `rost roadmap import FILE`: the import of roadmap documents from the command line. */
export function roadmapCommands(
  program: Command,
  ctx: {
    withDb: <T>(fn: (db: Database) => Promise<T>, text: (r: T) => string) => Promise<void>;
    system: Principal;
  },
) {
  const read = (file: string) => {
    if (!fs.existsSync(file)) throw new AppError('cli.fileNotFound', { file });
    return { name: path.basename(file), data: fs.readFileSync(file) };
  };
  const today = () => todayIn(new Date(), process.env.ROST_TIMEZONE ?? 'Europe/Moscow');
  const roadmap = program.command('roadmap').description('дорожные карты: разбор и импорт документов');

  roadmap
    .command('parse <file>')
    .description(
      'разобрать документ (DOCX, XLSX, CSV, TXT) и показать паспорт, разделы, мероприятия и показатели; ничего не сохраняет',
    )
    .action(async (file: string) => {
      const json = Boolean(program.opts().json);
      try {
        const f = read(file);
        const r = await parseUpload(f.name, f.data, today(), 'ru');
        if (json) {
          console.log(JSON.stringify({ ok: true, result: r }, null, 2));
          return;
        }
        const lines = [
          `Программа: ${r.passport.name || '—'}`,
          `Приказ: ${r.passport.orderNumber ? `№ ${r.passport.orderNumber} от ${r.passport.orderDate ?? '—'} (${r.passport.orderIssuer ?? '—'})` : '—'}`,
          `Период: ${r.passport.periodFrom ?? '—'} – ${r.passport.periodTo ?? '—'}`,
          `Разделов: ${r.sections.length}, мероприятий: ${r.activities.length}, показателей: ${r.indicators.length}`,
          '',
          ...r.activities.map(
            (a) =>
              `${(a.number ?? '—').padEnd(6)} ${a.text.slice(0, 70).padEnd(70)} | ${a.deadlineText.replace(/\s+/g, ' ')} → ${a.deadlineLabel}`,
          ),
          ...(r.problems.length
            ? ['', 'Замечания:', ...r.problems.map((p) => `  строка ${p.row}: ${p.message}`)]
            : []),
        ];
        console.log(lines.join('\n'));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (json)
          console.log(
            JSON.stringify({ ok: false, error: { code: e instanceof AppError ? e.code : 'error', message } }),
          );
        else console.error(`Ошибка: ${message}`);
        process.exitCode = 1;
      }
    });

  roadmap
    .command('import <file>')
    .description('импортировать дорожную карту как новую программу (черновик)')
    .addOption(
      new Option('--level <level>', 'уровень программы')
        .choices(['region', 'municipality', 'school'])
        .default('school'),
    )
    .option('--municipality <code>', 'код муниципалитета (для муниципальной программы)')
    .option('--school <code>', 'код школы (для программы школы)')
    .action(
      (
        file: string,
        o: { level: 'region' | 'municipality' | 'school'; municipality?: string; school?: string },
      ) =>
        ctx.withDb(
          async (d) => {
            const f = read(file);
            const r = await parseUpload(f.name, f.data, today(), 'ru');
            let municipalityId: number | null = null;
            let schoolId: number | null = null;
            if (o.level === 'municipality') {
              if (!o.municipality)
                throw new AppError('programmes.ownerRequired', {
                  level: 'муниципалитет',
                  what: '--municipality',
                });
              const m = await d.db
                .selectFrom('municipality')
                .select('id')
                .where('code', '=', o.municipality)
                .executeTakeFirst();
              if (!m) throw new AppError('cli.municipalityUnknown', { code: o.municipality });
              municipalityId = m.id;
            }
            if (o.level === 'school') {
              if (!o.school)
                throw new AppError('programmes.ownerRequired', { level: 'школа', what: '--school' });
              const s = await d.db
                .selectFrom('school')
                .select('id')
                .where('code', '=', o.school)
                .executeTakeFirst();
              if (!s) throw new AppError('cli.schoolUnknown', { code: o.school });
              schoolId = s.id;
            }
            const saved = await programmesService(d).importRoadmap(ctx.system, {
              target: { level: o.level, municipalityId, schoolId },
              passport: { ...r.passport, name: r.passport.name || path.basename(file) },
              sections: r.sections.map((s) => ({
                key: s.key,
                parentKey: s.parentKey,
                number: s.number,
                title: s.title,
                tasks: s.tasks,
              })),
              activities: r.activities.map((a) => ({
                sectionKey: a.sectionKey,
                number: a.number,
                text: a.text,
                level: a.level,
                task: a.task,
                deadlineText: a.deadlineText,
                executors: a.executors,
                participants: a.participants,
                plannedResult: a.plannedResult,
                product: a.product,
                productType: a.productType,
                completionMark: a.completionMark,
              })),
              indicators: r.indicators.map((i) => ({
                number: i.number,
                name: i.name,
                unit: i.unit,
                baseline: i.baseline,
                baselineYear: i.baselineYear,
                targets: i.targets,
              })),
            });
            return { ...saved, problems: r.problems.length };
          },
          (r) =>
            `Импортирована программа (id ${r.programmeId}): разделов ${r.sections}, мероприятий ${r.activities} (периодов ${r.occurrences}), показателей ${r.indicators}. Замечаний при разборе: ${r.problems}.`,
        ),
    );
}
