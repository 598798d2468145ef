// POST /v1/sites (operator): register a mine site `{code, name, cooperative, province, country, feeBps?}`.
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { formatPosition } from '@lib/event-store';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { MAX_FEE_BPS, SITE_TEXT_MAX_LENGTH } from '../site.decider';
import { SiteView } from '../site.view';
import { RegisterSiteCommand } from './register-site.command';

export class RegisterSiteRequest {
  @ApiProperty({ example: 'KAM', description: '2 to 8 upper-case letters or digits; unique; used in serial numbers' })
  @IsString()
  @Length(2, 8)
  code!: string;

  @ApiProperty({ example: 'Kamilombe', maxLength: SITE_TEXT_MAX_LENGTH })
  @IsString()
  @Length(1, SITE_TEXT_MAX_LENGTH)
  name!: string;

  @ApiProperty({ example: 'CMDS', maxLength: SITE_TEXT_MAX_LENGTH })
  @IsString()
  @Length(1, SITE_TEXT_MAX_LENGTH)
  cooperative!: string;

  @ApiProperty({ example: 'Lualaba', maxLength: SITE_TEXT_MAX_LENGTH })
  @IsString()
  @Length(1, SITE_TEXT_MAX_LENGTH)
  province!: string;

  @ApiProperty({ example: 'CD', description: 'ISO 3166-1 alpha-2, upper case' })
  @IsString()
  @Length(2, 2)
  country!: string;

  @ApiPropertyOptional({ example: 0, minimum: 0, maximum: MAX_FEE_BPS, default: 0, description: 'Registry fee in basis points' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEE_BPS)
  feeBps?: number;
}

@ApiTags('sites')
@Controller('v1/sites')
export class RegisterSiteController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: SiteView, description: 'Registered; `X-Log-Position` tells GETs how far to wait (`?minPosition=`)' })
  @ApiConflictResponse({ description: 'The code is taken (REGISTRY.SITE_CODE_TAKEN)' })
  async register(
    @Body() body: RegisterSiteRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SiteView> {
    const { site, position } = await this.commands.execute(new RegisterSiteCommand({ ...body, feeBps: body.feeBps ?? 0 }, metadata));
    void reply.header('X-Log-Position', formatPosition(position)).header('Location', `/v1/sites/${site.id}`);
    return site;
  }
}
