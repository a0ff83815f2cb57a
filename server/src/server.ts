import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from './platform/config.js';
import { migrate } from './platform/migrations/index.js';
import type { App } from './platform/http/context.js';
import { createApp, openFromConfig } from './platform/http/create-app.js';
import { DEMO_PASSWORD, isEmpty, seedDemo } from './modules/org/demo/seed.js';
import { startWorker, type Worker } from './platform/jobs/queue.js';
import { resultsImportService } from './modules/results/import-service.js';
import { identificationService } from './modules/identification/service.js';
import { startReminderSchedule } from './modules/programmes/reminders.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(root, 'web/dist');

/** Start the web application: migrate, load the demo region into an empty database, listen. */
export async function serve(config: Config = loadConfig(), log: (s: string) => void = console.log) {
  const database = await openFromConfig(config);
  const running: { app?: App; worker?: Worker } = {};
  const shutdown = async (signal: string) => {
    log(`\nПолучен ${signal}: останавливаю сервер…`);
    try {
      await running.app?.close();
      await running.worker?.stop();
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await migrate(database.db);
  if (process.env.ROST_NO_DEMO !== '1' && (await isEmpty(database))) {
    log('База данных пуста: загружаю демо-регион…');
    const started = Date.now();
    const r = await seedDemo(database, {
      seed: Number(process.env.ROST_DEMO_SEED || 42),
      schools: Number(process.env.ROST_DEMO_SCHOOLS || 500),
    });
    log(
      `Загружено: ${r.municipalities} муниципалитетов, ${r.schools} школ (${((Date.now() - started) / 1000).toFixed(1)} с).`,
    );
    log(`Демо-пользователи (пароль «${DEMO_PASSWORD}»):`);
    for (const u of r.users) log(`  ${u.login.padEnd(13)} ${u.fullName} — ${u.scope}`);
  }
  const app = await createApp(database, config, {
    webDist: WEB_DIST,
    logger: process.env.LOG_LEVEL !== undefined,
  });
  running.app = app;
  // Background jobs (large imports) run in this process, taken from the queue in PostgreSQL.
  running.worker = startWorker(
    database,
    { ...resultsImportService(database).jobHandlers(), ...identificationService(database).jobHandlers() },
    { log },
  );
  // Roadmap reminders: an hourly sweep in this process (idempotent, so several instances may run it).
  if (process.env.ROST_REMINDERS !== '0') startReminderSchedule(database, { log });
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log(
    `Rost работает: http://${shownHost}:${config.port}  (хранилище: ${database.kind === 'pglite' ? `встроенная база в ${database.location}` : database.location})`,
  );
  log(`Справочник API: http://${shownHost}:${config.port}/api/docs`);
  return { app, database, worker: running.worker };
}
