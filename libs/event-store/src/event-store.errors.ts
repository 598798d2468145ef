// Typed failures of the EventStore port. They carry stable codes so the HTTP layer can map them.
import type { ExpectedRevision } from './event-store.port';

export class WrongExpectedRevision extends Error {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId} is at ${String(actual)}, expected ${String(expected)}`);
    this.name = 'WrongExpectedRevision';
  }
}

export class StreamNotFound extends Error {
  readonly code = 'EVENT_STORE.STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
    this.name = 'StreamNotFound';
  }
}

/** An event id already stored elsewhere than as an exact retry of the same append. */
export class DuplicateEventId extends Error {
  readonly code = 'EVENT_STORE.DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`Event ${eventId} is already stored in another position`);
    this.name = 'DuplicateEventId';
  }
}
