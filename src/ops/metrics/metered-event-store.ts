// Decorates whichever EventStore adapter is configured with append counters for /metrics.
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  LogPosition,
  NewEvent,
  RecordedEvent,
  StreamRevision,
  SubscribeOptions,
  WrongExpectedRevision,
} from '@lib/event-store';
import { AppMetrics } from './app-metrics';

export class MeteredEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: AppMetrics,
  ) {}

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    try {
      const result = await this.inner.append(streamId, events, expectedRevision);
      this.metrics.recordAppend(streamId, 'ok', events.length);
      return result;
    } catch (error) {
      this.metrics.recordAppend(streamId, error instanceof WrongExpectedRevision ? 'conflict' : 'error', events.length);
      throw error;
    }
  }

  readStream(streamId: string, fromRevision?: StreamRevision, maxCount?: number): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, fromRevision, maxCount);
  }

  readAll(after: LogPosition | null, limit: number): Promise<RecordedEvent[]> {
    return this.inner.readAll(after, limit);
  }

  readAllFollowing(after: LogPosition | null, limit: number): Promise<RecordedEvent[]> {
    return this.inner.readAllFollowing(after, limit);
  }

  subscribe(after: LogPosition | null, options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return this.inner.subscribe(after, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
