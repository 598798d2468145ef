// The one pino logger of the process: used for boot messages before Nest exists, then handed to
// nestjs-pino so request logs and application logs share level, format and redaction.
import { randomUUID } from 'crypto';
import type { IncomingMessage } from 'http';
import pino, { Bindings, ChildLoggerOptions, DestinationStream, Logger, LoggerOptions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { LogLevel } from '../config/app-config';

/** Property names whose values never reach a log line, wherever they appear (any letter case). */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'password',
  'secret',
  'apiKey',
  'api_key',
  'key',
  'token',
  'accessToken',
  'refreshToken',
  'privateKey',
  'signingSecret',
  'webhookSecret',
  'connectionString',
];
const SECRET_KEY_SET = new Set(SECRET_KEYS.map((name) => name.toLowerCase()));
const CENSOR = '[REDACTED]';
/** Objects nested deeper than this are written as they are (log objects are shallow; this bounds the walk). */
const MAX_REDACT_DEPTH = 8;

/**
 * `value` with every secret property censored, as a copy where something changed (the caller's
 * objects are never modified; unchanged branches are shared). Errors become what pino's error
 * serializer makes of them, so their own properties are covered too.
 *
 * Why not pino's `redact` paths: wildcard paths at four depths were checked on every child logger
 * pino-http creates, i.e. on every request whatever the level, and cost ~10% of a request's CPU.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_REDACT_DEPTH) return value;
  if (value instanceof Error) return redactSecrets(pino.stdSerializers.err(value), depth);
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let index = 0; index < value.length; index += 1) {
      const redacted = redactSecrets(value[index], depth + 1);
      if (redacted !== value[index]) (copy ??= value.slice())[index] = redacted;
    }
    return copy ?? value;
  }
  // Dates, Buffers, big numbers: JSON.stringify writes what toJSON returns.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(record)) {
    const original = record[key];
    const redacted = SECRET_KEY_SET.has(key.toLowerCase()) ? CENSOR : redactSecrets(original, depth + 1);
    if (redacted !== original) (copy ??= { ...record })[key] = redacted;
  }
  return copy ?? value;
}

/** Properties pino serializes itself (pino-http passes the raw request and response there). */
const SERIALIZED_KEYS = new Set(['req', 'res', 'err']);

function redactLogObject(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(object)) {
    if (SERIALIZED_KEYS.has(key)) continue;
    const original = object[key];
    const redacted = SECRET_KEY_SET.has(key.toLowerCase()) ? CENSOR : redactSecrets(original, 1);
    if (redacted !== original) (copy ??= { ...object })[key] = redacted;
  }
  return copy ?? object;
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
  headers?: Record<string, unknown>;
}

/** Request headers a log line shows: the useful ones as sent, credentials as "[REDACTED]". */
const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'idempotency-key'];
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'cookie'];

function loggedHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  if (headers === undefined) return shown;
  for (const name of LOGGED_HEADERS) if (headers[name] !== undefined) shown[name] = headers[name];
  for (const name of CREDENTIAL_HEADERS) if (headers[name] !== undefined) shown[name] = CENSOR;
  return shown;
}

/**
 * What a log line says of a request and a response: an allow-list of request headers (built
 * fresh, so nothing else there needs redacting) and no response headers.
 */
const logSerializers = {
  req: (request: SerializedRequest) => ({
    id: request.id,
    method: request.method,
    url: request.url,
    remoteAddress: request.remoteAddress,
    headers: loggedHeaders(request.headers),
  }),
  res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
  err: (error: unknown) => redactSecrets(error),
};

export function createAppLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'cobalt-registry' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { req: logSerializers.req, res: logSerializers.res, err: logSerializers.err },
    formatters: { log: redactLogObject, bindings: redactLogObject },
  };
  const logger = destination === undefined ? pino(options) : pino(options, destination);
  return redactingChildBindings(logger);
}

/**
 * pino applies `formatters.bindings` to the root's bindings only, so children get their bindings
 * redacted here. Children inherit from their parent's instance, so every descendant uses this.
 */
function redactingChildBindings(logger: Logger): Logger {
  // pino's generic signature (custom levels) does not survive a wrapper; the behaviour is unchanged.
  const pinoChild = logger.child as unknown as (this: Logger, bindings: Bindings, options?: ChildLoggerOptions) => Logger;
  function redactingChild(this: Logger, bindings: Bindings, childOptions?: ChildLoggerOptions): Logger {
    return pinoChild.call(this, redactLogObject(bindings), childOptions);
  }
  Object.defineProperty(logger, 'child', { value: redactingChild, writable: true, configurable: true });
  return logger;
}

/**
 * Request id for Fastify (which pino-http then logs): the caller's `X-Request-Id` when it looks
 * like an id, so a request can be followed across services; otherwise a fresh UUID.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
}

/** pino-http options for nestjs-pino: reuse the process logger, warn on 4xx, error on 5xx. */
export function httpLoggingOptions(logger: Logger): PinoHttpOptions {
  return {
    logger,
    // pino-http first applies pino's own request/response serializers, then these.
    serializers: logSerializers,
    customLogLevel: (_request, response, error) => {
      if (error !== undefined || response.statusCode >= 500) return 'error';
      return response.statusCode >= 400 ? 'warn' : 'info';
    },
    // Liveness and scrape endpoints are hit every few seconds; logging them drowns real traffic.
    autoLogging: { ignore: (request) => ['/health', '/metrics'].includes(request.url ?? '') },
  };
}

/** `postgres://user:secret@host:5432/db` → `postgres://host:5432/db`, safe for logs and messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}
