// POST /v1/webhooks (company): `{url, events}` → the endpoint and its signing secret, shown once.
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { formatPosition } from '@lib/event-store';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/access.decorators';
import type { Actor } from '../../auth/actor';
import { CommandMeta, CurrentActor } from '../../auth/request-params.decorators';
import { RedactOnReplay } from '../../idempotency/redact-on-replay.decorator';
import { WEBHOOK_URL_MAX_LENGTH } from '../webhook.decider';
import { WEBHOOK_EVENT_NAMES } from '../webhook.events';
import { CreatedWebhookView } from '../webhook.view';
import { RegisterWebhookCommand } from './register-webhook.command';

export class RegisterWebhookRequest {
  @ApiProperty({ example: 'https://erp.volta-cells.example/rcc-webhooks', maxLength: WEBHOOK_URL_MAX_LENGTH, description: 'http(s), no credentials' })
  @IsString()
  @Length(1, WEBHOOK_URL_MAX_LENGTH)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_NAMES, isArray: true, example: ['purchase.settled', 'retirement.completed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_NAMES.length)
  // Names are checked by the decider, which answers WEBHOOKS.INVALID_EVENTS with the known list.
  @IsString({ each: true })
  events!: string[];
}

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class RegisterWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('company')
  // The stored idempotent answer must not hold a usable secret: a replay shows `secret: null`.
  @RedactOnReplay('secret')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CreatedWebhookView, description: 'Deliveries are signed with `secret` (X-RCC-Signature)' })
  async register(
    @Body() body: RegisterWebhookRequest,
    @CurrentActor() actor: Actor,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedWebhookView> {
    if (actor.companyId === null) throw new Error('A company key without a company id passed the guard');
    const { webhook, secret, position } = await this.commands.execute(new RegisterWebhookCommand(actor.companyId, body, metadata));
    void reply.header('X-Log-Position', formatPosition(position)).header('Cache-Control', 'no-store');
    return { ...webhook, secret };
  }
}
