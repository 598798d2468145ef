// A place in the global log, comparable across adapters.
// PostgreSQL: commit = the appending transaction's xid8, prepare = the global sequence.
// EventStoreDB: its commit/prepare positions. In-memory: both equal the event's ordinal.
// Ordered by (commit, prepare); serialised as "commit-prepare" for headers and checkpoints.

export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const START_OF_LOG: null = null;

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** True when `a` is at or after `b`; a null `b` (start of log) is reached by anything. */
export function hasReached(a: LogPosition | null, b: LogPosition | null): boolean {
  if (b === null) return true;
  if (a === null) return false;
  return comparePositions(a, b) >= 0;
}

export function formatPosition(position: LogPosition): string {
  return `${position.commit}-${position.prepare}`;
}

const POSITION_PATTERN = /^(\d{1,20})-(\d{1,20})$/;

/** Parses "commit-prepare"; returns null for anything else (callers answer 400). */
export function parsePosition(text: string): LogPosition | null {
  const match = POSITION_PATTERN.exec(text);
  if (!match) return null;
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
