// POST /v1/reconciliation/statements (finance): a bank statement as `text/csv`
// (`date,amount,currency,reference,counterparty`) → 201 with its lines and what auto-match did;
// 200 with `duplicate: true` when the same content was imported before. Any bad line → 400 with
// every bad line number and reason, and nothing imported.
import { Body, Controller, HttpCode, Post, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { EventMetadata, formatPosition } from '@lib/event-store';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { CSV_CONTENT_TYPE } from './csv-body-parser';
import { ImportStatementCommand } from './import-statement.command';
import { StatementView } from './statement.view';

const EXAMPLE = 'date,amount,currency,reference,counterparty\n2026-03-05,12000.00,USD,INV-KAM-2023-0001-00001,Volta Cells GmbH\n2026-03-06,-25000.00,EUR,DISB-2026-0001,CMDS cooperative\n';

@ApiTags('reconciliation')
@Controller('v1/reconciliation')
export class ImportStatementController {
  constructor(private readonly commands: CommandBus) {}

  @Post('statements')
  @HttpCode(201)
  @Roles('finance')
  @ApiConsumes(CSV_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', example: EXAMPLE }, description: 'Signed decimal amounts (negative: money out); no thousands separators' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: StatementView, description: 'Imported and auto-matched' })
  @ApiOkResponse({ type: StatementView, description: 'The same content was imported before (`duplicate: true`); auto-match ran again on open lines' })
  @ApiBadRequestResponse({ description: 'FUNDING.INVALID_STATEMENT with `details.problems: [{line, reasons}]`; nothing imported' })
  @ApiUnprocessableEntityResponse({ description: 'A line is dated in a closed period (FUNDING.PERIOD_CLOSED)' })
  async importStatement(
    @Body() body: unknown,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StatementView> {
    if (typeof body !== 'string') {
      throw new UnsupportedMediaTypeException({ code: 'FUNDING.STATEMENT_NOT_CSV', message: `Send the statement with Content-Type: ${CSV_CONTENT_TYPE}` });
    }
    const { statement, created, position } = await this.commands.execute(new ImportStatementCommand(body, metadata));
    if (!created) void reply.status(200);
    if (position !== null) void reply.header('X-Log-Position', formatPosition(position));
    return statement;
  }
}
