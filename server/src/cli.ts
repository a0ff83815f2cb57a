import { Command, Option } from 'commander';
import { loadConfig } from './platform/config.js';
import { migrate } from './platform/migrations/index.js';
import { backup, restore } from './platform/backup/backup.js';
import { AppError } from './platform/errors.js';
import type { Database } from './platform/db/index.js';
import { ROLES } from '../../common/src/schemas/org.js';
import { isEmpty, seedDemo } from './modules/org/demo/seed.js';
import { serve } from './server.js';
import { openFromConfig } from './platform/http/create-app.js';
import { usersService } from './modules/org/users-service.js';
import type { Principal } from './platform/auth/principal.js';
import { roadmapCommands } from './modules/programmes/cli.js';
import { indicatorsCommands } from './modules/indicators/cli.js';
import { identifyCommand, identifyText, type IdentifyOptions } from './modules/identification/cli.js';
import {
  importCommand,
  importText,
  parseCommand,
  parseText,
  problemLine,
  type CliOptions,
} from './modules/results/cli.js';

type ProblemLine = Parameters<typeof problemLine>[0];

/**
 * `rost <command>`: administration from a checkout. Storage is chosen as for the server
 * (DATABASE_URL, otherwise the embedded database in ROST_DATA_DIR). `--json` prints a machine-readable result.
 */
const program = new Command()
  .name('rost')
  .description('Rost: администрирование (миграции, демо-регион, пользователи, резервные копии, результаты)')
  .option('--json', 'вывести результат в формате JSON')
  .showHelpAfterError();

function json(): boolean {
  return Boolean(program.opts().json);
}

