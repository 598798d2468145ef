import type { RecordedEvent } from '@lib/event-store';
import { JobRoutes, planJobs } from './job-routes';

const NOW = new Date('2026-03-01T12:00:00.000Z');

function recorded(type: string, eventId = '0195f3a0-1111-7000-8000-000000000001', data: unknown = {}): RecordedEvent {
  return {
    eventId,
    type,
    schemaVersion: 1,
    streamId: 'batch-1',
    streamRevision: 0,
    position: { commit: 10n, prepare: 1n },
    data,
    metadata: { actorKeyId: null, actorRole: null, companyId: null, correlationId: 'c', causationId: null, occurredAt: NOW.toISOString() },
    recordedAt: NOW,
  };
}

const routes: JobRoutes = {
  CreditsReserved: (event) => [
    { queue: 'reservations', name: 'expire-reservation', data: event.data, runAt: new Date('2026-03-01T12:30:00.000Z') },
    { queue: 'webhooks', name: 'deliver', data: { hook: 'a' }, idSuffix: 'hook-a' },
    { queue: 'webhooks', name: 'deliver', data: { hook: 'b' }, idSuffix: 'hook-b' },
  ],
  PaymentRecorded: (event) => [{ queue: 'receipts', name: 'send', data: { amountMinor: (event.data as { amountMinor: bigint }).amountMinor } }],
  CreditsRetired: () => [
    { queue: 'certificates', name: 'render', data: {}, delayMs: 250 },
    { queue: 'certificates', name: 'render', data: {} },
    { queue: 'certificates', name: 'render:pdf', data: {} },
  ],
};

describe('planJobs', () => {
  it('planJobs_WhenEventHasNoRoute_ThenNoJobs', () => {
    expect(planJobs(recorded('SiteRegistered'), routes, NOW)).toEqual([]);
    // Object prototype keys are not routes.
    expect(planJobs(recorded('toString'), routes, NOW)).toEqual([]);
  });

  it('planJobs_WhenOneJobPerQueue_ThenJobIdIsTheEventId', () => {
    const [expiry] = planJobs(recorded('CreditsReserved', 'evt-1', { purchaseId: 'p1' }), routes, NOW);
    expect(expiry).toEqual({ queue: 'reservations', name: 'expire-reservation', data: { purchaseId: 'p1' }, jobId: 'evt-1', delayMs: 30 * 60 * 1000 });
  });

  it('planJobs_WhenSeveralJobsOnOneQueue_ThenIdsAreSuffixedDeterministically', () => {
    const first = planJobs(recorded('CreditsReserved', 'evt-2'), routes, NOW).map((job) => `${job.queue}/${job.jobId}`);
    const again = planJobs(recorded('CreditsReserved', 'evt-2'), routes, NOW).map((job) => `${job.queue}/${job.jobId}`);
    expect(first).toEqual(['reservations/evt-2', 'webhooks/evt-2-hook-a', 'webhooks/evt-2-hook-b']);
    expect(again).toEqual(first);
  });

  it('planJobs_WhenSuffixRepeatsOrHasColon_ThenIdsStayUniqueAndColonFree', () => {
    const ids = planJobs(recorded('CreditsRetired', 'evt-3'), routes, NOW).map((job) => job.jobId);
    expect(ids).toEqual(['evt-3-render', 'evt-3-render-2', 'evt-3-render_pdf']);
    expect(ids.every((id) => !id.includes(':'))).toBe(true);
  });

  it('planJobs_WhenRunAtIsPast_ThenDelayIsZero', () => {
    const late = new Date('2026-03-01T13:00:00.000Z');
    expect(planJobs(recorded('CreditsReserved'), routes, late)[0].delayMs).toBe(0);
  });

  it('planJobs_WhenDelayMsGiven_ThenItIsKeptAndAbsentMeansNoDelay', () => {
    expect(planJobs(recorded('CreditsRetired'), routes, NOW).map((job) => job.delayMs)).toEqual([250, 0, 0]);
  });

  it('planJobs_WhenRouteDataIsNotJson_ThenThrowsNamingTheRoute', () => {
    expect(() => planJobs(recorded('PaymentRecorded', 'evt-4', { amountMinor: 480_000n }), routes, NOW)).toThrow(/PaymentRecorded made receipts\/send data that is not JSON/);
  });
});
