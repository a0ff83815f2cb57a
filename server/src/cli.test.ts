import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rost-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, ROST_DATA_DIR: path.join(dir, 'data') };
delete env.DATABASE_URL; // the CLI on the embedded database; the PostgreSQL path is the same code (openFromConfig)

async function rost(...args: string[]) {
  try {
    const r = await run(process.execPath, ['bin/rost.mjs', ...args], { env, cwd: process.cwd() });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Each command starts a Node process that compiles TypeScript: generous timeouts for a loaded 2-core machine.
describe('rost CLI', { timeout: 240_000 }, () => {
  it('has --help for every command', async () => {
    const help = await rost('--help');
    expect(help.stdout).toContain('migrate');
    for (const cmd of ['migrate', 'seed', 'backup', 'restore', 'serve', 'indicators']) {
      expect((await rost(cmd, '--help')).stdout).toContain(`Usage: rost ${cmd}`);
    }
    expect((await rost('user', 'create', '--help')).stdout).toContain('--role <role>');
  });

  it('migrates, seeds, creates a user, backs up and restores, with --json results', async () => {
    const migrate = JSON.parse((await rost('--json', 'migrate')).stdout);
    expect(migrate).toMatchObject({ ok: true, result: { storage: 'pglite' } });
    const seed = JSON.parse((await rost('--json', 'seed', '--schools', '40', '--seed', '3')).stdout);
    expect(seed.result.schools).toBe(40);
    const again = await rost('--json', 'seed');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).error.message).toContain('База данных не пуста');

    const created = JSON.parse(
      (
        await rost(
          '--json',
          'user',
          'create',
          '--login',
          'ivanova',
          '--name',
          'Иванова Мария',
          '--role',
          'regional_coordinator',
          '--password',
          'very-secret-pass',
        )
      ).stdout,
    );
    expect(created.result).toMatchObject({ login: 'ivanova', role: 'regional_coordinator' });
    const dup = await rost(
      'user',
      'create',
      '--login',
      'ivanova',
      '--name',
      'X',
      '--role',
      'observer',
      '--password',
      'very-secret-pass',
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('Логин ivanova уже занят');

    const file = path.join(dir, 'backup.ndjson.gz');
    const backup = JSON.parse((await rost('--json', 'backup', file)).stdout);
    expect(backup.result.tables.school).toBe(40);
    expect((await rost('restore', file)).stderr).toContain('--yes');
    const restored = JSON.parse((await rost('--json', 'restore', file, '--yes')).stdout);
    expect(restored.result.tables).toEqual(backup.result.tables);
  });

  it('computes the target indicators of the seeded programmes for a year', async () => {
    const r = JSON.parse((await rost('--json', 'indicators', 'compute', '--year', '2025')).stdout);
    expect(r.ok).toBe(true);
    expect(r.result.values.length).toBeGreaterThanOrEqual(7);
    expect(
      r.result.values.every(
        (v: { value: number | null; noData: string | null }) => v.value !== null || v.noData,
      ),
    ).toBe(true);
    const bad = await rost('indicators', 'compute', '--year', '20x5');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('20x5');
  });

  it('refuses a second process on the same data folder, and a stopped server releases it', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { ...env, PORT: '0', ROST_NO_DEMO: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (out.includes('Rost работает')) {
          clearInterval(t);
          resolve();
        }
        if (server.exitCode !== null) reject(new Error(out));
      }, 100);
    });
    const locked = await rost('migrate');
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/уже открыта другим процессом Rost \(pid \d+\)/);
    server.kill('SIGTERM');
    const code = await new Promise((r) => server.once('exit', r));
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(env.ROST_DATA_DIR!, 'rost.pid'))).toBe(false);
    expect((await rost('migrate')).code).toBe(0);
  });
});
