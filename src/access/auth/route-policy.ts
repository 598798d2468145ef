// Who may call a route, read from @Roles/@Public on the handler or its controller. A route with
// neither is "undeclared" and the guard denies it to everyone.
import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { PUBLIC_METADATA, ROLES_METADATA } from './access.decorators';
import type { Role } from './actor';

export type RoutePolicy = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] } | { kind: 'undeclared' };

export function resolveRoutePolicy(reflector: Reflector, context: ExecutionContext): RoutePolicy {
  const targets = [context.getHandler(), context.getClass()];
  // Handler metadata wins over the controller's, so one route of a public controller can be closed.
  const roles = reflector.get<Role[] | undefined>(ROLES_METADATA, context.getHandler());
  if (roles !== undefined) return { kind: 'roles', roles };
  if (reflector.getAllAndOverride<boolean | undefined>(PUBLIC_METADATA, targets) === true) return { kind: 'public' };
  const controllerRoles = reflector.get<Role[] | undefined>(ROLES_METADATA, context.getClass());
  if (controllerRoles !== undefined) return { kind: 'roles', roles: controllerRoles };
  return { kind: 'undeclared' };
}
