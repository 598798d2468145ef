// Per-request access state (request id, actor, arrival time), kept beside the raw Node request so
// the request-id hook, the guard, the idempotency gate and param decorators all see the same one.
import type { IncomingMessage } from 'http';
import type { EventMetadata } from '@lib/event-store';
import type { Actor } from './actor';

export interface AccessRequestState {
  /** Correlation id: the caller's sane `X-Request-Id`, or one generated for it. */
  requestId: string;
  /** Null until the guard ran, and for requests without a valid key. */
  actor: Actor | null;
  /** When the guard admitted the request, from the app clock: becomes the events' `occurredAt`. */
  receivedAt: Date | null;
  /** The valid `Idempotency-Key` header, if any. */
  idempotencyKey: string | null;
}

// A WeakMap rather than a property on the request: nothing else can read or forge it, and it goes
// away with the request.
const states = new WeakMap<IncomingMessage, AccessRequestState>();

/** Fastify requests carry the Node request as `raw`; some callers hold the Node request itself. */
export type AnyRequest = IncomingMessage | { raw: IncomingMessage };

function rawOf(request: AnyRequest): IncomingMessage {
  return 'raw' in request ? request.raw : request;
}

export function accessStateOf(request: AnyRequest): AccessRequestState | null {
  return states.get(rawOf(request)) ?? null;
}

export function initAccessState(request: AnyRequest, requestId: string): AccessRequestState {
  const state: AccessRequestState = { requestId, actor: null, receivedAt: null, idempotencyKey: null };
  states.set(rawOf(request), state);
  return state;
}

/** The authenticated actor; throws when called on a route the guard let through without one (a wiring error). */
export function requireActor(request: AnyRequest): Actor {
  const actor = accessStateOf(request)?.actor ?? null;
  if (actor === null) throw new Error('No authenticated actor on this request: is the route @Public()?');
  return actor;
}

/** Who, when and why of the events a command appends (R9). */
export function commandMetadataOf(request: AnyRequest): EventMetadata {
  const state = accessStateOf(request);
  if (state === null || state.actor === null || state.receivedAt === null) {
    throw new Error('Command metadata needs an authenticated request that passed the access guard');
  }
  return {
    actorKeyId: state.actor.keyId,
    actorRole: state.actor.role,
    companyId: state.actor.companyId,
    correlationId: state.requestId,
    // An HTTP command is caused by the request itself; reactors set the source event's id instead.
    causationId: state.requestId,
    idempotencyKey: state.idempotencyKey,
    occurredAt: state.receivedAt.toISOString(),
  };
}
