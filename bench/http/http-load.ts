// One measured HTTP load: autocannon with N connections for a fixed time, each request built by
// `next()` (method, path, body), each response handed to `onResponse`. Reports what succeeded per
// second and the latency percentiles of every request (errors included: a fast 422 still counts).
import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  baseUrl: string;
  connections: number;
  /** Length of the run; ignored when `amount` is given. */
  durationSeconds: number;
  /** Exactly this many requests, then stop (instead of a duration). */
  amount?: number;
  /** Headers of every request (e.g. the API key). */
  headers: Record<string, string>;
  next: () => LoadRequest;
  onResponse?: (status: number, body: string) => void;
}

export interface LoadResult {
  durationSeconds: number;
  requests: number;
  /** 2xx answers per second over the run. */
  okPerSecond: number;
  okCount: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.amount === undefined ? {} : { amount: options.amount }),
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => {
          const next = options.next();
          return {
            ...request,
            method: next.method,
            path: next.path,
            headers: { ...options.headers, ...next.headers, ...(next.body === undefined ? {} : { 'content-type': 'application/json' }) },
            body: next.body === undefined ? undefined : JSON.stringify(next.body),
          };
        },
        onResponse: (status, body) => options.onResponse?.(status, body),
      },
    ],
  });
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, stats]) => [status, stats.count]));
  const okCount = result['2xx'];
  return {
    durationSeconds: result.duration,
    requests: result.requests.total,
    okPerSecond: okCount / result.duration,
    okCount,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
  };
}
