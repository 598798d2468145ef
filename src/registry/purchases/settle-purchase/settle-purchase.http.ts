// POST /v1/purchases/:id/payments (finance): `{amount, receivedAt, bankRef}` → `settled`; the units
// are delivered to the buyer's holding. Wrong amount or currency → 422 REGISTRY.PAYMENT_MISMATCH.
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { EventMetadata, formatPosition } from '@lib/event-store';
import { Money } from '@lib/kernel';
import { IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { canonicalDateTime, ZONED_DATE_TIME } from '../date-time';
import { PaymentAmountRequest, PaymentAmountType } from '../money.view';
import { PurchaseView } from '../purchase.view';
import { InvalidPaymentDate } from '../purchases.errors';
import { SettlePurchaseCommand } from './settle-purchase.command';

/** Any printable text: bank references are printed on statements and reports. */
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]+$/;

export class RecordPaymentRequest {
  @ApiProperty({ type: PaymentAmountRequest, description: 'Must equal the invoiced amount and currency (R6)' })
  @IsObject()
  @ValidateNested()
  @PaymentAmountType()
  amount!: PaymentAmountRequest;

  @ApiProperty({ example: '2026-03-10T09:30:00Z', description: 'When the bank received it (ISO 8601 with zone)' })
  @IsString()
  @Matches(ZONED_DATE_TIME, { message: 'receivedAt must be an ISO 8601 date-time with a time zone, e.g. 2026-03-10T09:30:00Z' })
  receivedAt!: string;

  @ApiProperty({ example: 'BANK-2026-03-0042', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'bankRef must not contain control characters' })
  bankRef!: string;
}

@ApiTags('purchases')
@Controller('v1/purchases')
export class SettlePurchaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/payments')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: PurchaseView, description: 'Settled; the units now belong to the buyer' })
  @ApiNotFoundResponse({ description: 'No such purchase (REGISTRY.PURCHASE_NOT_FOUND)' })
  @ApiConflictResponse({ description: 'Not reserved any more: settled, cancelled or expired (REGISTRY.PURCHASE_NOT_RESERVED)' })
  @ApiUnprocessableEntityResponse({ description: 'Amount or currency differs from the invoice (REGISTRY.PAYMENT_MISMATCH)' })
  async recordPayment(
    @Param('id', UuidParamPipe) purchaseId: string,
    @Body() body: RecordPaymentRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PurchaseView> {
    const receivedAt = canonicalDateTime(body.receivedAt);
    if (receivedAt === null) throw new InvalidPaymentDate(body.receivedAt);
    const payment = { amount: Money.of(body.amount.currency, body.amount.value), receivedAt, bankRef: body.bankRef };
    const { purchase, position } = await this.commands.execute(new SettlePurchaseCommand(purchaseId, payment, metadata));
    void reply.header('X-Log-Position', formatPosition(position));
    return purchase;
  }
}
