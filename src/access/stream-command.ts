// Runs one command against one event-sourced stream (DESIGN §3.2): load, fold, decide, append with
// the expected revision; on a concurrency conflict reload and decide again, a bounded number of times.
import { EventMetadata, EventStore, LogPosition, RecordedEvent, StreamNotFound, StreamRevision, WrongExpectedRevision } from '@lib/event-store';
import { Decider, foldEvents } from '@lib/kernel';

/** A decider's event: its type and data; the envelope (metadata, ids, positions) is the store's. */
export interface DomainEvent {
  type: string;
  data: unknown;
}

export interface StreamCommandResult<State, Event> {
  /** State after the new events. */
  state: State;
  /** What this run appended (empty when the command changed nothing). */
  events: Event[];
  /** Log position of the last appended event, or of the stream's last event when nothing was appended. */
  position: LogPosition | null;
}

/** Five tries with jitter: enough for bursts on one stream; after that the caller answers 409. */
const MAX_ATTEMPTS = 5;

export async function loadStream(eventStore: EventStore, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await eventStore.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

export function foldRecorded<State, Event extends DomainEvent>(decider: Decider<unknown, State, Event>, recorded: readonly RecordedEvent[]): State {
  // The decider's evolve ignores event types it does not know, so a plain cast is safe here.
  return foldEvents(decider, recorded.map((event) => ({ type: event.type, data: event.data }) as Event));
}

export async function runStreamCommand<Command, State, Event extends DomainEvent>(
  eventStore: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  metadata: EventMetadata,
): Promise<StreamCommandResult<State, Event>> {
  for (let attempt = 1; ; attempt += 1) {
    const recorded = await loadStream(eventStore, streamId);
    const state = foldRecorded(decider as Decider<unknown, State, Event>, recorded);
    const events = decider.decide(command, state);
    const last = recorded.at(-1);
    if (events.length === 0) return { state, events, position: last?.position ?? null };
    const expected: StreamRevision | 'no_stream' = last === undefined ? 'no_stream' : last.streamRevision;
    try {
      const result = await eventStore.append(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data, metadata })),
        expected,
      );
      return { state: foldEvents(decider, events, state), events, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
