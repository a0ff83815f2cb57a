import path from 'node:path';

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Secure cookies (HTTPS). Off by default so that the local start works over http. */
  secureCookies: boolean;
  sessionTtlHours: number;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.ROST_DATA_DIR || './data'),
    port: Number(env.PORT || 3000),
    host: env.HOST || '127.0.0.1',
    secureCookies: env.ROST_SECURE_COOKIES === '1',
    sessionTtlHours: Number(env.ROST_SESSION_TTL_HOURS || 12),
    logLevel: env.LOG_LEVEL || 'info',
  };
}
