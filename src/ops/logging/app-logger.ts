// The one pino logger of the process: used for boot messages before Nest exists, then handed to
// nestjs-pino so request logs and application logs share level, format and redaction.
import { randomUUID } from 'crypto';
import type { IncomingMessage } from 'http';
import pino, { DestinationStream, Logger } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { LogLevel } from '../config/app-config';

/** Property names whose values never reach a log line, wherever they appear (up to 4 levels deep). */
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

export const REDACTED_PATHS: string[] = SECRET_KEYS.flatMap((name) => {
  const property = /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`;
  return ['', '*', '*.*', '*.*.*'].map((prefix) => (prefix === '' ? property.replace(/^\./, '') : `${prefix}${property}`));
});

export function createAppLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    base: { service: 'cobalt-registry' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination === undefined ? pino(options) : pino(options, destination);
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
