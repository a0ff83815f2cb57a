/**
 * npm run bench:api — autocannon against the school list (filtered, paginated) and the school card
 * on the demo region, on PGlite and on PostgreSQL. The health endpoint (no database) is the baseline
 * measured in the same run: the ratio shows what the database work costs.
 * Aim (PostgreSQL, 50 connections, 2 cores): ≥ 1,000 requests/s and p99 < 100 ms.
 */
import autocannon from 'autocannon';
import { freshPgDatabase, login, startServer } from './server.js';

const DURATION = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = 50;

interface Row {
  storage: string;
  endpoint: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

async function load(url: string, cookie: string): Promise<Omit<Row, 'storage' | 'endpoint'>> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { cookie } });
  const non2xx = r.non2xx + r.errors + r.timeouts;
  // autocannon reports p97_5 and p99; p95 is interpolated from p90 and p97_5.
  const p95 = r.latency.p90 + ((r.latency.p97_5 - r.latency.p90) * (95 - 90)) / (97.5 - 90);
  return { rps: r.requests.average, p50: r.latency.p50, p95, p99: r.latency.p99, errors: non2xx };
}

async function benchStorage(storage: 'pglite' | 'postgres'): Promise<Row[]> {
  const env = { DATABASE_URL: storage === 'postgres' ? await freshPgDatabase('rost_bench_api') : undefined };
  const server = await startServer(env);
  try {
    const { cookie } = await login(server.baseURL);
    const list = (await (
      await fetch(`${server.baseURL}/api/schools?pageSize=1`, { headers: { cookie } })
    ).json()) as {
      items: Array<{ id: number; municipalityId: number }>;
    };
    const school = list.items[0]!;
    const targets: Array<[string, string]> = [
      ['baseline: /api/health (no database)', '/api/health'],
      [
        'school list: municipality + rural filter, page 2, sorted',
        `/api/schools?municipalityId=${school.municipalityId}&locality=rural&sort=students&order=desc&page=2&pageSize=10`,
      ],
      ['school list: text search', `/api/schools?q=${encodeURIComponent('сош')}&pageSize=25`],
      ['school card', `/api/schools/${school.id}`],
    ];
    const rows: Row[] = [];
    for (const [name, path] of targets) {
      // warm up
      await autocannon({ url: server.baseURL + path, connections: 10, duration: 1, headers: { cookie } });
      rows.push({ storage, endpoint: name, ...(await load(server.baseURL + path, cookie)) });
      const r = rows.at(-1)!;
      console.log(
        `${storage.padEnd(8)} ${name.padEnd(58)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99} ms  errors ${r.errors}`,
      );
    }
    return rows;
  } finally {
    await server.stop();
  }
}

const only = process.argv[2];
const rows: Row[] = [];
for (const s of ['pglite', 'postgres'] as const)
  if (!only || only === s) rows.push(...(await benchStorage(s)));

console.log(`\nSummary (${CONNECTIONS} connections, ${DURATION} s each):`);
console.table(
  rows.map((r) => {
    const base = rows.find((b) => b.storage === r.storage && b.endpoint.startsWith('baseline'))!;
    return {
      ...r,
      rps: Math.round(r.rps),
      p95: Number(r.p95.toFixed(1)),
      'share of baseline': `${((r.rps / base.rps) * 100).toFixed(0)} %`,
    };
  }),
);
const pg = rows.filter((r) => r.storage === 'postgres' && !r.endpoint.startsWith('baseline'));
if (pg.length) {
  const ok = pg.every((r) => r.rps >= 1000 && r.p99 < 100 && r.errors === 0);
  console.log(`PostgreSQL target (≥ 1000 req/s, p99 < 100 ms, no errors): ${ok ? 'met' : 'NOT met'}`);
}
