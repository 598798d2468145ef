// The issuance completion reactor: for every `MilestoneCreditsIssued` whose batch is missing (the
// process died between step 1 and steps 2–3 of the chain), it runs the rest of the chain. It is a
// Projection so the runner gives it a checkpoint, one active instance (advisory lock), retries and
// `projections:rebuild issuance-completion`, which re-checks every issuance from the start of the
// log. Every step is a no-op when done, so a replay or a race with the HTTP handler adds nothing.
import type { EventMetadata, EventStore, RecordedEvent } from '@lib/event-store';
import { loadStream } from '@lib/event-store';
import { Clock, isDomainError } from '@lib/kernel';
import type { Projection, ProjectionContext } from '@lib/projections';
import type { Logger } from 'pino';
import { batchDecider } from '../../batches/batch.decider';
import { batchStreamId } from '../../batches/batch.events';
import type { MilestoneCreditsIssued } from '../../milestones/milestone.events';
import { milestoneDecider } from '../../milestones/milestone.decider';
import { milestoneStreamId } from '../../milestones/milestone.events';
import type { IssuanceChain } from '../issuance-chain';

export const ISSUANCE_COMPLETION_PROJECTION = 'issuance-completion';

export interface IssuanceCompletionDeps {
  eventStore: EventStore;
  chain: IssuanceChain;
  clock: Clock;
  logger: Logger;
}

type Outcome = { outcome: 'complete'; byReactor: boolean } | { outcome: 'failed'; errorCode: string };

export function issuanceCompletionProjection(deps: IssuanceCompletionDeps): Projection {
  return {
    name: ISSUANCE_COMPLETION_PROJECTION,
    version: 1,
    tables: ['issuance_completions'],
    eventTypes: ['MilestoneCreditsIssued'],
    async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
      for (const event of events) {
        if (event.type !== 'MilestoneCreditsIssued') continue;
        const data = event.data as MilestoneCreditsIssued['data'];
        const result = await completeIssuance(event, data, deps);
        await context.query(
          `INSERT INTO ${context.table('issuance_completions')} (batch_id, milestone_id, outcome, completed_by_reactor, error_code, checked_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (batch_id) DO UPDATE SET outcome = EXCLUDED.outcome, completed_by_reactor = EXCLUDED.completed_by_reactor,
             error_code = EXCLUDED.error_code, checked_at = EXCLUDED.checked_at`,
          [
            data.batchId,
            data.milestoneId,
            result.outcome,
            result.outcome === 'complete' && result.byReactor,
            result.outcome === 'failed' ? result.errorCode : null,
            deps.clock.now().toISOString(),
          ],
        );
      }
    },
  };
}

async function completeIssuance(event: RecordedEvent, data: MilestoneCreditsIssued['data'], deps: IssuanceCompletionDeps): Promise<Outcome> {
  const batch = await loadStream(deps.eventStore, batchStreamId(data.batchId), batchDecider);
  // The usual case: the handler finished the chain. Step 3 needs step 2, so both are there.
  if (batch.state.status === 'issued') return { outcome: 'complete', byReactor: false };
  const milestone = await loadStream(deps.eventStore, milestoneStreamId(data.milestoneId), milestoneDecider);
  if (milestone.state.status === 'none') return failed(event, 'REGISTRY.MILESTONE_NOT_FOUND', deps);
  try {
    const { milestoneId, batchId, quantityKg, vintage, pricePerTonne, issuedAt } = data;
    const completed = await deps.chain.complete(
      { milestoneId, siteId: milestone.state.siteId, batchId, quantityKg, vintage, pricePerTonne, issuedAt },
      reactorMetadata(event, deps.clock),
    );
    if (completed.appended) deps.logger.info({ batchId, milestoneId, eventId: event.eventId }, 'issuance completed by the reactor');
    return { outcome: 'complete', byReactor: completed.appended };
  } catch (error) {
    // A refusal is final (retrying the batch would block every later issuance); an outage is not: rethrow, the runner retries.
    if (!isDomainError(error) || error.code === 'CONCURRENCY.CONFLICT') throw error;
    return failed(event, error.code, deps);
  }
}

function failed(event: RecordedEvent, errorCode: string, deps: IssuanceCompletionDeps): Outcome {
  deps.logger.error({ eventId: event.eventId, streamId: event.streamId, errorCode }, 'issuance could not be completed');
  return { outcome: 'failed', errorCode };
}

/** The reactor finishes the operator's command: same actor and correlation, caused by the step-1 event (R9). */
function reactorMetadata(event: RecordedEvent, clock: Clock): EventMetadata {
  const source = event.metadata;
  return {
    actorKeyId: source.actorKeyId,
    actorRole: source.actorRole,
    companyId: source.companyId,
    correlationId: source.correlationId,
    causationId: event.eventId,
    idempotencyKey: null,
    occurredAt: clock.now().toISOString(),
  };
}
