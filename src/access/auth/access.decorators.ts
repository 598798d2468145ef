// Route access policy (DESIGN §3.6): every route says who may call it. `@Roles(...)` names the
// roles allowed, `@Public()` opens it to callers without a key; a route with neither is denied.
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { API_KEY_SECURITY } from '../../ops/docs/openapi';
import { Role, ROLES } from './actor';

export const ROLES_METADATA = 'access:roles';
export const PUBLIC_METADATA = 'access:public';

export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role; use @Public() for open routes');
  return applyDecorators(
    SetMetadata(ROLES_METADATA, roles),
    ApiBearerAuth(API_KEY_SECURITY),
    ApiUnauthorizedResponse({ description: 'No, malformed, unknown, revoked or expired API key (ACCESS.UNAUTHENTICATED)' }),
    ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')} (ACCESS.FORBIDDEN)` }),
    ApiTooManyRequestsResponse({ description: 'Rate limit of the key reached; see Retry-After (ACCESS.RATE_LIMITED)' }),
  );
}

/** Any valid key, whatever its role. */
export function AnyRole(): MethodDecorator & ClassDecorator {
  return Roles(...ROLES);
}

export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_METADATA, true);
}
