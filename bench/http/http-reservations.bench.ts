// HTTP reservations and settlements (issue 4): the app runs as a child process on its own database,
// built first and started as `npm start` starts it (`node <build>/src/main.js`); autocannon reserves 1 kg per request with 32
// connections spread over 100 batches, then settles what it reserved, then reserves on one hot
// batch, then sells a small batch out. Baseline: a bare Fastify route doing one INSERT on the same
// database. Checked from the event stream: no oversell, R1 on every batch, every 201 recorded.
import { randomBytes, randomUUID } from 'crypto';
import { availableParallelism } from 'os';
import { join } from 'path';
import { createTestQueuePrefix, TEST_REDIS_URL } from '@test/support';
import { openBenchDatabase } from '../support/bench-database';
import { formatTable } from '../support/bench-report';
import { BenchFigure, formatNumber } from '../support/bench-result';
import type { Benchmark } from '../support/benchmark';
import { BASELINE_PATH } from './baseline-server';
import { loadHttpBenchConfig } from './http-bench-config';
import { LoadResult, runLoad } from './http-load';
import { committedTransactions } from './database-activity';
import { cpuPerRequest, cpuSnapshot } from './cpu-time';
import { auditBatches } from './oversell-check';
import { drainProjections } from './projection-lag';
import { setUpBenchRegistry } from './registry-fixture';
import { freePort, ServerProcess, startBackgroundProcess, startServerProcess } from './server-process';
import { build } from '../../tools/build';

const TARGET_SPREAD_PER_SECOND = 1_500;
const TARGET_SPREAD_P99_MS = 50;
const TARGET_HOT_PER_SECOND = 400;
const TARGET_RSS_MIB = 400;

interface Purchase {
  id: string;
  amount: { currency: string; value: number };
}

function adminKeyToken(): string {
  return `crk_${randomUUID().replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`;
}

function loadRow(label: string, load: LoadResult): Array<string | number> {
  const statuses = Object.entries(load.statusCounts).map(([status, count]) => `${status}×${formatNumber(count)}`).join(' ');
  return [label, load.requests, load.okPerSecond, load.latencyP50Ms, load.latencyP99Ms, load.latencyMaxMs, `${statuses}${load.errors > 0 ? ` errors×${load.errors}` : ''}`];
}

