// POST /v1/reconciliation/lines/:id/match (finance): exactly one of `{purchaseId}`,
// `{disbursementId}`, `{trancheId}` or `{explanation}`. The line must move exactly the record's
// amount, in its currency and direction (in for payments and tranches, out for disbursements).
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { EventMetadata, formatPosition } from '@lib/event-store';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { RequestValidationFailed } from '../../../ops/http/request.errors';
import { EXPLANATION_MAX_LENGTH } from '../statement.decider';
import { StatementLineView } from '../statement-line.view';
import { LineResolutionRequest, MatchLineCommand } from './match-line.command';

export class MatchLineRequest {
  @ApiPropertyOptional({ description: 'A purchase: its payment is recorded (and the purchase settled) if it still waits for one' })
  @IsOptional()
  @IsUUID('all')
  purchaseId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  disbursementId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  trancheId?: string;

  @ApiPropertyOptional({ example: 'Bank charges for March', maxLength: EXPLANATION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, EXPLANATION_MAX_LENGTH)
  explanation?: string;
}

const CHOICES = ['purchaseId', 'disbursementId', 'trancheId', 'explanation'] as const;

function resolutionOf(body: MatchLineRequest): LineResolutionRequest {
  const given = CHOICES.filter((field) => body[field] !== undefined);
  if (given.length !== 1) {
    throw new RequestValidationFailed({ body: [`give exactly one of ${CHOICES.join(', ')} (got ${given.length === 0 ? 'none' : given.join(', ')})`] });
  }
  if (body.purchaseId !== undefined) return { target: { kind: 'purchase', id: body.purchaseId.toLowerCase() } };
  if (body.disbursementId !== undefined) return { target: { kind: 'disbursement', id: body.disbursementId.toLowerCase() } };
  if (body.trancheId !== undefined) return { target: { kind: 'tranche', id: body.trancheId.toLowerCase() } };
  return { explanation: body.explanation as string };
}

@ApiTags('reconciliation')
@Controller('v1/reconciliation')
export class MatchLineController {
  constructor(private readonly commands: CommandBus) {}

  @Post('lines/:id/match')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: StatementLineView, description: 'Matched or explained (repeating the same match changes nothing)' })
  @ApiNotFoundResponse({ description: 'No such line (FUNDING.STATEMENT_LINE_NOT_FOUND) or record (FUNDING.MATCH_TARGET_NOT_FOUND)' })
  @ApiConflictResponse({ description: 'Line already matched otherwise or explained (FUNDING.LINE_ALREADY_RESOLVED); record already matched (FUNDING.TARGET_ALREADY_MATCHED)' })
  @ApiUnprocessableEntityResponse({ description: 'FUNDING.MATCH_AMOUNT_MISMATCH, MATCH_CURRENCY_MISMATCH, MATCH_WRONG_DIRECTION, PURCHASE_NOT_PAYABLE' })
  async matchLine(
    @Param('id', UuidParamPipe) lineId: string,
    @Body() body: MatchLineRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StatementLineView> {
    const { line, position } = await this.commands.execute(new MatchLineCommand(lineId, resolutionOf(body), metadata));
    if (position !== null) void reply.header('X-Log-Position', formatPosition(position));
    return line;
  }
}
