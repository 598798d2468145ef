// POST /v1/companies (admin, operator): register a downstream company `{name, country, lei?}`.
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { formatPosition } from '@lib/event-store';
import { IsISO31661Alpha2, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/access.decorators';
import { CommandMeta } from '../../auth/request-params.decorators';
import { CompanyView } from '../company.view';
import { COMPANY_NAME_MAX_LENGTH } from '../company.decider';
import { RegisterCompanyCommand } from './register-company.command';

export class RegisterCompanyRequest {
  @ApiProperty({ example: 'Volta Cells GmbH', maxLength: COMPANY_NAME_MAX_LENGTH })
  @IsString()
  @Length(1, COMPANY_NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2, upper case' })
  @IsString()
  @IsISO31661Alpha2()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be upper case' })
  country!: string;

  @ApiPropertyOptional({ example: '7LTWFZYICNSX8D621K86', description: 'ISO 17442 Legal Entity Identifier' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Z]{18}[0-9]{2}$/, { message: 'lei must be 20 upper-case letters and digits ending in 2 check digits' })
  lei?: string;
}

@ApiTags('companies')
@Controller('v1/companies')
export class RegisterCompanyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('admin', 'operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CompanyView, description: 'Registered; `X-Log-Position` tells GETs how far to wait (`?minPosition=`)' })
  async register(
    @Body() body: RegisterCompanyRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanyView> {
    const { company, position } = await this.commands.execute(
      new RegisterCompanyCommand({ name: body.name, country: body.country, lei: body.lei ?? null }, metadata),
    );
    void reply.header('X-Log-Position', formatPosition(position)).header('Location', `/v1/companies/${company.id}`);
    return company;
  }
}
