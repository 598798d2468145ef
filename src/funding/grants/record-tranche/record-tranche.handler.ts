// ReceiveTranche on grant-{id}, unless the tranche is dated in a closed period (422
// FUNDING.PERIOD_CLOSED). The same bank transfer sent again answers the tranche recorded before.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@lib/event-store';
import { newId } from '@lib/kernel';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { positionAfter } from '../../../registry/shared/command-position';
import { PeriodGuard } from '../../periods/period-guard';
import { parseBusinessDate } from '../../pools/business-date';
import { FundingStreams } from '../../pools/funding-streams';
import { grantStreamId } from '../../pools/funding-source';
import { grantDecider, trancheByBankRef } from '../grant.decider';
import { trancheViewOf } from '../grant.view';
import { RecordedTranche, RecordTrancheCommand } from './record-tranche.command';

@CommandHandler(RecordTrancheCommand)
export class RecordTrancheHandler implements ICommandHandler<RecordTrancheCommand, RecordedTranche> {
  constructor(
    private readonly streams: FundingStreams,
    private readonly periods: PeriodGuard,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async execute({ grantId, input, metadata }: RecordTrancheCommand): Promise<RecordedTranche> {
    const receivedAt = parseBusinessDate('receivedAt', input.receivedAt, metadata.occurredAt);
    await this.periods.assertOpen(receivedAt, 'receivedAt');
    const streamId = grantStreamId(grantId);
    const trancheId = newId();
    const result = await this.streams.decide(
      streamId,
      grantDecider,
      { type: 'ReceiveTranche', grantId, trancheId, amount: input.amount, receivedAt, bankRef: input.bankRef, now: metadata.occurredAt },
      metadata,
    );
    if (result.state.status !== 'registered') throw new Error('ReceiveTranche on an unregistered grant');
    const tranche = result.state.tranches.get(trancheId) ?? trancheByBankRef(result.state, input.bankRef.trim());
    if (tranche === undefined) throw new Error('ReceiveTranche recorded no tranche');
    return { tranche: trancheViewOf(grantId, tranche), position: await positionAfter(this.eventStore, streamId, result) };
  }
}
