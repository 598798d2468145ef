// Checks the receiving company exists (its stream, not a read model: a company registered a moment
// ago must count), then TransferCredits on batch-{id} with a new transfer id. R2: the sender must
// hold enough units at append time; retired units are no longer held (R3).
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore, loadStream } from '@lib/event-store';
import { newId } from '@lib/kernel';
import { companyDecider } from '../../../access/companies/company.decider';
import { companyStreamId } from '../../../access/companies/company.events';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { appendedEvent, BatchWriter } from '../../purchases/batch-writer';
import { transferView } from '../transfer.view';
import { RecipientNotFound } from '../transfers.errors';
import { TransferCreditsCommand, TransferredCredits } from './transfer-credits.command';

@CommandHandler(TransferCreditsCommand)
export class TransferCreditsHandler implements ICommandHandler<TransferCreditsCommand, TransferredCredits> {
  constructor(
    private readonly batches: BatchWriter,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async execute({ input, metadata }: TransferCreditsCommand): Promise<TransferredCredits> {
    const recipient = await loadStream(this.eventStore, companyStreamId(input.toCompanyId), companyDecider);
    if (recipient.state.status !== 'registered') throw new RecipientNotFound(input.toCompanyId);
    const decision = await this.batches.decide(
      input.batchId,
      {
        type: 'TransferCredits',
        data: { transferId: newId(), fromCompanyId: input.fromCompanyId, toCompanyId: input.toCompanyId, quantityKg: input.quantityKg, now: metadata.occurredAt },
      },
      metadata,
    );
    const transferred = appendedEvent(decision, 'CreditsTransferred');
    // A fresh transfer id is never a retry, so the transfer was appended.
    if (transferred === null || decision.position === null) throw new Error('TransferCredits appended nothing');
    return { transfer: transferView(transferred.data, decision.state), position: decision.position };
  }
}
