import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/index.js';
import { authRepository } from '../auth/repository.js';
import { authService } from '../auth/service.js';
import { buildApp } from './app.js';
import type { App } from './context.js';

export function openFromConfig(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ databaseUrl: config.databaseUrl })
    : openDatabase({ dataDir: config.dataDir });
}

export function createApp(
  database: Database,
  config: Config,
  opts: { webDist?: string; logger?: boolean } = {},
): Promise<App> {
  const auth = authService(authRepository(database.db), { sessionTtlHours: config.sessionTtlHours });
  return buildApp({ database, config, auth }, opts);
}
