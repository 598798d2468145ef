import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public, Roles } from './access.decorators';
import { resolveRoutePolicy } from './route-policy';

@Public()
class OpenController {
  open(): void {}

  @Roles('admin')
  closed(): void {}
}

@Roles('operator')
class StaffController {
  inherited(): void {}

  @Public()
  opened(): void {}

  @Roles('finance')
  narrowed(): void {}
}

class PlainController {
  forgotten(): void {}
}

function contextOf(controller: new () => object, method: string): ExecutionContext {
  const handler = (controller.prototype as Record<string, unknown>)[method];
  return { getHandler: () => handler, getClass: () => controller } as unknown as ExecutionContext;
}

describe('resolveRoutePolicy', () => {
  const reflector = new Reflector();
  const policy = (controller: new () => object, method: string) => resolveRoutePolicy(reflector, contextOf(controller, method));

  it('policy_WhenControllerIsPublic_ThenRoutesArePublic_UnlessTheHandlerNamesRoles', () => {
    expect(policy(OpenController, 'open')).toEqual({ kind: 'public' });
    expect(policy(OpenController, 'closed')).toEqual({ kind: 'roles', roles: ['admin'] });
  });

  it('policy_WhenControllerNamesRoles_ThenHandlersInheritThem_OrOverrideThem', () => {
    expect(policy(StaffController, 'inherited')).toEqual({ kind: 'roles', roles: ['operator'] });
    expect(policy(StaffController, 'opened')).toEqual({ kind: 'public' });
    expect(policy(StaffController, 'narrowed')).toEqual({ kind: 'roles', roles: ['finance'] });
  });

  it('policy_WhenNothingDeclared_ThenUndeclared', () => {
    expect(policy(PlainController, 'forgotten')).toEqual({ kind: 'undeclared' });
  });

  it('roles_WhenNoneGiven_ThenRefusedAtDecorationTime', () => {
    expect(() => Roles()).toThrow('@Roles() needs at least one role');
  });
});
