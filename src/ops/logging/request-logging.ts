// One log line per answered request ("request completed"): info for 1xx-3xx, warn for 4xx, error
// for 5xx, with the request (id, method, URL, caller address, allow-listed headers: see
// app-logger.ts), the status and the time taken. A Fastify onResponse hook on the process logger:
// no child logger per request and no per-request async context, so a request whose line is below
// the configured level costs one level check. Lines written while serving a request (the error
// filter, the idempotency gate) carry the request id themselves.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';

/** Liveness and scrape endpoints are hit every few seconds; logging them drowns real traffic. */
const QUIET_PATHS: ReadonlySet<string> = new Set(['/health', '/metrics']);

export function requestLogLevel(statusCode: number): Level {
  if (statusCode >= 500) return 'error';
  return statusCode >= 400 ? 'warn' : 'info';
}

/** The `req` of a log line, in the shape app-logger's serializer reduces. */
export function loggedRequest(request: FastifyRequest): Record<string, unknown> {
  return { id: request.id, method: request.method, url: request.url, remoteAddress: request.ip, headers: request.headers };
}

function logCompleted(logger: Logger, request: FastifyRequest, reply: FastifyReply): void {
  const level = requestLogLevel(reply.statusCode);
  if (!logger.isLevelEnabled(level) || QUIET_PATHS.has(request.url)) return;
  logger[level]({ req: loggedRequest(request), res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime) }, 'request completed');
}

export function installRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    logCompleted(logger, request, reply);
    done();
  });
}
