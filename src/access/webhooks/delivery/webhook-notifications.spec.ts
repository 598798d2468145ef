import type { RecordedEvent } from '@lib/event-store';
import { planJobs } from '@lib/jobs';
import { notificationOf, WEBHOOK_FANOUT_QUEUE, webhookRoutes } from './webhook-notifications';

const BUYER = '01900000-0000-7000-8000-00000000c001';
const RECEIVER = '01900000-0000-7000-8000-00000000c002';
const BATCH = '01900000-0000-7000-8000-000000000001';
const OCCURRED_AT = '2026-03-10T12:00:00.000Z';

function recorded(type: string, data: Record<string, unknown>): RecordedEvent {
  return {
    eventId: '01900000-0000-7000-8000-00000000ee01',
    type,
    schemaVersion: 1,
    streamId: `batch-${BATCH}`,
    streamRevision: 3,
    position: { commit: 10n, prepare: 11n },
    data,
    metadata: { actorKeyId: 'k', actorRole: 'company', companyId: BUYER, correlationId: 'c', causationId: null, occurredAt: OCCURRED_AT },
    recordedAt: new Date(OCCURRED_AT),
  };
}

const serials = [{ from: 1, to: 100 }];

describe('webhook notifications', () => {
  it('notification_WhenEachNotifyingEvent_ThenItsNameCompanyAndPayload', () => {
    const cases: Array<[RecordedEvent, string, string]> = [
      [recorded('CreditsReserved', { batchId: BATCH, purchaseId: 'p1', companyId: BUYER, quantityKg: 100, serials, pricePerTonne: { currency: 'USD', value: 480000 }, amount: { currency: 'USD', value: 48000 }, invoiceRef: 'INV-1', reservedAt: OCCURRED_AT, reservedUntil: OCCURRED_AT }), 'purchase.reserved', BUYER],
      [recorded('PurchaseSettled', { batchId: BATCH, purchaseId: 'p1', companyId: BUYER, quantityKg: 100, serials, amount: { currency: 'USD', value: 48000 }, payment: { bankRef: 'B' }, settledAt: OCCURRED_AT }), 'purchase.settled', BUYER],
      [recorded('ReservationExpired', { batchId: BATCH, purchaseId: 'p1', companyId: BUYER, quantityKg: 100, serials, releasedAt: OCCURRED_AT }), 'purchase.expired', BUYER],
      [recorded('CreditsTransferred', { batchId: BATCH, transferId: 't1', fromCompanyId: BUYER, toCompanyId: RECEIVER, quantityKg: 10, serials, transferredAt: OCCURRED_AT }), 'transfer.received', RECEIVER],
      [recorded('CreditsRetired', { batchId: BATCH, retirementId: 'r1', certificateNo: 'RCC-RET-KAM-2023-0001-00001', companyId: BUYER, quantityKg: 10, serials, claimYear: 2023, beneficiary: { name: 'V' }, purpose: 'p', retiredAt: OCCURRED_AT }), 'retirement.completed', BUYER],
    ];
    for (const [event, name, companyId] of cases) {
      expect(notificationOf(event)).toMatchObject({ eventId: event.eventId, name, companyId, createdAt: OCCURRED_AT });
    }
  });

  it('notification_WhenPayloadBuilt_ThenNeverTheMetadataOrInternalFields', () => {
    const settled = notificationOf(recorded('PurchaseSettled', { batchId: BATCH, purchaseId: 'p1', companyId: BUYER, quantityKg: 100, serials, amount: { currency: 'USD', value: 48000 }, payment: { bankRef: 'B' }, settledAt: OCCURRED_AT }));
    expect(settled?.data).toEqual({ purchaseId: 'p1', batchId: BATCH, quantityKg: 100, serials, amount: { currency: 'USD', value: 48000 }, settledAt: OCCURRED_AT });
    expect(JSON.stringify(settled)).not.toContain('actorKeyId');
  });

  it('notification_WhenNotOffered_ThenNull', () => {
    for (const type of ['BatchIssued', 'BatchRepriced', 'PurchaseCancelled', 'UnitsCancelled', 'CompanyRegistered']) {
      expect(notificationOf(recorded(type, { batchId: BATCH, companyId: BUYER }))).toBeNull();
    }
  });

  it('routes_WhenNotifyingEvent_ThenOneFanOutJobWithTheEventIdAsJobId', () => {
    const event = recorded('ReservationExpired', { batchId: BATCH, purchaseId: 'p1', companyId: BUYER, quantityKg: 100, serials, releasedAt: OCCURRED_AT });
    const jobs = planJobs(event, webhookRoutes, new Date(OCCURRED_AT));
    expect(jobs).toEqual([{ queue: WEBHOOK_FANOUT_QUEUE, name: 'fan-out', jobId: event.eventId, delayMs: 0, data: notificationOf(event) }]);
    expect(planJobs(recorded('PurchaseCancelled', { batchId: BATCH }), webhookRoutes, new Date())).toEqual([]);
  });
});
