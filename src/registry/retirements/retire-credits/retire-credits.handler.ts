// batch-{id}: RetireCredits with a new retirement id; the batch mints the certificate number.
// R2: the company must hold enough units at append time; R3: retired units are held by no one, so
// they can never be transferred or retired again.
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { newId } from '@lib/kernel';
import { appendedEvent, BatchWriter } from '../../purchases/batch-writer';
import { retirementView } from '../retirement.view';
import { RetireCreditsCommand, RetiredCredits } from './retire-credits.command';

@CommandHandler(RetireCreditsCommand)
export class RetireCreditsHandler implements ICommandHandler<RetireCreditsCommand, RetiredCredits> {
  constructor(private readonly batches: BatchWriter) {}

  async execute({ input, metadata }: RetireCreditsCommand): Promise<RetiredCredits> {
    const { batchId, ...retirement } = input;
    const decision = await this.batches.decide(batchId, { type: 'RetireCredits', data: { retirementId: newId(), ...retirement, now: metadata.occurredAt } }, metadata);
    const retired = appendedEvent(decision, 'CreditsRetired');
    // A fresh retirement id is never a retry, so the retirement was appended.
    if (retired === null || decision.position === null) throw new Error('RetireCredits appended nothing');
    return { retirement: retirementView(retired.data, decision.state), position: decision.position };
  }
}
