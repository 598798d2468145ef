// Idempotency-Key on every POST, PUT, PATCH and DELETE (R12, Stripe's semantics). The first request
// with a key runs and its response (2xx or 4xx) is stored with a fingerprint of the request; a
// repeat gets that response again with `Idempotent-Replayed: true`; a different request under the
// same key gets 422; a repeat while the first still runs gets 409 and changes nothing.
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { defer, from, Observable, of, throwError } from 'rxjs';
import { catchError, mergeMap, switchMap } from 'rxjs/operators';
import { toErrorResponse } from '../../ops/http/error-response';
import { accessStateOf } from '../auth/request-context';
import { IdempotencyKeyReused, IdempotentRequestInFlight, InvalidIdempotencyKey } from './idempotency.errors';
import { IdempotencyStore, StoredResponse } from './idempotency.store';
import { REDACT_ON_REPLAY_METADATA, redactFields } from './redact-on-replay.decorator';
import { isValidIdempotencyKey, requestFingerprint } from './request-fingerprint';
import { APP_LOGGER } from '../../ops/platform/platform.tokens';

const GUARDED_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Headers that are part of the answer and so are replayed; per-request ones (X-Request-Id) are not. */
const REPLAYED_HEADERS = ['location', 'x-log-position'] as const;
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Failures not stored, so that a retry with the same key runs again: our own faults (5xx), a lost
 * optimistic-concurrency race or a stream too busy to queue the command, and requests refused by DTO validation before any work began
 * (as Stripe does: only requests that started executing are saved).
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'REQUEST.CONCURRENCY_CONFLICT',
  'CONCURRENCY.CONFLICT',
  'CONCURRENCY.STREAM_BUSY',
  'REQUEST.VALIDATION_FAILED',
]);

function isWorthRetrying(status: number, code: string): boolean {
  return status >= 500 || RETRYABLE_CODES.has(code);
}

interface Claim {
  scope: string;
  key: string;
  leaseToken: string;
  /** For log lines about this request. */
  requestId: string;
  /** Response fields never to store (@RedactOnReplay). */
  redacted: readonly string[];
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger: Logger;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: IdempotencyInterceptor.name });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (!GUARDED_METHODS.has(request.method)) return next.handle();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !isValidIdempotencyKey(key)) return throwError(() => new InvalidIdempotencyKey());
    const actor = accessStateOf(request)?.actor ?? null;
    // Keys are scoped per API key; a public route has no caller to scope them to, so nothing is kept.
    if (actor === null) return next.handle();

    const scope = actor.keyId;
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    return defer(() => this.store.claim(scope, key, fingerprint)).pipe(
      switchMap((outcome) => {
        switch (outcome.kind) {
          case 'run':
            return this.run({ scope, key, leaseToken: outcome.leaseToken, requestId: request.id, redacted: this.redactedFields(context) }, reply, next);
          case 'replay':
            return of(this.replay(outcome.response, reply));
          case 'key_reused':
            return throwError(() => new IdempotencyKeyReused());
          case 'in_flight':
            return throwError(() => new IdempotentRequestInFlight());
          default: {
            const unreachable: never = outcome;
            return throwError(() => new Error(`Unknown claim outcome ${JSON.stringify(unreachable)}`));
          }
        }
      }),
    );
  }

  private run(claim: Claim, reply: FastifyReply, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      mergeMap((body) => from(this.settle(claim, () => this.storeSuccess(claim, reply, body))).pipe(mergeMap(() => of(body)))),
      catchError((error: unknown) => from(this.settle(claim, () => this.storeFailure(claim, error))).pipe(mergeMap(() => throwError(() => error)))),
    );
  }

  /**
   * The command has run: its answer goes out even if recording it fails. The claim then stays
   * in flight until its lease lapses (409 for repeats meanwhile), which we log loudly.
   */
  private async settle(claim: Claim, record: () => Promise<void>): Promise<void> {
    try {
      await record();
    } catch (error) {
      this.logger.error({ err: error, requestId: claim.requestId, idempotencyKey: claim.key }, 'could not record the outcome of an idempotent request');
    }
  }

  private async storeSuccess(claim: Claim, reply: FastifyReply, body: unknown): Promise<void> {
    const serialised = body === undefined ? null : JSON.stringify(redactFields(body, claim.redacted));
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await this.store.complete(claim.scope, claim.key, claim.leaseToken, { status: reply.statusCode, headers, body: serialised });
  }

  private async storeFailure(claim: Claim, error: unknown): Promise<void> {
    const { status, body } = toErrorResponse(error);
    if (isWorthRetrying(status, body.error.code)) {
      await this.store.release(claim.scope, claim.key, claim.leaseToken);
      return;
    }
    // Stored exactly as the error filter will render it, so a replay is byte-for-byte the same.
    await this.store.complete(claim.scope, claim.key, claim.leaseToken, { status, headers: {}, body: JSON.stringify(body) });
  }

  private redactedFields(context: ExecutionContext): readonly string[] {
    return this.reflector.get<string[] | undefined>(REDACT_ON_REPLAY_METADATA, context.getHandler()) ?? [];
  }

  private replay(response: StoredResponse, reply: FastifyReply): unknown {
    void reply.status(response.status);
    for (const [name, value] of Object.entries(response.headers)) void reply.header(name, value);
    void reply.header(REPLAYED_HEADER, 'true');
    return response.body === null ? undefined : (JSON.parse(response.body) as unknown);
  }
}
