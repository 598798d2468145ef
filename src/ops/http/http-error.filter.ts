// The one exception filter of the app (STYLE.md): every error, wherever it is thrown while
// serving a request (route, pipe, guard, body parser, unknown route), leaves as DESIGN §4's body.
import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { IdempotentReplay, sendReplay } from '../../access/idempotency/idempotency-gate';
import { APP_LOGGER } from '../platform/platform.tokens';
import { toErrorResponse } from './error-response';

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger: Logger;

  constructor(@Inject(APP_LOGGER) logger: Logger) {
    this.logger = logger.child({ context: HttpErrorFilter.name });
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof IdempotentReplay) {
      // A repeat of a recorded request: its recorded answer, not an error.
      if (!reply.sent) sendReplay(reply, exception.response);
      return;
    }
    const { status, body, unexpected } = toErrorResponse(exception);
    if (unexpected) {
      this.logger.error({ err: exception, requestId: request.id, method: request.method, url: request.url }, 'request failed with an unexpected error');
    } else {
      this.logger.debug({ requestId: request.id, code: body.error.code, status }, 'request refused');
    }
    if (reply.sent) return;
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
