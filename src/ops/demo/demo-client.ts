// The demo's HTTP client: JSON calls against the running server with fetch, each answer checked
// against the status the story expects. A surprise stops the story with the server's error body.
export class DemoStepFailed extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${step}: HTTP ${status} ${body.slice(0, 500)}`);
    this.name = 'DemoStepFailed';
  }
}

export interface DemoResponse<T> {
  status: number;
  body: T;
  headers: Headers;
  /** The raw body (e.g. a PDF), when it is not JSON. */
  bytes: Buffer;
}

export interface CallOptions {
  key?: string;
  body?: unknown;
  query?: Record<string, string>;
  /** Statuses the step accepts (default: any 2xx). */
  expect?: readonly number[];
  /** A CSV body (`text/csv`), instead of JSON `body`. */
  csv?: string;
}

/** Bounds a call to a hung server: the demo fails with a line instead of waiting for ever. */
const CALL_TIMEOUT_MS = 30_000;

export class DemoClient {
  constructor(readonly baseUrl: string) {}

  async call<T>(step: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: CallOptions = {}): Promise<DemoResponse<T>> {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = {};
    if (options.key !== undefined) headers.Authorization = `Bearer ${options.key}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.csv !== undefined) headers['Content-Type'] = 'text/csv';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.csv ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new Error(`${step}: cannot reach ${this.baseUrl} (${reason}); start the server with npm start or set BASE_URL`);
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const accepted = options.expect ?? [];
    const ok = accepted.length === 0 ? response.status >= 200 && response.status < 300 : accepted.includes(response.status);
    if (!ok) throw new DemoStepFailed(step, response.status, bytes.toString('utf8'));
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
    return { status: response.status, body: (isJson ? JSON.parse(bytes.toString('utf8')) : undefined) as T, headers: response.headers, bytes };
  }
}
