// Scratch driver: spread load only, with CPU µs per request for app and PostgreSQL.
import { randomBytes, randomUUID } from 'crypto';
import { readFileSync, readdirSync } from 'fs';
import { Client } from 'pg';
import { createTestQueuePrefix, TEST_REDIS_URL } from '@test/support';
import { openBenchDatabase } from '../bench/support/bench-database';
import { runLoad } from '../bench/http/http-load';
import { drainProjections } from '../bench/http/projection-lag';
import { setUpBenchRegistry } from '../bench/http/registry-fixture';
import { freePort, startServerProcess } from '../bench/http/server-process';

const TICK_US = 1e6 / 100;
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}
function stealTicks(): number[] { const f = readFileSync('/proc/stat','utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number); return [f[0]+f[1]+f[2]+f[4]+f[5]+f[6], f[3], f[7]]; }
function threadCpu(pid: number): Map<string, number> { const m = new Map<string, number>(); for (const t of readdirSync(`/proc/${pid}/task`)) { try { const comm = readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim(); const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8'); const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); m.set(`${comm}#${t}`, (Number(f[11]) + Number(f[12])) * TICK_US); } catch { /* gone */ } } return m; }
function pgCpu(prefix = 'postgres'): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm.startsWith(prefix)) total += cpuOf(Number(entry));
    } catch { /* gone */ }
  }
  return total;
}

async function main(): Promise<void> {
  const seconds = Number(process.env.SECONDS_ ?? 10);
  const rounds = Number(process.env.ROUNDS ?? 1);
  const database = await openBenchDatabase('spread', []);
  const queuePrefix = createTestQueuePrefix('spread');
  const adminKey = `crk_${randomUUID().replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`;
  const port = await freePort();
  const server = await startServerProcess(process.env.ENTRY ?? 'dist/src/main.js', {
    APP_ROLE: 'all', DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queuePrefix.prefix,
    HOST: '127.0.0.1', PORT: String(port), EMBEDDED: 'never', LOG_LEVEL: 'warn', BOOTSTRAP_ADMIN_KEY: adminKey,
    RATE_LIMIT_PER_KEY_PER_MINUTE: '1000000', RATE_LIMIT_PER_IP_PER_MINUTE: '1000000', RESERVATION_TTL_SECONDS: '86400', READY_MAX_LAG_EVENTS: '0',
    ...(process.env.EXTRA_ENV ? Object.fromEntries(process.env.EXTRA_ENV.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) : {}),
  }, port);
  try {
    const registry = await setUpBenchRegistry(server.baseUrl, adminKey, 100);
    let turn = 0;
    const spread = () => ({ method: 'POST' as const, path: '/v1/purchases', body: { batchId: registry.spreadBatchIds[turn++ % registry.spreadBatchIds.length], quantityKg: 1 } });
    const headers = { Authorization: `Bearer ${registry.companyKey}` };
    await runLoad({ baseUrl: server.baseUrl, connections: 32, durationSeconds: Number(process.env.WARM ?? 3), headers, next: spread });
    await drainProjections(server.baseUrl, adminKey);
    for (let round = 0; round < rounds; round += 1) {
      const pgss = process.env.PGSS ? new Client({ connectionString: database.url }) : null;
      if (pgss) { await pgss.connect(); await pgss.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'); await pgss.query('SELECT pg_stat_statements_reset()'); }
      const app0 = cpuOf(server.pid); const th0 = threadCpu(server.pid); const pg0 = pgCpu(); const rd0 = pgCpu('redis-server'); const me0 = process.cpuUsage(); const st0 = stealTicks();
      const load = await runLoad({ baseUrl: server.baseUrl, connections: 32, durationSeconds: seconds, headers, next: spread });
      const drained = await drainProjections(server.baseUrl, adminKey);
      const th1 = threadCpu(server.pid); const byThread = new Map<string, number>(); for (const [k, v] of th1) { const name = k.endsWith(`#${server.pid}`) ? 'main' : k.split('#')[0].replace(/\d+$/, ''); byThread.set(name, (byThread.get(name) ?? 0) + v - (th0.get(k) ?? 0)); }
      const app = cpuOf(server.pid) - app0; const pg = pgCpu() - pg0; const rd = pgCpu('redis-server') - rd0; const me = process.cpuUsage(me0); const st1 = stealTicks(); const dst = st1.map((v, i) => v - st0[i]);
      const per = (us: number) => Math.round(us / load.requests);
      if (pgss) { const { rows } = await pgss.query(`SELECT calls, round(total_exec_time::numeric,0) ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) q FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY calls DESC LIMIT 25`); for (const r of rows) console.log((r.calls / load.requests).toFixed(3).padStart(7), String(r.ms).padStart(6), r.q); await pgss.end(); }
      console.log('threads µs/req', [...byThread].filter(([, v]) => v > 0).map(([k, v]) => `${k}=${Math.round(v / load.requests)}`).join(' '));
      console.log(`spread ${load.okPerSecond.toFixed(0)}/s p50 ${load.latencyP50Ms} p99 ${load.latencyP99Ms} n=${load.requests} ${JSON.stringify(load.statusCounts)} | µs/req app ${per(app)} pg ${per(pg)} redis ${per(rd)} client ${per(me.user + me.system)} | backlog ${drained.backlogEvents} drained ${drained.drainSeconds.toFixed(1)}s rss ${server.memoryMiB().peak.toFixed(0)} busy/idle/steal ticks ${dst.join('/')}`);
    }
  } finally {
    await server.stop();
    await database.drop();
  }
}
main().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
