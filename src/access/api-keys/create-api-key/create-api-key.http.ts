// POST /v1/api-keys (admin): `{role, companyId?, label, expiresAt?}` → the key, shown once.
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { formatPosition } from '@lib/event-store';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/access.decorators';
import { Role, ROLES } from '../../auth/actor';
import { CommandMeta } from '../../auth/request-params.decorators';
import { RedactOnReplay } from '../../idempotency/redact-on-replay.decorator';
import { KEY_LABEL_MAX_LENGTH } from '../api-key.decider';
import { CreatedApiKeyView } from '../api-key.view';
import { CreateApiKeyCommand } from './create-api-key.command';

export class CreateApiKeyRequest {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for role "company"; forbidden for staff roles' })
  @IsOptional()
  @IsUUID()
  companyId?: string;

  @ApiProperty({ example: 'finance laptop', maxLength: KEY_LABEL_MAX_LENGTH })
  @IsString()
  @Length(1, KEY_LABEL_MAX_LENGTH)
  label!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'After this instant the key is refused (401)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

@ApiTags('api-keys')
@Controller('v1/api-keys')
export class CreateApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  // The stored idempotent answer must not hold a usable credential: a replay shows `key: null`.
  @RedactOnReplay('key')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  async create(
    @Body() body: CreateApiKeyRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedApiKeyView> {
    const expiresAt = body.expiresAt === undefined ? null : new Date(body.expiresAt).toISOString();
    const { view, token, position } = await this.commands.execute(
      new CreateApiKeyCommand({ role: body.role, companyId: body.companyId?.toLowerCase() ?? null, label: body.label, expiresAt }, metadata),
    );
    void reply.header('X-Log-Position', formatPosition(position)).header('Cache-Control', 'no-store');
    return { ...view, key: token };
  }
}
