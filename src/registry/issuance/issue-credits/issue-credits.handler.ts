// The issuance chain, run synchronously for the answer: (1) milestone-{id} records the issuance
// under R4, (2)–(3) the site numbers the batch and the batch is issued (IssuanceChain). If the
// process dies after (1), the issuance completion reactor finishes (2)–(3).
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventMetadata, EventStore } from '@lib/event-store';
import { deterministicId, newId } from '@lib/kernel';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { batchViewOf } from '../../batches/batch.view';
import { decideOnMilestone } from '../../milestones/milestone-outcome';
import { laterPosition } from '../../shared/command-position';
import { IssuanceChain } from '../issuance-chain';
import { IssueCreditsCommand, IssuedCredits } from './issue-credits.command';

@CommandHandler(IssueCreditsCommand)
export class IssueCreditsHandler implements ICommandHandler<IssueCreditsCommand, IssuedCredits> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly chain: IssuanceChain,
  ) {}

  async execute({ milestoneId, input, metadata }: IssueCreditsCommand): Promise<IssuedCredits> {
    const batchId = issuanceBatchId(milestoneId, metadata);
    const { state, outcome } = await decideOnMilestone(
      this.eventStore,
      milestoneId,
      { type: 'IssueCredits', data: { batchId, ...input, now: metadata.occurredAt } },
      metadata,
    );
    const issuance = state.status === 'verified' ? state.issuances.get(batchId) : undefined;
    if (issuance === undefined) throw new Error(`Milestone ${milestoneId} holds no issuance ${batchId} after IssueCredits`);
    const completed = await this.chain.complete({ milestoneId, siteId: state.siteId, ...issuance }, metadata);
    return { batch: batchViewOf(completed.batch), position: laterPosition(outcome.position, completed.position) };
  }
}

/**
 * A new batch id per issuance, except under an Idempotency-Key: a retry of a request that failed
 * after step 1 (a 5xx or a lost race, which the key does not replay) then continues the same
 * issuance instead of starting a second one.
 */
export function issuanceBatchId(milestoneId: string, metadata: Pick<EventMetadata, 'actorKeyId' | 'idempotencyKey'>): string {
  const { idempotencyKey, actorKeyId } = metadata;
  if (idempotencyKey === undefined || idempotencyKey === null || actorKeyId === null) return newId();
  return deterministicId('issuance', `${milestoneId}:${actorKeyId}:${idempotencyKey}`);
}
