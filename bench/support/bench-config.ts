// Sizes of the benchmarks, read from BENCH_* environment variables. Defaults are the sizes of the
// benchmark issue (DESIGN §3.3); smaller values make a quick smoke run, e.g.
// `BENCH_EVENTS=20000 BENCH_READ_PASSES=1 BENCH_REBUILD_ROUNDS=1 BENCH_APPEND_SECONDS=1 BENCH_BATCH_SECONDS=2 npm run bench`.

export interface BenchConfig {
  /** Measured passes of each reader over the large log; the readers take turns (BENCH_READ_PASSES). */
  readPasses: number;
  /** Rebuilds (each alternating with a readAll pass); the median is reported (BENCH_REBUILD_ROUNDS). */
  rebuildRounds: number;
  /** Unmeasured run of each system before it is measured: connections, prepared statements, JIT (BENCH_WARMUP_SECONDS). */
  warmupSeconds: number;
  /** Concurrent writers of the single-event append benchmark (BENCH_APPEND_WRITERS). */
  appendWriters: number[];
  /** Measured time of each system per level of single appends (BENCH_APPEND_SECONDS). */
  appendSeconds: number;
  /**
   * Length of one turn of single appends (BENCH_APPEND_SLICE_MS). Systems take turns in short
   * slices rather than long rounds: on a shared machine, bursts of other work then fall on all alike.
   */
  appendSliceMs: number;
  /** Events a writer appends to one stream before it starts the next (BENCH_EVENTS_PER_STREAM). */
  eventsPerStream: number;
  /** Events per append of the batch benchmark (BENCH_BATCH_SIZE). */
  batchSize: number;
  /** Concurrent writers of the batch benchmark (BENCH_BATCH_WRITERS). */
  batchWriters: number[];
  /** Measured time of each system per level of batch appends (BENCH_BATCH_SECONDS). */
  batchSeconds: number;
  /** Length of one turn of batch appends (BENCH_BATCH_SLICE_MS); a batch append takes tens of ms. */
  batchSliceMs: number;
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
    readPasses: positiveNumber(env, 'BENCH_READ_PASSES', 2, true),
    rebuildRounds: positiveNumber(env, 'BENCH_REBUILD_ROUNDS', 3, true),
    warmupSeconds: positiveNumber(env, 'BENCH_WARMUP_SECONDS', 1, false),
    appendWriters: positiveIntegers(env, 'BENCH_APPEND_WRITERS', [1, 8, 16]),
    appendSeconds: positiveNumber(env, 'BENCH_APPEND_SECONDS', 8, false),
    appendSliceMs: positiveNumber(env, 'BENCH_APPEND_SLICE_MS', 250, true),
    eventsPerStream: positiveNumber(env, 'BENCH_EVENTS_PER_STREAM', 50, true),
    batchSize: positiveNumber(env, 'BENCH_BATCH_SIZE', 1_000, true),
    batchWriters: positiveIntegers(env, 'BENCH_BATCH_WRITERS', [1, 4]),
    batchSeconds: positiveNumber(env, 'BENCH_BATCH_SECONDS', 8, false),
    batchSliceMs: positiveNumber(env, 'BENCH_BATCH_SLICE_MS', 1_000, true),
    events: positiveNumber(env, 'BENCH_EVENTS', 1_000_000, true),
    streams: positiveNumber(env, 'BENCH_STREAMS', 10_000, true),
    readLimits: positiveIntegers(env, 'BENCH_READ_LIMITS', [1_000, 10_000]),
    rebuildBatchSize: optionalPositiveInteger(env, 'BENCH_REBUILD_BATCH'),
  };
}

/** One line per setting, printed at the top of a run so figures can be read with their sizes. */
export function describeBenchConfig(config: BenchConfig): string {
  return [
    `warm-up ${config.warmupSeconds}s per system; appenders take turns in slices of ${config.appendSliceMs} ms (single) / ${config.batchSliceMs} ms (batch)`,
    `single appends: writers ${config.appendWriters.join('/')}, ${config.appendSeconds}s measured per system, ${config.eventsPerStream} events per stream`,
    `batch appends: ${config.batchSize} events per append, writers ${config.batchWriters.join('/')}, ${config.batchSeconds}s measured per system`,
    `log: ${config.events} events over ${config.streams} streams, ${config.readPasses} passes per reader; readAll limits ${config.readLimits.join('/')}; ` +
      `rebuild batch ${config.rebuildBatchSize ?? 'library default'}, ${config.rebuildRounds} rounds`,
  ].join('\n');
}
