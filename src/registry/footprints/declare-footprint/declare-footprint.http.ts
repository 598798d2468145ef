// PUT /v1/companies/:id/footprints/:year (that company): `{cobaltKg}` declares or replaces the
// year's footprint. Another company's id answers 404 (R11); staff do not declare for companies.
import { Body, Controller, HttpCode, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { EventMetadata, formatPosition } from '@lib/event-store';
import { IsInt, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import type { Actor } from '../../../access/auth/actor';
import { canSeeCompanyObject } from '../../../access/auth/ownership';
import { CommandMeta, CurrentActor } from '../../../access/auth/request-params.decorators';
import { CompanyNotFound } from '../../../access/companies/companies.errors';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { footprintYearOf } from '../footprint-year';
import { FootprintView } from '../footprint.view';
import { DeclareFootprintCommand } from './declare-footprint.command';

export class DeclareFootprintRequest {
  @ApiProperty({ example: 2500, description: 'Cobalt in the company’s products that year, whole kilograms' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  cobaltKg!: number;
}

@ApiTags('footprints')
@Controller('v1/companies')
export class DeclareFootprintController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/footprints/:year')
  @HttpCode(200)
  @Roles('company')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: FootprintView, description: 'Declared (or unchanged); `X-Log-Position` when something was recorded' })
  @ApiNotFoundResponse({ description: 'Not your company (ACCESS.COMPANY_NOT_FOUND)' })
  async declare(
    @Param('id', UuidParamPipe) companyId: string,
    @Param('year') yearText: string,
    @Body() body: DeclareFootprintRequest,
    @CurrentActor() actor: Actor,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FootprintView> {
    if (!canSeeCompanyObject(actor, companyId)) throw new CompanyNotFound();
    const year = footprintYearOf(yearText);
    const { footprint, position } = await this.commands.execute(new DeclareFootprintCommand({ companyId, year, cobaltKg: body.cobaltKg }, metadata));
    if (position !== null) void reply.header('X-Log-Position', formatPosition(position));
    return footprint;
  }
}
