import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openDatabase } from '../platform/db/index.js';
import { loadConfig } from '../platform/config.js';
import { createApp } from '../platform/http/create-app.js';

/**
 * Write the committed OpenAPI document (openapi.json) from the route schemas, and the web client's
 * types generated from it (web/src/api/schema.d.ts). `--check` fails when either is out of date.
 */
export async function openapiDocument(): Promise<string> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    const app = await createApp(database, loadConfig({}));
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return JSON.stringify(doc, null, 2) + '\n';
  } finally {
    await database.close();
  }
}

const root = process.cwd();
const docFile = path.join(root, 'openapi.json');
const typesFile = path.join(root, 'web/src/api/schema.d.ts');

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const check = process.argv.includes('--check');
  const doc = await openapiDocument();
  const tmp = path.join(root, 'node_modules/.cache/openapi.json');
  fs.mkdirSync(path.dirname(tmp), { recursive: true });
  fs.writeFileSync(tmp, doc);
  const types = execFileSync(path.join(root, 'node_modules/.bin/openapi-typescript'), [tmp], {
    encoding: 'utf8',
  });
  if (check) {
    const stale = [
      [docFile, doc],
      [typesFile, types],
    ].filter(([f, content]) => !fs.existsSync(f!) || fs.readFileSync(f!, 'utf8') !== content);
    if (stale.length) {
      console.error(
        `Устарели: ${stale.map(([f]) => path.relative(root, f!)).join(', ')}. Выполните npm run openapi.`,
      );
      process.exit(1);
    }
    console.log('openapi.json и web/src/api/schema.d.ts актуальны.');
  } else {
    fs.writeFileSync(docFile, doc);
    fs.writeFileSync(typesFile, types);
    console.log('Записаны openapi.json и web/src/api/schema.d.ts');
  }
}
