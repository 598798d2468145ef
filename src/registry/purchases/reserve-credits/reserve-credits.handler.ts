// batch-{id}: ReserveCredits with a new purchase id (UUID v7) and `reservedUntil` = now + TTL.
// R2 is decided inside the batch stream: enough units must be available at append time.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { newId } from '@lib/kernel';
import { appendedEvent, BatchWriter } from '../batch-writer';
import { MARKET_CONFIG, MarketConfig } from '../market-config';
import { reservedPurchaseView } from '../purchase.view';
import { ReserveCreditsCommand, ReservedPurchase } from './reserve-credits.command';

@CommandHandler(ReserveCreditsCommand)
export class ReserveCreditsHandler implements ICommandHandler<ReserveCreditsCommand, ReservedPurchase> {
  constructor(
    private readonly batches: BatchWriter,
    @Inject(MARKET_CONFIG) private readonly config: MarketConfig,
  ) {}

  async execute({ input, metadata }: ReserveCreditsCommand): Promise<ReservedPurchase> {
    const purchaseId = newId();
    const now = metadata.occurredAt;
    const reservedUntil = new Date(Date.parse(now) + this.config.reservationTtlSeconds * 1000).toISOString();
    const decision = await this.batches.decide(
      input.batchId,
      { type: 'ReserveCredits', data: { purchaseId, companyId: input.companyId, quantityKg: input.quantityKg, reservedUntil, now } },
      metadata,
    );
    const reserved = appendedEvent(decision, 'CreditsReserved');
    // A fresh purchase id is never a retry, so the reservation was appended.
    if (reserved === null || decision.position === null) throw new Error('ReserveCredits appended nothing');
    return { purchase: reservedPurchaseView(reserved.data, decision.state), position: decision.position };
  }
}
