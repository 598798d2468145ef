// Steps 2 and 3 of the issuance chain (DESIGN §3.2, registry design "Issuance"): after the
// milestone recorded `MilestoneCreditsIssued` (step 1, which holds every business rule), the site
// numbers the batch (`BatchNumberAssigned`) and the batch is issued (`BatchIssued`). Each step is
// a no-op when already done, so the HTTP handler and the completion reactor can both run it, even
// at the same time: optimistic concurrency lets one append and the other find it done.
import { Inject, Injectable } from '@nestjs/common';
import { decideOnStream, EventMetadata, EventStore, LogPosition } from '@lib/event-store';
import { Money, MoneyJson } from '@lib/kernel';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';
import { batchDecider } from '../batches/batch.decider';
import { batchStreamId } from '../batches/batch.events';
import type { IssuedBatch } from '../batches/batch.state';
import { positionAfter } from '../shared/command-position';
import { siteDecider } from '../sites/site.decider';
import { siteStreamId } from '../sites/site.events';

/** What step 1 recorded, plus the milestone's site. */
export interface RecordedIssuance {
  milestoneId: string;
  siteId: string;
  batchId: string;
  quantityKg: number;
  vintage: number;
  pricePerTonne: MoneyJson;
  /** Time of step 1: becomes the batch's `issuedAt`, so every run of step 3 decides the same event. */
  issuedAt: string;
}

export interface CompletedIssuance {
  batch: IssuedBatch;
  /** Position of the batch's `BatchIssued` (appended now or earlier). */
  position: LogPosition | null;
  /** True when this run appended anything (a step was missing). */
  appended: boolean;
}

/**
 * Steps 2–3 each touch one stream that others write too (a site numbers all its batches), so they
 * get more attempts than a request's own command: once step 1 is recorded they must land.
 */
const CHAIN_STEP_ATTEMPTS = 10;

@Injectable()
export class IssuanceChain {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async complete(issuance: RecordedIssuance, metadata: EventMetadata): Promise<CompletedIssuance> {
    const { milestoneId, siteId, batchId, vintage } = issuance;
    const numbered = await decideOnStream(
      this.eventStore,
      siteStreamId(siteId),
      siteDecider,
      { type: 'AssignBatchNumber', batchId, milestoneId, vintage },
      metadata,
      { maxAttempts: CHAIN_STEP_ATTEMPTS },
    );
    const assigned = numbered.state.status === 'registered' ? numbered.state.batchNumbers.get(batchId) : undefined;
    if (numbered.state.status !== 'registered' || assigned === undefined) throw new Error(`Site ${siteId} did not number batch ${batchId}`);

    const streamId = batchStreamId(batchId);
    const issued = await decideOnStream(
      this.eventStore,
      streamId,
      batchDecider,
      {
        type: 'IssueBatch',
        data: {
          batchId,
          siteId,
          siteCode: numbered.state.code,
          milestoneId,
          vintage,
          batchNo: assigned.batchNo,
          quantityKg: issuance.quantityKg,
          pricePerTonne: Money.fromJSON(issuance.pricePerTonne),
          now: issuance.issuedAt,
        },
      },
      metadata,
      { maxAttempts: CHAIN_STEP_ATTEMPTS },
    );
    if (issued.state.status !== 'issued') throw new Error(`Batch ${batchId} is not issued after IssueBatch`);
    return {
      batch: issued.state,
      position: await positionAfter(this.eventStore, streamId, issued),
      appended: numbered.events.length > 0 || issued.events.length > 0,
    };
  }
}
