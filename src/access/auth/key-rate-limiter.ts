// Per-key rate limit (OWASP API4) on @nestjs/throttler: requests are counted per API key id, or
// per client IP when no valid key came with them, across all routes together. Called by the
// AccessGuard after authentication (so it knows the key), not registered as a guard of its own.
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { AccessConfig } from '../access-config';
import { RateLimited } from './access.errors';
import { SlidingWindowRateLimitStorage } from './rate-limit-storage';
import { accessStateOf } from './request-context';

/** Liveness and readiness probes and metric scrapes come often and from the platform itself. */
const UNLIMITED_ROUTES: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);
const WINDOW_MS = 60_000;

function isKeyed(context: ExecutionContext): boolean {
  return accessStateOf(context.switchToHttp().getRequest<FastifyRequest>())?.actor != null;
}

/** ThrottlerModule options: one window of a minute whose limit depends on whether a key was given. */
export function rateLimitOptions(config: AccessConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        ttl: WINDOW_MS,
        limit: (context) => (isKeyed(context) ? config.keyRequestsPerMinute : config.anonymousRequestsPerMinute),
      },
    ],
    skipIf: (context) => {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      return UNLIMITED_ROUTES.has(request.routeOptions.url ?? '');
    },
    // Same rules as the default in-memory storage, without its per-request copy of every hit.
    storage: new SlidingWindowRateLimitStorage(),
  };
}

@Injectable()
export class KeyRateLimiter extends ThrottlerGuard {
  protected override async getTracker(untyped: Record<string, unknown>): Promise<string> {
    // ThrottlerGuard types the request loosely; on our Fastify adapter it is a FastifyRequest.
    const request = untyped as unknown as FastifyRequest;
    const actor = accessStateOf(request)?.actor ?? null;
    return actor === null ? `ip:${request.ip}` : `key:${actor.keyId}`;
  }

  /** One bucket per key (or IP) for the whole API, not one per route as the default would. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    // ThrottlerGuard has already set Retry-After (seconds) on the reply.
    throw new RateLimited(Math.max(1, detail.timeToBlockExpire));
  }
}
