// The log position a command response carries in `X-Log-Position` (read-your-writes, DESIGN §3.4).
// A command that appended returns its own position; a no-op (a retry of something already done)
// answers with the position of the stream's last event, so `?minPosition=` still waits for the
// state the response describes.
import { EventStore, formatPosition, LogPosition } from '@lib/event-store';

export interface CommandOutcome {
  position: LogPosition | null;
  /** Revision of the stream after the command (-1: the stream is empty). */
  revision: number;
}

export async function positionAfter(store: EventStore, streamId: string, outcome: CommandOutcome): Promise<LogPosition | null> {
  if (outcome.position !== null) return outcome.position;
  if (outcome.revision < 0) return null;
  const [last] = await store.readStream(streamId, outcome.revision);
  return last?.position ?? null;
}

/** The later of two positions (null is the start of the log). */
export function laterPosition(a: LogPosition | null, b: LogPosition | null): LogPosition | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.commit !== b.commit) return a.commit > b.commit ? a : b;
  return a.prepare >= b.prepare ? a : b;
}

/** Header value, or undefined when there is no position to report. */
export function positionHeader(position: LogPosition | null): string | undefined {
  return position === null ? undefined : formatPosition(position);
}
