// The write path of every marketplace command on a batch (reserve, settle, cancel, expire,
// transfer, retire): batch-{id} through a StreamCommandQueue (group commit per stream, bounded
// retries against other processes) with one state cache for all of them.
import { Inject, Injectable } from '@nestjs/common';
import { EventMetadata, EventStore, QueuedDecision, StreamCommandQueue, StreamStateCache } from '@lib/event-store';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';
import type { BatchCommand } from '../batches/batch.commands';
import { batchDecider } from '../batches/batch.decider';
import { BatchEvent, batchStreamId } from '../batches/batch.events';
import { BatchState, IssuedBatch } from '../batches/batch.state';

/** Folded batches kept in memory; a hot batch is then read from its last cached revision only. */
const CACHED_BATCHES = 1_000;

export type BatchDecision = QueuedDecision<IssuedBatch, BatchEvent>;

@Injectable()
export class BatchWriter {
  private readonly queue: StreamCommandQueue<BatchCommand, BatchState, BatchEvent>;

  constructor(@Inject(EVENT_STORE) eventStore: EventStore) {
    this.queue = new StreamCommandQueue(eventStore, batchDecider, { cache: new StreamStateCache(CACHED_BATCHES) });
  }

  /** Decides `command` on batch `batchId` and appends its events; resolves with the batch after them. */
  async decide(batchId: string, command: BatchCommand, metadata: EventMetadata): Promise<BatchDecision> {
    const decision = await this.queue.submit(batchStreamId(batchId), command, metadata);
    // The decider refuses every command but IssueBatch on an unissued batch, so this is a bug guard.
    if (decision.state.status !== 'issued') throw new Error(`Batch ${batchId} is not issued after ${command.type}`);
    return { ...decision, state: decision.state };
  }
}

/** The event of `type` a decision appended, if any (commands here append at most one event). */
export function appendedEvent<T extends BatchEvent['type']>(decision: BatchDecision, type: T): (BatchEvent & { type: T }) | null {
  const found = decision.events.find((event): event is BatchEvent & { type: T } => event.type === type);
  return found ?? null;
}
