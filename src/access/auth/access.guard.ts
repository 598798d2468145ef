// The one global guard (DESIGN §3.6): authenticate the API key, apply the rate limit, then the
// route's policy, then claim the request's Idempotency-Key (R12). Composed in one guard so the
// order never depends on provider registration order.
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Clock } from '@lib/kernel';
import type { FastifyRequest } from 'fastify';
import { CLOCK } from '../access.tokens';
import { IdempotencyGate } from '../idempotency/idempotency-gate';
import { REDACT_ON_REPLAY_METADATA } from '../idempotency/redact-on-replay.decorator';
import { isValidIdempotencyKey } from '../idempotency/request-fingerprint';
import { Forbidden, Unauthenticated } from './access.errors';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { KeyRateLimiter } from './key-rate-limiter';
import { accessStateOf, AccessRequestState, initAccessState } from './request-context';
import { resolveRoutePolicy } from './route-policy';

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly rateLimiter: KeyRateLimiter,
    private readonly idempotency: IdempotencyGate,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const state = this.stateOf(request);
    state.receivedAt = this.clock.now();
    const idempotencyKey = request.headers['idempotency-key'];
    state.idempotencyKey = typeof idempotencyKey === 'string' && isValidIdempotencyKey(idempotencyKey) ? idempotencyKey : null;
    state.actor = await this.authenticator.authenticate(request.headers.authorization);
    // Counted before the policy check: refused attempts (bad keys, wrong roles) use up the budget too.
    await this.rateLimiter.canActivate(context);

    const policy = resolveRoutePolicy(this.reflector, context);
    switch (policy.kind) {
      case 'public':
        break;
      case 'roles':
        if (state.actor === null) throw new Unauthenticated();
        if (!policy.roles.includes(state.actor.role)) throw new Forbidden();
        break;
      case 'undeclared':
        // Nothing is born open: a route that forgot its @Roles is closed to everyone.
        if (state.actor === null) throw new Unauthenticated();
        throw new Forbidden();
      default: {
        const unreachable: never = policy;
        throw new Error(`Unknown route policy ${JSON.stringify(unreachable)}`);
      }
    }
    // Admitted: a repeat of a recorded request is answered from the record instead of running.
    await this.idempotency.admit(request, this.reflector.get<string[] | undefined>(REDACT_ON_REPLAY_METADATA, context.getHandler()) ?? []);
    return true;
  }

  /** The request-id hook normally created it; a request that bypassed the hook still gets one. */
  private stateOf(request: FastifyRequest): AccessRequestState {
    return accessStateOf(request) ?? initAccessState(request, request.id);
  }
}
