// The effect of one settled purchase on the funding pools (DESIGN §3.2 reactor, R7): the net to
// `site-funds-{siteId}` (source credit_sales, in the purchase currency), the fee share to
// `programme-funds`. Both streams remember the purchase id, so running this again for the same
// settlement, after a crash between the two appends, a replay or a checkpoint reset, adds nothing
// twice and completes what is missing. The programme's fee is taken from the proceeds recorded on
// the site stream, so net + fee = gross holds across the two streams whatever happened in between.
import { Inject, Injectable } from '@nestjs/common';
import { EventMetadata, EventStore, RecordedEvent } from '@lib/event-store';
import { Clock, Money } from '@lib/kernel';
import { CLOCK } from '../../access/access.tokens';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';
import { BatchIssued, batchStreamId, PurchaseSettled } from '../../registry/batches/batch.events';
import { FundingSite, FundingSites } from '../pools/funding-sites';
import { FundingStreams } from '../pools/funding-streams';
import { PROGRAMME_FUNDS_STREAM, siteFundsStreamId } from '../pools/funding-source';
import { programmeFundsDecider } from '../pools/programme-funds.decider';
import { siteFundsDecider } from '../pools/site-funds.decider';

/** Batches remembered for their site (a batch never changes site); bounded, cleared when full. */
const MAX_REMEMBERED_BATCHES = 10_000;

/** A settlement whose batch or site cannot be read: retried (the reactor backs off), never skipped. */
export class ProceedsSourceMissing extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'ProceedsSourceMissing';
  }
}

@Injectable()
export class SaleProceeds {
  private readonly siteOfBatch = new Map<string, Promise<string>>();

  constructor(
    private readonly streams: FundingStreams,
    private readonly sites: FundingSites,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Credits each settlement (in log order). Their sites are read once per site, then every
   * settlement's commands are submitted together, so the funding streams' queues append a run of
   * them at once. Resolves when all are credited; rejects (after all have settled) if one failed.
   */
  async creditAll(settledEvents: readonly RecordedEvent[]): Promise<void> {
    // Each site of this run is read once (its fee share as recorded now), however many sales it has.
    const sites = new Map<string, Promise<FundingSite>>();
    const siteOf = async (batchId: string): Promise<FundingSite> => {
      const siteId = await this.siteIdOf(batchId);
      let site = sites.get(siteId);
      if (site === undefined) {
        site = this.sites.find(siteId).then((registered) => {
          if (registered === null) throw new ProceedsSourceMissing(`Site ${siteId} of batch ${batchId} is not registered`);
          return registered;
        });
        sites.set(siteId, site);
      }
      return site;
    };
    const credits = settledEvents.map(async (event) => {
      const settled = event.data as PurchaseSettled['data'];
      await this.credit(event, settled, await siteOf(settled.batchId));
    });
    const failed = (await Promise.allSettled(credits)).find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  private async credit(settledEvent: RecordedEvent, settled: PurchaseSettled['data'], site: FundingSite): Promise<void> {
    const metadata = reactorMetadata(settledEvent, this.clock);
    const common = { purchaseId: settled.purchaseId, batchId: settled.batchId, siteId: site.siteId, receivedAt: settled.payment.receivedAt, settledAt: settled.settledAt };
    const gross = Money.fromJSON(settled.amount);
    const { state } = await this.streams.decide(siteFundsStreamId(site.siteId), siteFundsDecider, { type: 'CreditProceeds', ...common, gross, feeBps: site.feeBps }, metadata);
    const credited = state.creditedPurchases.get(settled.purchaseId);
    if (credited === undefined) throw new Error(`Proceeds of purchase ${settled.purchaseId} were not credited`);
    await this.streams.decide(
      PROGRAMME_FUNDS_STREAM,
      programmeFundsDecider,
      { type: 'CreditProgrammeFee', ...common, gross: credited.gross, feeBps: credited.feeBps, fee: credited.fee },
      metadata,
    );
  }

  /** A batch's site, read once per batch (concurrent asks share the read; a failed read is forgotten). */
  private siteIdOf(batchId: string): Promise<string> {
    const known = this.siteOfBatch.get(batchId);
    if (known !== undefined) return known;
    if (this.siteOfBatch.size >= MAX_REMEMBERED_BATCHES) this.siteOfBatch.clear();
    const reading = this.readSiteId(batchId);
    this.siteOfBatch.set(batchId, reading);
    reading.catch(() => this.siteOfBatch.delete(batchId));
    return reading;
  }

  private async readSiteId(batchId: string): Promise<string> {
    // The first event of a batch stream is its issuance, which names the site (only it is read:
    // a busy batch has tens of thousands of events).
    const [first] = await this.eventStore.readStream(batchStreamId(batchId), 0, 1);
    if (first === undefined || first.type !== 'BatchIssued') throw new ProceedsSourceMissing(`Batch ${batchId} has no issuance`);
    return (first.data as BatchIssued['data']).siteId;
  }
}

/** Caused by the settlement (R9): no key acted, the settlement's correlation id is carried on. */
function reactorMetadata(cause: RecordedEvent, clock: Clock): EventMetadata {
  return {
    actorKeyId: null,
    actorRole: null,
    companyId: null,
    correlationId: cause.metadata.correlationId,
    causationId: cause.eventId,
    idempotencyKey: null,
    occurredAt: clock.now().toISOString(),
  };
}
