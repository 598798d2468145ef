// Reservation expiry (DESIGN §3.5): the job dispatcher turns every `CreditsReserved` into a
// delayed job on the `reservations` queue, due at `reservedUntil`, whose id is the event id (so a
// re-dispatch never doubles it). The worker sends ExpireReservation to the batch: a purchase that
// was settled or cancelled meanwhile makes it a no-op; one not yet due (the job ran early) fails
// the attempt so BullMQ retries it later.
import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata, RecordedEvent } from '@lib/event-store';
import type { JobSpec, QueuedJob } from '@lib/jobs';
import { Clock, isDomainError } from '@lib/kernel';
import type { Logger } from 'pino';
import { CLOCK } from '../../../access/access.tokens';
import { JobCatalog } from '../../../ops/platform/job-catalog';
import { APP_LOGGER } from '../../../ops/platform/platform.tokens';
import { ReservationNotDue } from '../../batches/batch.errors';
import type { CreditsReserved } from '../../batches/batch.events';
import { BatchWriter } from '../batch-writer';

export const RESERVATIONS_QUEUE = 'reservations';
export const EXPIRE_RESERVATION_JOB = 'expire-reservation';

export interface ExpireReservationJobData {
  batchId: string;
  purchaseId: string;
  /** Of the request that reserved: the expiry belongs to the same story (R9). */
  correlationId: string;
}

/** Pure, as routes must be: the same event always yields the same job. */
export function expireReservationRoute(event: RecordedEvent): readonly JobSpec[] {
  const data = event.data as CreditsReserved['data'];
  const job: ExpireReservationJobData = { batchId: data.batchId, purchaseId: data.purchaseId, correlationId: event.metadata.correlationId };
  return [{ queue: RESERVATIONS_QUEUE, name: EXPIRE_RESERVATION_JOB, data: job, runAt: new Date(data.reservedUntil) }];
}

/**
 * More tries than the default, starting at 1 s: an expiry must eventually happen even across a
 * long outage, or the units stay reserved. 20 exponential tries span about two weeks.
 */
const EXPIRY_POLICY = { attempts: 20, backoffDelayMs: 1_000 };

@Injectable()
export class ReservationExpiryJobs {
  private readonly logger: Logger;

  constructor(
    catalog: JobCatalog,
    private readonly batches: BatchWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'reservation-expiry' });
    catalog.registerRoutes({ CreditsReserved: expireReservationRoute });
    catalog.registerProcessor({ queue: RESERVATIONS_QUEUE, process: (job) => this.expire(job as QueuedJob<ExpireReservationJobData>) }, EXPIRY_POLICY);
  }

  async expire(job: QueuedJob<ExpireReservationJobData>): Promise<void> {
    const { batchId, purchaseId, correlationId } = job.data;
    const now = this.clock.now().toISOString();
    const metadata: EventMetadata = {
      actorKeyId: null,
      actorRole: null,
      companyId: null,
      correlationId,
      // The job id is the CreditsReserved event id: the expiry was caused by that reservation.
      causationId: job.id ?? null,
      idempotencyKey: null,
      occurredAt: now,
    };
    try {
      const decision = await this.batches.decide(batchId, { type: 'ExpireReservation', data: { purchaseId, now } }, metadata);
      if (decision.events.length > 0) this.logger.info({ batchId, purchaseId }, 'reservation expired');
    } catch (error) {
      // Not due yet: fail the attempt, BullMQ retries with backoff. Other refusals will never change.
      if (error instanceof ReservationNotDue || !isDomainError(error)) throw error;
      this.logger.warn({ batchId, purchaseId, code: error.code }, 'reservation expiry refused; nothing to retry');
    }
  }
}
