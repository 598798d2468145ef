// POST /v1/reconciliation/periods/:period/close (finance): closes the month once every statement
// line dated in it is matched or explained (422 FUNDING.PERIOD_HAS_OPEN_LINES with their ids
// otherwise) and the month is over. Closing a closed month answers the same closure again.
import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { EventMetadata, formatPosition } from '@lib/event-store';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { PeriodParamPipe } from '../../periods/period-param.pipe';
import { ClosePeriodCommand, PeriodClosureView } from './close-period.command';

@ApiTags('reconciliation')
@Controller('v1/reconciliation')
export class ClosePeriodController {
  constructor(private readonly commands: CommandBus) {}

  @Post('periods/:period/close')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: PeriodClosureView })
  @ApiUnprocessableEntityResponse({ description: 'Open lines (FUNDING.PERIOD_HAS_OPEN_LINES, details.openLineIds) or month not over (FUNDING.PERIOD_NOT_ENDED)' })
  @ApiConflictResponse({ description: 'A statement of the month is still being imported (FUNDING.STATEMENT_IMPORT_INCOMPLETE): retry or post the file again' })
  async closePeriod(
    @Param('period', PeriodParamPipe) period: string,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PeriodClosureView> {
    const { closure, position } = await this.commands.execute(new ClosePeriodCommand(period, metadata));
    if (position !== null) void reply.header('X-Log-Position', formatPosition(position));
    return closure;
  }
}
