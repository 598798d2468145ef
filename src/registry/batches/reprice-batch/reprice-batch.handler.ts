// batch-{id}: decide RepriceBatch (same currency, positive; the same price again is a no-op) and
// answer from the new state.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOnStream, EventStore } from '@lib/event-store';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { positionAfter } from '../../shared/command-position';
import { batchDecider } from '../batch.decider';
import { BatchNotFound } from '../batch.errors';
import { batchStreamId } from '../batch.events';
import { batchViewOf } from '../batch.view';
import { RepriceBatchCommand, RepricedBatch } from './reprice-batch.command';

@CommandHandler(RepriceBatchCommand)
export class RepriceBatchHandler implements ICommandHandler<RepriceBatchCommand, RepricedBatch> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ batchId, pricePerTonne, metadata }: RepriceBatchCommand): Promise<RepricedBatch> {
    const streamId = batchStreamId(batchId);
    const command = { type: 'RepriceBatch' as const, data: { pricePerTonne, now: metadata.occurredAt } };
    const result = await decideOnStream(this.eventStore, streamId, batchDecider, command, metadata).catch((error: unknown) => {
      // The decider does not know the id it was asked about; the answer should name it.
      throw error instanceof BatchNotFound ? new BatchNotFound(batchId) : error;
    });
    if (result.state.status !== 'issued') throw new BatchNotFound(batchId);
    return { batch: batchViewOf(result.state), position: await positionAfter(this.eventStore, streamId, result) };
  }
}
