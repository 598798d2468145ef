// Finds the stream an allocation lives on (its source's: `site-funds-{siteId}` or `grant-{id}`),
// for commands that name an allocation by id. Allocation ids are plain UUIDs that encode nothing:
// the `funding_allocations` read model maps them, and this process remembers the ones it made or
// found. A missing row may only mean the projection is behind (the allocation was just made
// elsewhere), so the events the projection has not applied yet are searched too, and once more
// after waiting (bounded) for it to catch up, before answering 404.
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, LogPosition } from '@lib/event-store';
import { CheckpointStore, projectionConsumer } from '@lib/projections';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';
import { ProjectionsHost } from '../../ops/platform/projections-host';
import { FUNDING_PROJECTION, fundingLedgerProjection } from '../pools/funding-ledger/funding-ledger.projection';
import type { AllocationRecorded } from './allocation.events';
import { AllocationNotFound } from './allocations.errors';

/** Events read past the projection's checkpoint, at most: a bound on the work of one lookup. */
const TAIL_SCAN_LIMIT = 2_000;
const TAIL_PAGE = 500;
/** Allocations remembered in this process (an id never changes stream); cleared when full. */
const MAX_REMEMBERED = 10_000;

interface Lookup {
  streamId: string | null;
  /** Last event seen past the checkpoint: what the projection must reach before a second look. */
  tailEnd: LogPosition | null;
}

@Injectable()
export class AllocationDirectory {
  private readonly checkpoints: CheckpointStore;
  private readonly known = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly projections: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {
    this.checkpoints = new CheckpointStore(dataSource);
  }

  /** Records where an allocation this process just recorded lives. */
  remember(allocationId: string, streamId: string): void {
    if (this.known.size >= MAX_REMEMBERED) this.known.clear();
    this.known.set(allocationId, streamId);
  }

  /** The allocation's stream id; AllocationNotFound when no allocation has this id. */
  async streamOf(allocationId: string): Promise<string> {
    const known = this.known.get(allocationId);
    if (known !== undefined) return known;
    let found = await this.lookup(allocationId);
    if (found.streamId === null && found.tailEnd !== null) {
      // An event may also be held back from the tail while older transactions are open: look again
      // once the projection has applied what we saw.
      await this.projections.waitForPosition(found.tailEnd, this.projections.readWaitMs, [FUNDING_PROJECTION]);
      found = await this.lookup(allocationId);
    }
    if (found.streamId === null) throw new AllocationNotFound(allocationId);
    this.remember(allocationId, found.streamId);
    return found.streamId;
  }

  private async lookup(allocationId: string): Promise<Lookup> {
    // Checkpoint first: rows and checkpoint commit together, so a row missing after this read is
    // an event after this position, which the tail scan below then sees.
    const checkpoint = await this.checkpoints.load(projectionConsumer(FUNDING_PROJECTION));
    const rows: { stream_id: string }[] = await this.dataSource.query('SELECT stream_id FROM funding_allocations WHERE allocation_id = $1', [allocationId]);
    if (rows.length > 0) return { streamId: rows[0].stream_id, tailEnd: null };
    let after = checkpoint?.version === fundingLedgerProjection.version ? checkpoint.position : null;
    let tailEnd: LogPosition | null = null;
    for (let scanned = 0; scanned < TAIL_SCAN_LIMIT; ) {
      const page = await this.eventStore.readAll(after, TAIL_PAGE);
      for (const event of page) {
        if (event.type === 'AllocationRecorded' && (event.data as AllocationRecorded['data']).allocationId === allocationId) {
          return { streamId: event.streamId, tailEnd: null };
        }
      }
      if (page.length > 0) tailEnd = page[page.length - 1].position;
      if (page.length < TAIL_PAGE) break;
      scanned += page.length;
      after = tailEnd;
    }
    return { streamId: null, tailEnd };
  }
}
