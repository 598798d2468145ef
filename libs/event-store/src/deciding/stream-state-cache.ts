// An in-process cache of folded aggregate state per stream, keyed by the revision it reflects,
// so a hot stream is not re-read and re-folded from revision 0 on every command. States are
// immutable, so sharing them is safe; a stale entry only costs a conflict and a catch-up read.

export interface CachedState<State> {
  state: State;
  revision: number;
}

export class StreamStateCache {
  private readonly entries = new Map<string, CachedState<unknown>>();

  /** `capacity` bounds memory: least recently used streams are dropped first. */
  constructor(private readonly capacity = 1000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  get<State>(streamId: string): CachedState<State> | undefined {
    const entry = this.entries.get(streamId);
    if (entry === undefined) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry as CachedState<State>;
  }

  put<State>(streamId: string, revision: number, state: State): void {
    const current = this.entries.get(streamId);
    // Never move an entry backwards: a slower caller may finish after a faster one.
    if (current !== undefined && current.revision > revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, { state, revision });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
