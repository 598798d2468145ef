// DELETE /v1/api-keys/:id (admin): revoke; the key answers 401 from now on.
import { Controller, Delete, HttpCode, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { formatPosition } from '@lib/event-store';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/access.decorators';
import { CommandMeta } from '../../auth/request-params.decorators';
import { UuidParamPipe } from '../../http/uuid-param.pipe';
import { ApiKeyView } from '../api-key.view';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

@ApiTags('api-keys')
@Controller('v1/api-keys')
export class RevokeApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @HttpCode(200)
  @Roles('admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: ApiKeyView, description: 'Revoked (also when it already was)' })
  @ApiNotFoundResponse({ description: 'No such key (ACCESS.API_KEY_NOT_FOUND)' })
  async revoke(
    @Param('id', UuidParamPipe) keyId: string,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyView> {
    const { view, position } = await this.commands.execute(new RevokeApiKeyCommand(keyId, metadata));
    if (position !== null) void reply.header('X-Log-Position', formatPosition(position));
    return view;
  }
}