/** Run a command against the configured database, printing text or JSON, exit code 1 on error. */
async function withDb<T>(fn: (db: Database) => Promise<T>, text: (r: T) => string) {
  let database: Database | undefined;
  try {
    database = await openFromConfig(loadConfig());
    await migrate(database.db);
    const r = await fn(database);
    console.log(json() ? JSON.stringify({ ok: true, result: r }, null, 2) : text(r));
  } catch (e) {
    const message = e instanceof AppError ? e.message : e instanceof Error ? e.message : String(e);
    // Problems listed with an error (rows of a refused import) are printed too.
    const details = e instanceof AppError && Array.isArray(e.details) ? (e.details as ProblemLine[]) : [];
    if (json())
      console.log(
        JSON.stringify({
          ok: false,
          error: {
            code: e instanceof AppError ? e.code : 'error',
            message,
            ...(details.length ? { details } : {}),
          },
        }),
      );
    else {
      console.error(`Ошибка: ${message}`);
      for (const d of details.slice(0, 200)) console.error(problemLine(d));
      if (details.length > 200) console.error(`  … и ещё ${details.length - 200}`);
    }
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}

/** The CLI acts as the system: a regional coordinator principal for services that check access. */
const SYSTEM: Principal = {
  id: 0,
  login: 'cli',
  fullName: 'Командная строка',
  role: 'regional_coordinator',
  municipalityId: null,
  schoolId: null,
  assignedSchoolIds: [],
  locale: 'ru',
};

program
  .command('serve')
  .description('запустить веб-приложение (то же, что npm start)')
  .action(async () => {
    await serve();
  });

program
  .command('migrate')
  .description('применить миграции базы данных')
  .action(() =>
    withDb(
      async (d) => ({ applied: await migrate(d.db), storage: d.kind }),
      (r) =>
        r.applied.length
          ? `Применены миграции: ${r.applied.join(', ')}`
          : 'База данных в актуальном состоянии.',
    ),
  );

program
  .command('seed')
  .description('загрузить демо-регион в пустую базу данных')
  .option('--seed <n>', 'зерно генератора', '42')
  .option('--schools <n>', 'число школ (до 45000)', '500')
  .action((o: { seed: string; schools: string }) =>
    withDb(
      async (d) => {
        if (!(await isEmpty(d))) throw new AppError('cli.notEmpty');
        return seedDemo(d, { seed: Number(o.seed), schools: Number(o.schools) });
      },
      (r) =>
        `Загружено: ${r.municipalities} муниципалитетов, ${r.schools} школ.\nДемо-пользователи: ${r.users.map((u) => u.login).join(', ')}`,
    ),
  );

const user = program.command('user').description('пользователи');
user
  .command('create')
  .description('создать пользователя')
  .requiredOption('--login <login>', 'логин')
  .requiredOption('--name <name>', 'ФИО')
  .addOption(new Option('--role <role>', 'роль').choices(ROLES as unknown as string[]).makeOptionMandatory())
  .option('--password <password>', 'пароль (не короче 10 символов); по умолчанию из ROST_PASSWORD')
  .option('--email <email>', 'адрес электронной почты')
  .option('--municipality <code>', 'код муниципалитета (для муниципального координатора)')
  .option('--school <code>', 'код школы (для команды школы и учителя)')
  .option('--schools <codes>', 'коды закреплённых школ через запятую (для куратора и эксперта)')
  .action(
    (o: {
      login: string;
      name: string;
      role: (typeof ROLES)[number];
      password?: string;
      email?: string;
      municipality?: string;
      school?: string;
      schools?: string;
    }) =>
      withDb(
        async (d) => {
          const password = o.password ?? process.env.ROST_PASSWORD;
          if (!password || password.length < 10) throw new AppError('cli.passwordRequired');
          const byCode = async (code: string) => {
            const s = await d.db
              .selectFrom('school')
              .select('id')
              .where('code', '=', code)
              .executeTakeFirst();
            if (!s) throw new AppError('cli.schoolUnknown', { code });
            return s.id;
          };
          let municipalityId: number | null = null;
          if (o.municipality) {
            const m = await d.db
              .selectFrom('municipality')
              .select('id')
              .where('code', '=', o.municipality)
              .executeTakeFirst();
            if (!m) throw new AppError('cli.municipalityUnknown', { code: o.municipality });
            municipalityId = m.id;
          }
          const schoolIds = o.schools
            ? await Promise.all(o.schools.split(',').map((c) => byCode(c.trim())))
            : [];
          return usersService(d).create(SYSTEM, {
            login: o.login,
            fullName: o.name,
            email: o.email ?? null,
            password,
            role: o.role,
            municipalityId,
            schoolId: o.school ? await byCode(o.school) : null,
            schoolIds,
          });
        },
        (u) => `Создан пользователь ${u.login} (id ${u.id}).`,
      ),
  );

program
  .command('backup <file>')
  .description('сохранить все данные в файл резервной копии (.ndjson.gz)')
  .action((file: string) =>
    withDb(
      (d) => backup(d.db, file),
      (r) =>
        `Резервная копия сохранена в ${r.file}: ${Object.values(r.tables).reduce((a, b) => a + b, 0)} записей в ${Object.keys(r.tables).length} таблицах.`,
    ),
  );

program
  .command('restore <file>')
  .description('заменить все данные содержимым резервной копии (в одной транзакции)')
  .option('--yes', 'подтвердить замену данных')
  .action((file: string, o: { yes?: boolean }) =>
    withDb(
      async (d) => {
        if (!o.yes) throw new AppError('cli.confirmRestore');
        return restore(d.db, file);
      },
      (r) => `Восстановлено из ${r.file}: ${Object.values(r.tables).reduce((a, b) => a + b, 0)} записей.`,
    ),
  );

const results = program.command('results').description('результаты оценочных процедур');
const fileOptions = (c: Command) =>
  c
    .option(
      '--procedure <code>',
      'процедура: VPR, OGE, EGE, REGIONAL, MUNICIPAL, CURRENT (если не указана в файле)',
    )
    .option('--year <year>', 'год проведения (если не указан в файле)')
    .option('--grade <n>', 'класс (если не указан в файле)')
    .option('--subject <code>', 'предмет листов без предмета в заголовке (ru, math, …)')
    .option('--template <id>', 'шаблон сопоставления')
    .option(
      '--map <label=code...>',
      'предмет для заголовка, которого нет в справочнике («бел=ru»; «бел=-» — пропустить столбцы)',
    );
fileOptions(
  results
    .command('parse <file>')
    .description(
      'показать, что запишет загрузка файла (школы, процедура, год, предметы, показатели, все проблемы), ничего не записывая',
    ),
).action((file: string, o: CliOptions) =>
  withDb(
    (d) => parseCommand(d, SYSTEM, file, o),
    (r) => parseText(r),
  ),
);
fileOptions(
  results
    .command('import <file>')
    .description(
      'загрузить файл результатов одной транзакцией; при нерешённых проблемах ничего не записывается',
    ),
).action((file: string, o: CliOptions) =>
  withDb(
    (d) => importCommand(d, SYSTEM, file, o),
    (r) => importText(r),
  ),
);

roadmapCommands(program, { withDb, system: SYSTEM });
indicatorsCommands(program, { withDb });

program
  .command('identify')
  .description(
    'отбор школ (ШНОР, ШНСУ, резильентные, ниже ожидаемого) за год: сохраняет запуск и печатает категорию и основания каждой школы',
  )
  .requiredOption('--year <year>', 'год оценочных процедур (весенний год учебного года)')
  .option(
    '--params <file>',
    'файл JSON с параметрами отбора (по умолчанию — набор по умолчанию или опубликованное правило)',
  )
  .action((o: IdentifyOptions) =>
    withDb(
      (d) => identifyCommand(d, SYSTEM, o),
      (r) => identifyText(r),
    ),
  );

await program.parseAsync(process.argv);