export const httpReservationsBenchmark: Benchmark = {
  name: 'http.reservations',
  title: 'HTTP reservations + settlements with autocannon against the app (child process), vs a bare Fastify INSERT route',
  async run(context) {
    const config = loadHttpBenchConfig();
    const seconds = config.seconds;
    context.print(`${this.title}\n  ${config.connections} connections, ${seconds}s per load after ${config.warmupSeconds}s of warm-up per server, ${config.batches} batches for the spread load\n`);
    const database = await openBenchDatabase('http', []);
    const queuePrefix = createTestQueuePrefix('bench-http');
    const running: ServerProcess[] = [];
    try {
      // Its own build, so a `npm start` running from dist/ is left alone.
      const { outDir } = await build(join(__dirname, '..', '.scratch', 'server-build'));
      const serverEntry = join(outDir, 'src', 'main.js');
      const baselinePort = await freePort();
      const baseline = await startServerProcess('bench/http/baseline-server.ts', { DATABASE_URL: database.url, PORT: String(baselinePort) }, baselinePort);
      running.push(baseline);
      const baselineRequest = () => ({ method: 'POST' as const, path: BASELINE_PATH, body: { batchId: randomUUID(), quantityKg: 1 } });
      await runLoad({ baseUrl: baseline.baseUrl, connections: config.connections, durationSeconds: config.warmupSeconds, headers: {}, next: baselineRequest });
      const baselineLoad = await runLoad({ baseUrl: baseline.baseUrl, connections: config.connections, durationSeconds: seconds, headers: {}, next: baselineRequest });
      await baseline.stop();

      const adminKey = adminKeyToken();
      const appEnv = (role: 'all' | 'api' | 'worker', port: number): Record<string, string> => ({
        APP_ROLE: role,
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: queuePrefix.prefix,
        HOST: '127.0.0.1',
        PORT: String(port),
        EMBEDDED: 'never',
        LOG_LEVEL: 'warn',
        BOOTSTRAP_ADMIN_KEY: adminKey,
        // The limits protect a shared API from one key; here one key is the whole load.
        RATE_LIMIT_PER_KEY_PER_MINUTE: '1000000',
        RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
        RESERVATION_TTL_SECONDS: '86400',
        // /ready then reports every projection's backlog, which the benchmark drains between loads.
        READY_MAX_LAG_EVENTS: '0',
      });
      const port = await freePort();
      const server = await startServerProcess(serverEntry, appEnv('all', port), port);
      running.push(server);
      let rssMaxMiB = 0;
      const sampler = setInterval(() => (rssMaxMiB = Math.max(rssMaxMiB, server.memoryMiB().rss)), 250);
      try {
        context.print('  setting up keys, a site, a verified milestone and the batches through the API…');
        const registry = await setUpBenchRegistry(server.baseUrl, adminKey, config.batches);
        const purchases: Purchase[] = [];
        let ok201 = 0;
        const onReserved = (status: number, body: string) => {
          if (status !== 201) return;
          ok201 += 1;
          const { id, amount } = JSON.parse(body) as Purchase;
          purchases.push({ id, amount });
        };
        const company = { Authorization: `Bearer ${registry.companyKey}` };
        let turn = 0;
        const spread = () => ({ method: 'POST' as const, path: '/v1/purchases', body: { batchId: registry.spreadBatchIds[turn++ % registry.spreadBatchIds.length], quantityKg: 1 } });
        const load = (durationSeconds: number, next: typeof spread, amount?: number) =>
          runLoad({ baseUrl: server.baseUrl, connections: config.connections, durationSeconds, amount, headers: company, next, onResponse: onReserved });

        const backlogs: string[] = [];
        // Each measured load starts with the projections caught up; what a load leaves behind is reported.
        const drain = async (after: string) => {
          const { backlogEvents, drainSeconds } = await drainProjections(server.baseUrl, adminKey);
          if (after !== '') backlogs.push(`${after}: ${formatNumber(backlogEvents)} events behind, drained in ${drainSeconds.toFixed(1)} s`);
        };
        await drain('');
        await load(config.warmupSeconds, spread);
        await drain('');
        const commitsBefore = await committedTransactions(database.url);
        const cpuBefore = cpuSnapshot(server.pid);
        const spreadLoad = await load(seconds, spread);
        await drain('spread reservations');
        const cpu = cpuPerRequest(cpuBefore, cpuSnapshot(server.pid), spreadLoad.requests);
        // Stats reach pg_stat_database up to a second late: let the last ones land.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        const commitsPerReservation = ((await committedTransactions(database.url)) - commitsBefore) / spreadLoad.requests;
        const toSettle = [...purchases];
        if (toSettle.length < config.connections) throw new Error(`only ${toSettle.length} reservations succeeded: ${server.stderr().slice(-1000)}`);
        let settleTurn = 0;
        const settleLoad = await runLoad({
          baseUrl: server.baseUrl,
          connections: config.connections,
          durationSeconds: seconds,
          amount: toSettle.length,
          headers: { Authorization: `Bearer ${registry.financeKey}` },
          next: () => {
            const purchase = toSettle[settleTurn++ % toSettle.length];
            return { method: 'POST', path: `/v1/purchases/${purchase.id}/payments`, body: { amount: purchase.amount, receivedAt: new Date().toISOString(), bankRef: `BENCH-${purchase.id}` } };
          },
        });
        await drain('settlements');
        const hotLoad = await load(seconds, () => ({ method: 'POST', path: '/v1/purchases', body: { batchId: registry.hotBatchId, quantityKg: 1 } }));
        await drain('hot reservations');
        const sellOutLoad = await load(seconds, () => ({ method: 'POST', path: '/v1/purchases', body: { batchId: registry.sellOutBatchId, quantityKg: 1 } }), registry.sizes.sellOutKg * 2);
        const peakMiB = server.memoryMiB().peak;
        const failures = [spreadLoad, settleLoad, hotLoad, sellOutLoad].some((run) => Object.keys(run.statusCounts).some((status) => status.startsWith('5')) || run.errors > 0);
        if (failures) context.print(`  the server answered 5xx or dropped connections; its log ends with:\n${server.stderr().slice(-3000)}`);

        // Scale-out (DESIGN §6): the same spread load against an APP_ROLE=api process, with the
        // projections, reactors and job workers in an APP_ROLE=worker process beside it.
        clearInterval(sampler);
        await server.stop();
        // The worker serves no HTTP; PORT is only validated.
        const worker = startBackgroundProcess(serverEntry, appEnv('worker', await freePort()));
        running.push(worker);
        const apiPort = await freePort();
        const api = await startServerProcess(serverEntry, appEnv('api', apiPort), apiPort);
        running.push(api);
        const splitLoad = (durationSeconds: number) =>
          runLoad({ baseUrl: api.baseUrl, connections: config.connections, durationSeconds, headers: company, next: spread, onResponse: onReserved });
        const splitDrain = () =>
          drainProjections(api.baseUrl, adminKey).catch((error: unknown) => {
            throw new Error(`${error instanceof Error ? error.message : String(error)}; the worker's log ends with: ${worker.stderr().slice(-2000)}`);
          });
        await splitDrain();
        await splitLoad(config.warmupSeconds);
        await splitDrain();
        const splitSpreadLoad = await splitLoad(seconds);
        const splitBacklog = await splitDrain();
        const splitPeakMiB = { api: api.memoryMiB().peak, worker: worker.memoryMiB().peak };
        if (Object.keys(splitSpreadLoad.statusCounts).some((status) => status.startsWith('5')) || splitSpreadLoad.errors > 0) {
          context.print(`  the api process answered 5xx or dropped connections; its log ends with:\n${api.stderr().slice(-3000)}`);
        }

        context.print(
          `\n${formatTable(
            ['load', 'requests', '2xx/s', 'p50 ms', 'p99 ms', 'max ms', 'statuses'],
            [
              loadRow('baseline: Fastify + one INSERT', baselineLoad),
              loadRow(`reservations over ${config.batches} batches`, spreadLoad),
              loadRow('settlements of those', settleLoad),
              loadRow('reservations on one hot batch', hotLoad),
              loadRow(`sell-out of a ${registry.sizes.sellOutKg} kg batch`, sellOutLoad),
              loadRow(`over ${config.batches} batches, api + worker processes`, splitSpreadLoad),
            ],
          )}\n`,
        );

        const audits = await auditBatches(database.url, [...registry.spreadBatchIds, registry.hotBatchId, registry.sellOutBatchId]);
        const oversold = audits.filter((audit) => audit.everReservedKg > audit.issuedKg || audit.committedKg > audit.issuedKg);
        if (oversold.length > 0) throw new Error(`OVERSELL on ${oversold.map((audit) => audit.batchId).join(', ')}`);
        const recorded = audits.reduce((sum, audit) => sum + audit.reservations, 0);
        // A timed load stops with up to one request in flight per connection: the server records
        // those, the client never reads their answers. Every 201 must be recorded; only those may be extra.
        // Timed loads: two warm-ups, the spread, the hot and the split spread load.
        const inFlightAtStops = config.connections * 5;
        if (recorded < ok201 || recorded > ok201 + inFlightAtStops) {
          throw new Error(`${ok201} reservations answered 201 but ${recorded} were recorded (at most ${inFlightAtStops} in flight at the stops)`);
        }
        const sellOut = audits[audits.length - 1];
        if (sellOut.everReservedKg !== registry.sizes.sellOutKg || sellOutLoad.okCount !== registry.sizes.sellOutKg) {
          throw new Error(`sell-out: ${sellOutLoad.okCount} accepted, ${sellOut.everReservedKg} kg recorded, ${registry.sizes.sellOutKg} kg issued`);
        }
        const hot = audits[audits.length - 2];
        const ratio = spreadLoad.okPerSecond / baselineLoad.okPerSecond;
        context.note(`no oversell: ${audits.length} batches fold without a unit owned twice, R1 holds, reserved ≤ issued; hot batch ${formatNumber(hot.everReservedKg)} of ${formatNumber(hot.issuedKg)} kg reserved`);
        context.note(`every 201 is a recorded reservation (${formatNumber(ok201)} answered, ${formatNumber(recorded)} recorded incl. requests in flight when loads stopped); the ${registry.sizes.sellOutKg} kg batch sold exactly out (${formatNumber(sellOutLoad.okCount)} accepted, the rest 422)`);
        context.note(`spread reservations ${formatNumber(spreadLoad.okPerSecond)}/s = ${ratio.toFixed(2)}× the baseline (${formatNumber(baselineLoad.okPerSecond)} INSERT requests/s)`);
        context.note(`spread p99 ${spreadLoad.latencyP99Ms} ms (target ≤ ${TARGET_SPREAD_P99_MS} ms: ${spreadLoad.latencyP99Ms <= TARGET_SPREAD_P99_MS ? 'met' : 'NOT met'}); hot p99 ${hotLoad.latencyP99Ms} ms`);
        context.note(`server RSS: peak ${peakMiB.toFixed(0)} MiB (sampled max ${rssMaxMiB.toFixed(0)} MiB; target ≤ ${TARGET_RSS_MIB} MiB: ${peakMiB <= TARGET_RSS_MIB ? 'met' : 'NOT met'})`);
        context.note(`database transactions per spread reservation, background work included: ${commitsPerReservation.toFixed(1)}`);
        context.note(
          `CPU per spread reservation, until the projections caught up: server ${formatNumber(cpu.server)} µs, PostgreSQL ${formatNumber(cpu.postgres)} µs, Redis ${formatNumber(cpu.redis)} µs, load generator ${formatNumber(cpu.load)} µs (this machine: ${availableParallelism()} cores = ${formatNumber(availableParallelism() * 1_000_000)} µs of CPU per second)`,
        );
        context.note(`projection backlog each load left (projections run in the server process): ${backlogs.join('; ')}`);
        context.note(`settlements ${formatNumber(settleLoad.okPerSecond)}/s (p99 ${settleLoad.latencyP99Ms} ms) over ${formatNumber(toSettle.length)} reservations`);
        context.note(
          `split (APP_ROLE=api + APP_ROLE=worker): spread ${formatNumber(splitSpreadLoad.okPerSecond)} reservations/s, p99 ${splitSpreadLoad.latencyP99Ms} ms; ` +
            `peak RSS api ${splitPeakMiB.api.toFixed(0)} MiB + worker ${splitPeakMiB.worker.toFixed(0)} MiB; left ${formatNumber(splitBacklog.backlogEvents)} events behind, drained in ${splitBacklog.drainSeconds.toFixed(1)} s`,
        );
        const figures: BenchFigure[] = [
          { label: `reservations, ${config.connections} connections over ${config.batches} batches`, value: spreadLoad.okPerSecond, unit: 'reservations/s', target: { kind: 'at-least', value: TARGET_SPREAD_PER_SECOND } },
          { label: 'reservations, one hot batch', value: hotLoad.okPerSecond, unit: 'reservations/s', target: { kind: 'at-least', value: TARGET_HOT_PER_SECOND } },
          { label: 'baseline: bare Fastify route, one INSERT', value: baselineLoad.okPerSecond, unit: 'requests/s' },
          { label: 'settlements', value: settleLoad.okPerSecond, unit: 'settlements/s' },
          { label: 'reservation p99, spread', value: spreadLoad.latencyP99Ms, unit: 'ms' },
          { label: 'server peak RSS', value: peakMiB, unit: 'MiB' },
          { label: `reservations, api + worker processes, over ${config.batches} batches`, value: splitSpreadLoad.okPerSecond, unit: 'reservations/s' },
        ];
        return figures;
      } finally {
        clearInterval(sampler);
      }
    } finally {
      await Promise.allSettled(running.map((process) => process.stop()));
      await database.drop();
      await queuePrefix.cleanup();
    }
  },
};
