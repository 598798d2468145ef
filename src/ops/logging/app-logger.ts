// The one pino logger of the process: boot messages before Nest exists, then Nest's own messages
// (nest-logger.ts), request lines (request-logging.ts) and every provider's logs (APP_LOGGER), so
// they all share level, format and redaction.
import { randomUUID } from 'crypto';
import type { IncomingMessage } from 'http';
import pino, { Bindings, ChildLoggerOptions, DestinationStream, Logger, LoggerOptions } from 'pino';
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
 * `value` with every secret property censored and every password in a URL text (a driver's error
 * message, say) replaced, as a copy where something changed (the caller's
 * objects are never modified; unchanged branches are shared). Errors become what pino's error
 * serializer makes of them, so their own properties are covered too.
 *
 * Why not pino's `redact` paths: wildcard paths at four depths were checked on every child logger,
 * and the request logger then made one per request whatever the level (~10% of a request's CPU).
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutUrlPasswords(value);
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

/** `scheme://user:password@host` as found in a driver's error message or a config echo. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s@/]+@/gi;

/** `postgres://app:pw@db/x` → `postgres://app:[REDACTED]@db/x`, anywhere in a text. */
function withoutUrlPasswords(text: string): string {
  return text.includes('://') ? text.replace(URL_PASSWORD, `$1${CENSOR}@`) : text;
}

/** Properties pino serializes itself with the serializers below. */
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
 * What a log line says of a request and a response (see request-logging.ts): an allow-list of
 * request headers (built fresh, so nothing else there needs redacting) and no response headers.
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
    serializers: logSerializers,
    formatters: { log: redactLogObject, bindings: redactLogObject },
    // The message and its format arguments are texts too (an error's message passed as the line's).
    hooks: {
      logMethod(args, method) {
        const texts = args.map((arg: unknown) => (typeof arg === 'string' ? withoutUrlPasswords(arg) : arg)) as typeof args;
        method.apply(this, texts);
      },
    },
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
 * Request id for Fastify (which request lines, the X-Request-Id header and events' metadata share): the caller's `X-Request-Id` when it looks
 * like an id, so a request can be followed across services; otherwise a fresh UUID.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
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
