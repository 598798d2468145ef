// Who may call a route: read from @Roles/@Public, or for the ops routes (whose controllers belong
// to src/ops and carry no access decorators) from the table below. Anything else is denied.
import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { PUBLIC_METADATA, ROLES_METADATA } from './access.decorators';
import { Role, STAFF_ROLES } from './actor';

export type RoutePolicy = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] } | { kind: 'undeclared' };

/**
 * Decisions for the ops endpoints (README "Access"): liveness is public so any probe can use it;
 * readiness and metrics reveal topology and volumes, so they need a staff key (probes and
 * Prometheus send it as a bearer token). The issue's rule: without a key, only /v1/public/*,
 * /health and /docs are readable.
 */
export const OPS_ROUTE_POLICIES: Readonly<Record<string, RoutePolicy>> = {
  'GET /health': { kind: 'public' },
  'GET /ready': { kind: 'roles', roles: STAFF_ROLES },
  'GET /metrics': { kind: 'roles', roles: STAFF_ROLES },
};

export function resolveRoutePolicy(reflector: Reflector, context: ExecutionContext, method: string, routeUrl: string | undefined): RoutePolicy {
  const targets = [context.getHandler(), context.getClass()];
  if (reflector.getAllAndOverride<boolean | undefined>(PUBLIC_METADATA, targets) === true) return { kind: 'public' };
  const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
  if (roles !== undefined) return { kind: 'roles', roles };
  return OPS_ROUTE_POLICIES[`${method} ${routeUrl ?? ''}`] ?? { kind: 'undeclared' };
}
