// Group commit across streams: appends submitted while others are being written go together in
// ONE statement (append_to_streams), so a steady stream of appends to many different streams
// shares round trips and commits instead of paying one of each per append. A lone append, and any
// append the group could not settle, takes the single-append path (APPEND_ONE_SQL and its retries).
import type { Pool } from 'pg';
import { isUniqueViolation } from './append-conflicts';
import { AppendRow, AppendRowOutcome, expectation, PreparedAppend, readAppendRows } from './append-statements';
import { EVENT_ID_CONSTRAINT, STREAM_REVISION_CONSTRAINT } from './postgres-schema';

/** What the group did with an append: settled it, or left it for the single-append path. */
export type GroupedOutcome = AppendRowOutcome | { readonly kind: 'alone' };

interface Pending {
  readonly append: PreparedAppend;
  resolve(outcome: GroupedOutcome): void;
  reject(error: unknown): void;
}

interface GroupRow extends AppendRow {
  ordinal: number;
}

const GROUP_SQL = `
SELECT ordinal, appended, revision::text AS revision, commit_position::text AS commit_position, prepare_position::text AS prepare_position
FROM append_to_streams($1::jsonb)`;

export interface AppendGroupOptions {
  /** Group statements in flight at once (each holds a connection). */
  maxInFlight: number;
  /** Most appends in one statement. */
  maxAppends: number;
}

export class AppendGroup {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly pool: Pool,
    private readonly options: AppendGroupOptions,
  ) {}

  submit(append: PreparedAppend): Promise<GroupedOutcome> {
    return new Promise<GroupedOutcome>((resolve, reject) => {
      this.queue.push({ append, resolve, reject });
      this.schedule();
    });
  }

  /** Next turn of the event loop: what is submitted meanwhile (this turn's requests) joins. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.takeGroup();
      if (group.length === 1) {
        // Nothing to share a commit with: the single-append statement is cheaper.
        group[0].resolve({ kind: 'alone' });
        continue;
      }
      this.inFlight += 1;
      void this.write(group).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  /** Up to maxAppends queued appends, at most one per stream (two would compete for one revision). */
  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    const rest: Pending[] = [];
    const streams = new Set<string>();
    for (const pending of this.queue) {
      if (group.length < this.options.maxAppends && !streams.has(pending.append.streamId)) {
        streams.add(pending.append.streamId);
        group.push(pending);
      } else {
        rest.push(pending);
      }
    }
    this.queue = rest;
    return group;
  }

  private async write(group: Pending[]): Promise<void> {
    const payload = group.map(({ append }) => {
      const [kind, revision] = expectation(append.expectedRevision);
      return {
        stream: append.streamId,
        kind,
        revision,
        events: append.events.map((event) => ({ id: event.id, type: event.type, version: event.version, data: event.data, metadata: event.metadata })),
      };
    });
    let rows: GroupRow[];
    try {
      ({ rows } = await this.pool.query<GroupRow>({ name: 'event_store_append_group', text: GROUP_SQL, values: [JSON.stringify(payload)] }));
    } catch (error) {
      // A unique violation (a concurrent writer or a reused event id) undid the whole statement:
      // each append is tried alone, where those cases have their own answers.
      if (isUniqueViolation(error, STREAM_REVISION_CONSTRAINT) || isUniqueViolation(error, EVENT_ID_CONSTRAINT)) {
        for (const pending of group) pending.resolve({ kind: 'alone' });
        return;
      }
      for (const pending of group) pending.reject(error);
      return;
    }
    const answered = new Set<number>();
    for (const row of rows) {
      const pending = group[row.ordinal - 1];
      answered.add(row.ordinal);
      try {
        pending.resolve(readAppendRows([row]));
      } catch (error) {
        pending.reject(error);
      }
    }
    // Every append gets an answer, even should a row be missing.
    for (const [index, pending] of group.entries()) if (!answered.has(index + 1)) pending.resolve({ kind: 'alone' });
  }
}
