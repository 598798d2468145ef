// Sizes of the HTTP benchmark, from BENCH_HTTP_* variables (defaults: the figures).
export interface HttpBenchConfig {
  /** Length of each measured load (BENCH_HTTP_SECONDS). */
  seconds: number;
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
    connections: positiveInteger(env, 'BENCH_HTTP_CONNECTIONS', 32),
    batches: positiveInteger(env, 'BENCH_HTTP_BATCHES', 100),
  };
}
