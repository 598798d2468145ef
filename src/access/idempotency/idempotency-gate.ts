// Idempotency-Key on every POST, PUT, PATCH and DELETE (R12, Stripe's semantics). The first request
// with a key runs and its response (2xx or 4xx) is stored with a fingerprint of the request; a
// repeat gets that response again with `Idempotent-Replayed: true`; a different request under the
// same key gets 422; a repeat while the first still runs gets 409 and changes nothing.
// Two halves: `admit`, the last step of the access guard (the caller is known and allowed), claims
// the key or answers from the record; an onSend hook records what was actually sent, errors
// rendered by the error filter included. Not a Nest interceptor: a global interceptor puts every
// request, keyed or not, through Nest's rxjs interceptor chain (two AsyncResource bindings and
// several observables per request, ~5 % of the server's CPU under load).
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'http';
import type { Logger } from 'pino';
import { APP_LOGGER } from '../../ops/platform/platform.tokens';
import { accessStateOf } from '../auth/request-context';
import { IdempotencyKeyReused, IdempotentRequestInFlight, InvalidIdempotencyKey } from './idempotency.errors';
import { IdempotencyStore, StoredResponse } from './idempotency.store';
import { redactFields } from './redact-on-replay.decorator';
import { isValidIdempotencyKey, requestFingerprint } from './request-fingerprint';

const GUARDED_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Headers that are part of the answer and so are replayed; per-request ones (X-Request-Id) are not. */
const REPLAYED_HEADERS = ['location', 'x-log-position'] as const;
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Failures not stored, so that a retry with the same key runs again: our own faults (5xx), a lost
 * optimistic-concurrency race or a stream too busy to queue the command, and requests refused by
 * DTO validation before any work began (as Stripe does: only requests that started executing are saved).
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'REQUEST.CONCURRENCY_CONFLICT',
  'CONCURRENCY.CONFLICT',
  'CONCURRENCY.STREAM_BUSY',
  'REQUEST.VALIDATION_FAILED',
]);

/** A key this request holds: its response is recorded under it when sent. */
interface Claim {
  scope: string;
  key: string;
  leaseToken: string;
  /** Response fields never to store (@RedactOnReplay). */
  redacted: readonly string[];
}

/**
 * Thrown by `admit` when the key already has a recorded answer: the route does not run, and the
 * error filter sends the recorded response instead (`sendReplay`). Not an error to the caller.
 */
export class IdempotentReplay extends Error {
  constructor(readonly response: StoredResponse) {
    super('Answered from the idempotency record');
    this.name = 'IdempotentReplay';
  }
}

// Beside the raw Node request, as the access state is: nothing else can read or forge it.
const claims = new WeakMap<IncomingMessage, Claim>();

@Injectable()
export class IdempotencyGate {
  private readonly logger: Logger;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: IdempotencyGate.name });
  }

  /**
   * For a request the guard let through: claims its Idempotency-Key (the route then runs), or
   * throws IdempotentReplay, IdempotencyKeyReused, IdempotentRequestInFlight or InvalidIdempotencyKey.
   * Requests without a key, reads and public routes (no caller to scope keys to) pass untouched.
   */
  async admit(request: FastifyRequest, redacted: readonly string[]): Promise<void> {
    if (!GUARDED_METHODS.has(request.method)) return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !isValidIdempotencyKey(key)) throw new InvalidIdempotencyKey();
    const actor = accessStateOf(request)?.actor ?? null;
    if (actor === null) return;
    const scope = actor.keyId;
    const outcome = await this.store.claim(scope, key, requestFingerprint(request.method, request.url, request.body));
    switch (outcome.kind) {
      case 'run':
        claims.set(request.raw, { scope, key, leaseToken: outcome.leaseToken, redacted });
        return;
      case 'replay':
        throw new IdempotentReplay(outcome.response);
      case 'key_reused':
        throw new IdempotencyKeyReused();
      case 'in_flight':
        throw new IdempotentRequestInFlight();
      default: {
        const unreachable: never = outcome;
        throw new Error(`Unknown claim outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /**
   * Records the response about to be sent for the key this request claimed, or releases the key
   * when the failure is worth retrying. The answer goes out even if recording fails: the claim then
   * stays in flight until its lease lapses (409 for repeats meanwhile), which is logged loudly.
   */
  async record(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
    const claim = claims.get(request.raw);
    if (claim === undefined) return;
    claims.delete(request.raw);
    try {
      const body = bodyText(payload);
      if (body === undefined) {
        this.logger.warn({ requestId: request.id, idempotencyKey: claim.key }, 'a streamed response cannot be recorded: the key is released');
        await this.store.release(claim.scope, claim.key, claim.leaseToken);
        return;
      }
      const status = reply.statusCode;
      if (status >= 500 || (status >= 400 && RETRYABLE_CODES.has(errorCodeOf(body)))) {
        await this.store.release(claim.scope, claim.key, claim.leaseToken);
        return;
      }
      await this.store.complete(claim.scope, claim.key, claim.leaseToken, { status, headers: replayedHeaders(reply), body: status < 300 ? redacted(body, claim.redacted) : body });
    } catch (error) {
      this.logger.error({ err: error, requestId: request.id, idempotencyKey: claim.key }, 'could not record the outcome of an idempotent request');
    }
  }
}

/** Sends a recorded response again, marked `Idempotent-Replayed: true`. */
export function sendReplay(reply: FastifyReply, response: StoredResponse): void {
  void reply.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) void reply.header(name, value);
  void reply.header(REPLAYED_HEADER, 'true');
  if (response.body === null) void reply.send();
  else void reply.header('content-type', JSON_CONTENT_TYPE).send(response.body);
}

/** Records each claimed request's response as it is sent (after the error filter rendered errors). */
export function installIdempotencyRecording(fastify: FastifyInstance, gate: IdempotencyGate): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    await gate.record(request, reply, payload);
    return payload;
  });
}

/** The serialised body (null when empty), or undefined for a stream, which cannot be stored. */
function bodyText(payload: unknown): string | null | undefined {
  if (payload === null || payload === undefined || payload === '') return null;
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.length === 0 ? null : payload.toString('utf8');
  return undefined;
}

/** The `error.code` of an error body (DESIGN §4), or '' when it has none. */
function errorCodeOf(body: string | null): string {
  if (body === null) return '';
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : '';
  } catch {
    return '';
  }
}

function redacted(body: string | null, fields: readonly string[]): string | null {
  if (body === null || fields.length === 0) return body;
  return JSON.stringify(redactFields(JSON.parse(body) as unknown, fields));
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}
