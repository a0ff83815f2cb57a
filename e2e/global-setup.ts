import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startServer } from '../server/src/test/process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** Build the web application and start Rost on a fresh embedded database with a small demo region. */
export default async function setup(project: TestProject) {
  // vitest sets NODE_ENV=test; the build under test must be the production one users get.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const server = await startServer({ DATABASE_URL: undefined, ROST_DEMO_SCHOOLS: '120' });
  project.provide('baseURL', server.baseURL);
  return async () => {
    await server.stop();
  };
}
