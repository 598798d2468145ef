// Sizes of the HTTP benchmark, from BENCH_HTTP_* variables (defaults: the figures).
export interface HttpBenchConfig {
  /** Length of each measured load (BENCH_HTTP_SECONDS). */
  seconds: number;
  /**
   * Load run on each server before its first measured load, unmeasured (BENCH_HTTP_WARMUP_SECONDS).
   * Why 10 s: V8 compiles the hot paths of a NestJS server over its first several thousand
   * requests; after 2 s of load the server still spent ~40 % more CPU per request than in steady
   * state, so the figure measured warm-up rather than the server.
   */
  warmupSeconds: number;
  /** Concurrent connections of every load (BENCH_HTTP_CONNECTIONS). */
  connections: number;
  /** Batches the spread load goes over (BENCH_HTTP_BATCHES). */
  batches: number;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}

export function loadHttpBenchConfig(env: NodeJS.ProcessEnv = process.env): HttpBenchConfig {
  return {
    seconds: positiveInteger(env, 'BENCH_HTTP_SECONDS', 10),
    warmupSeconds: positiveInteger(env, 'BENCH_HTTP_WARMUP_SECONDS', 10),
    connections: positiveInteger(env, 'BENCH_HTTP_CONNECTIONS', 32),
    batches: positiveInteger(env, 'BENCH_HTTP_BATCHES', 100),
  };
}
