// Sizes of the benchmarks, read from BENCH_* environment variables. Defaults are the sizes of the
// benchmark issue (DESIGN §3.3); smaller values make a quick smoke run, e.g.
// `BENCH_EVENTS=20000 BENCH_ROUNDS=1 BENCH_APPEND_SECONDS=0.5 npm run bench`.

export interface BenchConfig {
  /** Measured rounds per system and setting; the median is reported (BENCH_ROUNDS). */
  rounds: number;
  /** Unmeasured run of each system before its rounds: connections, prepared statements, JIT (BENCH_WARMUP_SECONDS). */
  warmupSeconds: number;
  /** Concurrent writers of the single-event append benchmark (BENCH_APPEND_WRITERS). */
  appendWriters: number[];
  /** Length of one measured round of single-event appends (BENCH_APPEND_SECONDS). */
  appendSeconds: number;
  /** Events a writer appends to one stream before it starts the next (BENCH_EVENTS_PER_STREAM). */
  eventsPerStream: number;
  /** Events per append of the batch benchmark (BENCH_BATCH_SIZE). */
  batchSize: number;
  /** Concurrent writers of the batch benchmark; the first is the one checked against the target (BENCH_BATCH_WRITERS). */
  batchWriters: number[];
  /** Events appended per round of the batch benchmark, per system (BENCH_BATCH_EVENTS). */
  batchEvents: number;
  /** Size of the log that readAll and the projection rebuild go through (BENCH_EVENTS). */
  events: number;
  /** Streams the log is spread over, interleaved (BENCH_STREAMS). */
  streams: number;
  /** readAll page sizes; the first is the one checked against the target (BENCH_READ_LIMITS). */
  readLimits: number[];
  /** Events per transaction of the projection rebuild; null: the library's default (BENCH_REBUILD_BATCH). */
  rebuildBatchSize: number | null;
}

type Env = Record<string, string | undefined>;

function positiveNumber(env: Env, name: string, fallback: number, integer: boolean): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text.replace(/_/g, ''));
  const valid = Number.isFinite(value) && value > 0 && (!integer || Number.isSafeInteger(value));
  if (!valid) throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, got "${text}"`);
  return value;
}

function positiveIntegers(env: Env, name: string, fallback: number[]): number[] {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  return text.split(',').map((part, index) => positiveNumber({ [name]: part }, name, fallback[index] ?? 1, true));
}

function optionalPositiveInteger(env: Env, name: string): number | null {
  const text = env[name];
  if (text === undefined || text.trim() === '') return null;
  return positiveNumber(env, name, 1, true);
}

export function loadBenchConfig(env: Env = process.env): BenchConfig {
  return {
    rounds: positiveNumber(env, 'BENCH_ROUNDS', 3, true),
    warmupSeconds: positiveNumber(env, 'BENCH_WARMUP_SECONDS', 1, false),
    appendWriters: positiveIntegers(env, 'BENCH_APPEND_WRITERS', [1, 8, 16]),
    appendSeconds: positiveNumber(env, 'BENCH_APPEND_SECONDS', 5, false),
    eventsPerStream: positiveNumber(env, 'BENCH_EVENTS_PER_STREAM', 50, true),
    batchSize: positiveNumber(env, 'BENCH_BATCH_SIZE', 1_000, true),
    batchWriters: positiveIntegers(env, 'BENCH_BATCH_WRITERS', [1, 4]),
    batchEvents: positiveNumber(env, 'BENCH_BATCH_EVENTS', 100_000, true),
    events: positiveNumber(env, 'BENCH_EVENTS', 1_000_000, true),
    streams: positiveNumber(env, 'BENCH_STREAMS', 10_000, true),
    readLimits: positiveIntegers(env, 'BENCH_READ_LIMITS', [1_000, 10_000]),
    rebuildBatchSize: optionalPositiveInteger(env, 'BENCH_REBUILD_BATCH'),
  };
}

/** One line per setting, printed at the top of a run so figures can be read with their sizes. */
export function describeBenchConfig(config: BenchConfig): string {
  return [
    `rounds=${config.rounds} (median reported), warm-up ${config.warmupSeconds}s per system`,
    `single appends: writers ${config.appendWriters.join('/')}, ${config.appendSeconds}s per round, ${config.eventsPerStream} events per stream`,
    `batch appends: ${config.batchSize} events per append, writers ${config.batchWriters.join('/')}, ${config.batchEvents} events per round`,
    `log: ${config.events} events over ${config.streams} streams; readAll limits ${config.readLimits.join('/')}; ` +
      `rebuild batch ${config.rebuildBatchSize ?? 'library default'}`,
  ].join('\n');
}
