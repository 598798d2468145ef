// Maps anything thrown while serving a request to the error body of DESIGN §4:
// `{"error":{"code","message","details"}}`. Pure, so every case is unit-tested.
import { HttpException } from '@nestjs/common';
import { DomainError } from '@lib/kernel';
import { StreamNotFound, WrongExpectedRevision } from '@lib/event-store';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** True for failures that are our fault: logged with their stack, never shown to the caller. */
  unexpected: boolean;
}

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'REQUEST.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'REQUEST.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  406: 'REQUEST.NOT_ACCEPTABLE',
  408: 'REQUEST.TIMEOUT',
  409: 'REQUEST.CONFLICT',
  413: 'REQUEST.BODY_TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  422: 'REQUEST.UNPROCESSABLE',
  429: 'REQUEST.RATE_LIMITED',
  503: 'INTERNAL.UNAVAILABLE',
};

const STABLE_CODE = /^[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*$/;

function codeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL.ERROR' : 'REQUEST.INVALID');
}

function respond(status: number, code: string, message: string, details?: Record<string, unknown>): ErrorResponse {
  const error = details === undefined ? { code, message } : { code, message, details };
  return { status, body: { error }, unexpected: false };
}

function internalError(): ErrorResponse {
  return { status: 500, body: { error: { code: 'INTERNAL.ERROR', message: 'Internal server error' } }, unexpected: true };
}

function fromHttpException(exception: HttpException): ErrorResponse {
  const status = exception.getStatus();
  if (status >= 500) {
    // Deliberate 5xx (e.g. 503) keep their status; the text may hold internals, so it is replaced.
    return { ...respond(status, codeForStatus(status), status === 503 ? 'Service unavailable' : 'Internal server error'), unexpected: status !== 503 };
  }
  const response = exception.getResponse();
  if (typeof response === 'string') return respond(status, codeForStatus(status), response);
  const { code, message, details } = response as { code?: unknown; message?: unknown; details?: unknown };
  const stableCode = typeof code === 'string' && STABLE_CODE.test(code) ? code : codeForStatus(status);
  const detailObject = typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : undefined;
  if (Array.isArray(message)) {
    const messages = message.map(String);
    return respond(status, stableCode, messages.join('; '), detailObject ?? { messages });
  }
  return respond(status, stableCode, typeof message === 'string' ? message : exception.message, detailObject);
}

/** Errors of Fastify itself and other HTTP libraries carry a 4xx `statusCode` (or `status`). */
function clientStatusOf(exception: Error): number | null {
  const { statusCode, status } = exception as { statusCode?: unknown; status?: unknown };
  const candidate = typeof statusCode === 'number' ? statusCode : typeof status === 'number' ? status : null;
  return candidate !== null && candidate >= 400 && candidate < 500 ? candidate : null;
}

export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof DomainError) {
    return respond(exception.httpStatus, exception.code, exception.message, exception.details);
  }
  if (exception instanceof WrongExpectedRevision) {
    // The command retried and still lost the race: the caller may simply try again.
    return respond(409, 'REQUEST.CONCURRENCY_CONFLICT', 'The resource changed while the request was processed; retry it');
  }
  if (exception instanceof StreamNotFound) {
    return respond(404, 'REQUEST.NOT_FOUND', 'Not found');
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception instanceof Error) {
    const status = clientStatusOf(exception);
    if (status !== null) return respond(status, codeForStatus(status), exception.message);
  }
  return internalError();
}
