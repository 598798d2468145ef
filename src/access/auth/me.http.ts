// GET /v1/me (any key): who the caller is, as the API sees it.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { NoQueryParamsPipe } from '../http/no-query.pipe';
import { AnyRole } from './access.decorators';
import { Actor, Role, ROLES } from './actor';
import { CurrentActor } from './request-params.decorators';

export class MeView {
  @ApiProperty({ format: 'uuid' })
  keyId!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  companyId!: string | null;
}

@ApiTags('access')
@Controller('v1/me')
export class MeController {
  @Get()
  @AnyRole()
  @ApiOkResponse({ type: MeView })
  me(@CurrentActor() actor: Actor, @Query(NoQueryParamsPipe) _query: Record<string, never>): MeView {
    return { keyId: actor.keyId, role: actor.role, companyId: actor.companyId };
  }
}
