// RecordDisbursement on the allocation's stream, where "disbursed ≤ allocated" (R7) is decided
// under optimistic concurrency; refused when dated in a closed period (422 FUNDING.PERIOD_CLOSED).
// The same bank transfer sent again answers the disbursement recorded before.
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { newId } from '@lib/kernel';
import { AllocationDirectory } from '../../allocations/allocation-directory';
import { AllocationStreams } from '../../allocations/allocation-streams';
import { allocationViewOf } from '../../allocations/allocation.view';
import { AllocationNotFound } from '../../allocations/allocations.errors';
import { PeriodGuard } from '../../periods/period-guard';
import { parseBusinessDate } from '../../pools/business-date';
import { disbursementByBankRef } from '../disbursement-decision';
import { disbursementViewOf } from '../disbursement.view';
import { RecordDisbursementCommand, RecordedDisbursement } from './record-disbursement.command';

@CommandHandler(RecordDisbursementCommand)
export class RecordDisbursementHandler implements ICommandHandler<RecordDisbursementCommand, RecordedDisbursement> {
  constructor(
    private readonly directory: AllocationDirectory,
    private readonly allocations: AllocationStreams,
    private readonly periods: PeriodGuard,
  ) {}

  async execute({ allocationId, input, metadata }: RecordDisbursementCommand): Promise<RecordedDisbursement> {
    const paidAt = parseBusinessDate('paidAt', input.paidAt, metadata.occurredAt);
    const streamId = await this.directory.streamOf(allocationId);
    await this.periods.assertOpen(paidAt, 'paidAt');
    const disbursementId = newId();
    const outcome = await this.allocations.decide(
      streamId,
      { type: 'RecordDisbursement', disbursementId, allocationId, amount: input.amount, paidAt, payee: input.payee, bankRef: input.bankRef, now: metadata.occurredAt },
      metadata,
    );
    const entry = outcome.book.get(allocationId);
    if (entry === undefined) throw new AllocationNotFound(allocationId);
    const disbursement = entry.disbursements.get(disbursementId) ?? disbursementByBankRef(entry.disbursements, input.bankRef.trim());
    if (disbursement === undefined) throw new Error('RecordDisbursement recorded nothing');
    return { disbursement: { ...disbursementViewOf(allocationId, disbursement), allocation: allocationViewOf(entry) }, position: outcome.position };
  }
}
