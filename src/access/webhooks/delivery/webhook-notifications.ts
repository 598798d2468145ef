// Which recorded batch events are webhook notifications, for which company, with what payload.
// Pure: the dispatcher's route must give the same jobs for the same event. The payload is a
// curated view of the event (never its metadata: key ids and roles are internal).
import type { RecordedEvent } from '@lib/event-store';
import type { JobRoutes } from '@lib/jobs';
import type { BatchEvent, CreditsReserved, CreditsRetired, CreditsTransferred, PurchaseSettled, ReservationReleased } from '../../../registry/batches/batch.events';
import type { WebhookEventName } from '../webhook.events';

export const WEBHOOK_FANOUT_QUEUE = 'webhook-fanout';
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-deliveries';

/** One notification of one company; `eventId` is the source event's id (X-RCC-Event-Id). */
export interface WebhookNotification {
  eventId: string;
  name: WebhookEventName;
  /** The company concerned: the buyer, or for a transfer the receiving company. */
  companyId: string;
  /** When it happened (the event's occurredAt). */
  createdAt: string;
  data: Record<string, unknown>;
}

type Notified = Pick<WebhookNotification, 'name' | 'companyId' | 'data'>;

function reserved({ data: d }: CreditsReserved): Notified {
  return {
    name: 'purchase.reserved',
    companyId: d.companyId,
    data: { purchaseId: d.purchaseId, batchId: d.batchId, quantityKg: d.quantityKg, serials: d.serials, amount: d.amount, invoiceRef: d.invoiceRef, reservedUntil: d.reservedUntil },
  };
}

function settled({ data: d }: PurchaseSettled): Notified {
  return {
    name: 'purchase.settled',
    companyId: d.companyId,
    data: { purchaseId: d.purchaseId, batchId: d.batchId, quantityKg: d.quantityKg, serials: d.serials, amount: d.amount, settledAt: d.settledAt },
  };
}

function expired({ data: d }: ReservationReleased): Notified {
  return { name: 'purchase.expired', companyId: d.companyId, data: { purchaseId: d.purchaseId, batchId: d.batchId, quantityKg: d.quantityKg, expiredAt: d.releasedAt } };
}

function transferred({ data: d }: CreditsTransferred): Notified {
  return {
    name: 'transfer.received',
    companyId: d.toCompanyId,
    data: { transferId: d.transferId, batchId: d.batchId, fromCompanyId: d.fromCompanyId, quantityKg: d.quantityKg, serials: d.serials, transferredAt: d.transferredAt },
  };
}

function retired({ data: d }: CreditsRetired): Notified {
  return {
    name: 'retirement.completed',
    companyId: d.companyId,
    data: {
      retirementId: d.retirementId,
      certificateNo: d.certificateNo,
      batchId: d.batchId,
      quantityKg: d.quantityKg,
      serials: d.serials,
      claimYear: d.claimYear,
      beneficiary: d.beneficiary,
      purpose: d.purpose,
      retiredAt: d.retiredAt,
    },
  };
}

function notifiedOf(event: BatchEvent): Notified | null {
  switch (event.type) {
    case 'CreditsReserved':
      return reserved(event);
    case 'PurchaseSettled':
      return settled(event);
    case 'ReservationExpired':
      return expired(event);
    case 'CreditsTransferred':
      return transferred(event);
    case 'CreditsRetired':
      return retired(event);
    // Not offered as webhooks: issuance and pricing are not company events; a cancellation is
    // the company's own (or an operator's) request, answered synchronously.
    case 'BatchIssued':
    case 'BatchRepriced':
    case 'PurchaseCancelled':
    case 'UnitsCancelled':
      return null;
    default: {
      const unknown: never = event;
      void unknown;
      return null;
    }
  }
}

export function notificationOf(event: RecordedEvent): WebhookNotification | null {
  const notified = notifiedOf({ type: event.type, data: event.data } as BatchEvent);
  if (notified === null) return null;
  return { eventId: event.eventId, createdAt: event.metadata.occurredAt, ...notified };
}

const NOTIFYING_TYPES = ['CreditsReserved', 'PurchaseSettled', 'ReservationExpired', 'CreditsTransferred', 'CreditsRetired'] as const;

/** Routes of the webhook dispatcher: one fan-out job per notifying event (jobId = event id). */
export const webhookRoutes: JobRoutes = Object.fromEntries(
  NOTIFYING_TYPES.map((type) => [
    type,
    (event: RecordedEvent) => {
      const notification = notificationOf(event);
      return notification === null ? [] : [{ queue: WEBHOOK_FANOUT_QUEUE, name: 'fan-out', data: notification }];
    },
  ]),
);
