// Finds the stream an allocation lives on (its source's: `site-funds-{siteId}` or `grant-{id}`),
// for commands that name an allocation by id. Allocation ids are plain UUIDs that encode nothing:
// the `funding_allocations` read model maps them. A missing row may only mean the projection is
// behind (the allocation was just made), so the events the projection has not applied yet are
// searched too, bounded, before answering 404.
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@lib/event-store';
import { CheckpointStore, projectionConsumer } from '@lib/projections';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';
import { FUNDING_PROJECTION, fundingLedgerProjection } from '../pools/funding-ledger/funding-ledger.projection';
import type { AllocationRecorded } from './allocation.events';
import { AllocationNotFound } from './allocations.errors';

/** Events read past the projection's checkpoint, at most: a bound on the work of one lookup. */
const TAIL_SCAN_LIMIT = 2_000;
const TAIL_PAGE = 500;

@Injectable()
export class AllocationDirectory {
  private readonly checkpoints: CheckpointStore;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {
    this.checkpoints = new CheckpointStore(dataSource);
  }

  /** The allocation's stream id; AllocationNotFound when no allocation has this id. */
  async streamOf(allocationId: string): Promise<string> {
    const rows: { stream_id: string }[] = await this.dataSource.query('SELECT stream_id FROM funding_allocations WHERE allocation_id = $1', [allocationId]);
    if (rows.length > 0) return rows[0].stream_id;
    const fromTail = await this.searchUnprojectedTail(allocationId);
    if (fromTail === null) throw new AllocationNotFound(allocationId);
    return fromTail;
  }

  private async searchUnprojectedTail(allocationId: string): Promise<string | null> {
    const checkpoint = await this.checkpoints.load(projectionConsumer(FUNDING_PROJECTION));
    let after = checkpoint?.version === fundingLedgerProjection.version ? checkpoint.position : null;
    for (let scanned = 0; scanned < TAIL_SCAN_LIMIT; ) {
      const page = await this.eventStore.readAll(after, TAIL_PAGE);
      for (const event of page) {
        if (event.type === 'AllocationRecorded' && (event.data as AllocationRecorded['data']).allocationId === allocationId) return event.streamId;
      }
      if (page.length < TAIL_PAGE) return null;
      scanned += page.length;
      after = page[page.length - 1].position;
    }
    return null;
  }
}
