import { BadRequestException, ConflictException, HttpException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@lib/kernel';
import { StreamNotFound, WrongExpectedRevision } from '@lib/event-store';
import { toErrorResponse } from './error-response';
import { MalformedJsonBody } from './request.errors';

class NotYours extends DomainError {
  readonly code = 'ACCESS.NOT_FOUND';
  readonly kind: DomainErrorKind = 'not_found';
}

class TooFast extends DomainError {
  readonly code = 'ACCESS.RATE_LIMITED';
  readonly kind: DomainErrorKind = 'rate_limited';
}

describe('toErrorResponse', () => {
  it('toErrorResponse_WhenDomainError_ThenStatusFromKindAndBodyFromError', () => {
    expect(toErrorResponse(new NotYours('No such purchase', { purchaseId: 'p-1' }))).toEqual({
      status: 404,
      body: { error: { code: 'ACCESS.NOT_FOUND', message: 'No such purchase', details: { purchaseId: 'p-1' } } },
      unexpected: false,
    });
    expect(toErrorResponse(new TooFast('Slow down')).status).toBe(429);
    expect(toErrorResponse(new MalformedJsonBody('The body is not valid JSON')).body.error.code).toBe('REQUEST.MALFORMED_JSON');
  });

  it('toErrorResponse_WhenWrongExpectedRevision_Then409ConcurrencyConflict', () => {
    const response = toErrorResponse(new WrongExpectedRevision('batch-1', 2, 3));
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('REQUEST.CONCURRENCY_CONFLICT');
    expect(response.unexpected).toBe(false);
  });

  it('toErrorResponse_WhenStreamNotFound_Then404', () => {
    expect(toErrorResponse(new StreamNotFound('site-9'))).toMatchObject({ status: 404, body: { error: { code: 'REQUEST.NOT_FOUND' } } });
  });

  it('toErrorResponse_WhenNestHttpException_ThenStatusKeptAndCodeFromStatus', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x'))).toEqual({
      status: 404,
      body: { error: { code: 'REQUEST.NOT_FOUND', message: 'Cannot GET /x' } },
      unexpected: false,
    });
    expect(toErrorResponse(new BadRequestException(['a must be a string', 'b must be an integer']))).toEqual({
      status: 400,
      body: { error: { code: 'REQUEST.BAD_REQUEST', message: 'a must be a string; b must be an integer', details: { messages: ['a must be a string', 'b must be an integer'] } } },
      unexpected: false,
    });
  });

  it('toErrorResponse_WhenHttpExceptionCarriesAStableCode_ThenKeepsIt', () => {
    const exception = new ConflictException({ code: 'ACCESS.IDEMPOTENT_REQUEST_IN_FLIGHT', message: 'Still running', details: { key: 'k-1' } });
    expect(toErrorResponse(exception).body).toEqual({
      error: { code: 'ACCESS.IDEMPOTENT_REQUEST_IN_FLIGHT', message: 'Still running', details: { key: 'k-1' } },
    });
  });

  it('toErrorResponse_WhenHttpException5xx_ThenGenericMessage', () => {
    expect(toErrorResponse(new HttpException('db password is x', 500))).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL.ERROR', message: 'Internal server error' } }, unexpected: true });
    expect(toErrorResponse(new ServiceUnavailableException('pool exhausted'))).toMatchObject({ status: 503, body: { error: { code: 'INTERNAL.UNAVAILABLE', message: 'Service unavailable' } }, unexpected: false });
  });

  it('toErrorResponse_WhenLibraryErrorWithClientStatus_ThenNeverA500', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toErrorResponse(tooLarge)).toEqual({ status: 413, body: { error: { code: 'REQUEST.BODY_TOO_LARGE', message: 'Request body is too large' } }, unexpected: false });
    const teapot = Object.assign(new Error('odd'), { status: 418 });
    expect(toErrorResponse(teapot)).toMatchObject({ status: 418, body: { error: { code: 'REQUEST.INVALID' } } });
  });

  it('toErrorResponse_WhenAnythingElse_Then500WithoutInternals', () => {
    for (const thrown of [new Error('password=hunter2'), 'a string', null, { statusCode: 400 }]) {
      const response = toErrorResponse(thrown);
      expect(response).toEqual({ status: 500, body: { error: { code: 'INTERNAL.ERROR', message: 'Internal server error' } }, unexpected: true });
    }
  });
});
