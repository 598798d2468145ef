// Gives every request a correlation id and echoes it in `X-Request-Id` (R9). Runs as middleware so
// even unknown routes and requests refused by a guard answer with the header.
import { randomUUID } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { Injectable, NestMiddleware } from '@nestjs/common';
import { initAccessState } from './request-context';

/** Same rule as the request logger's ids (src/ops/logging), so logs and events share one id. */
const SANE_REQUEST_ID = /^[\w.-]{1,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

export function resolveRequestId(request: IncomingMessage & { id?: unknown }): string {
  const given = request.headers[REQUEST_ID_HEADER];
  if (typeof given === 'string' && SANE_REQUEST_ID.test(given)) return given;
  // The request logger may have generated one already (it runs first when registered first).
  if (typeof request.id === 'string' && SANE_REQUEST_ID.test(request.id)) return request.id;
  return randomUUID();
}

@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(request: IncomingMessage & { id?: unknown }, response: ServerResponse, next: () => void): void {
    const requestId = resolveRequestId(request);
    request.id ??= requestId;
    initAccessState(request, requestId);
    response.setHeader('X-Request-Id', requestId);
    next();
  }
}
