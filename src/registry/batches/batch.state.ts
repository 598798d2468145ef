// The state of one batch, folded from its events. Every unit of the batch is in exactly one of
// available, a reservation, a company's holding, retired or cancelled (R1); `evolve` only moves
// ranges between those places, so conservation holds by construction and is asserted by tests.
// The per-purchase, per-company and per-id collections are persistent (PersistentMap/Set): an
// event changes them in O(log n) and leaves the previous state intact, so `evolve` stays pure
// without copying every reservation of a busy batch on every event.
import { Money, PersistentMap, PersistentSet, SerialRanges } from '@lib/kernel';
import type { BatchEvent } from './batch.events';

/**
 * Units set aside for a purchase until it is settled, cancelled or expires: what deciding on it
 * needs (its invoice reference and price are in its `CreditsReserved` event and the read models;
 * a busy batch holds thousands of these, so nothing else is kept).
 */
export interface Reservation {
  purchaseId: string;
  companyId: string;
  quantityKg: number;
  serials: SerialRanges;
  amount: Money;
  reservedUntil: string;
}

/** How a purchase that is no longer reserved ended. */
export type PurchaseOutcome = 'settled' | 'cancelled' | 'expired';

export interface UnissuedBatch {
  status: 'unissued';
}

/**
 * Glossary: `available` can be reserved; `reservations` are held for pending purchases;
 * `holdings` are owned by companies (per company id); `retired` is final (R3); `cancelled` was
 * withdrawn by an operator. `purchaseCount`/`retirementCount` number invoices and certificates.
 */
export interface IssuedBatch {
  status: 'issued';
  batchId: string;
  siteId: string;
  siteCode: string;
  milestoneId: string;
  vintage: number;
  batchNo: number;
  issuedKg: number;
  /** When the batch was issued (from `BatchIssued`), for the views of command answers. */
  issuedAt: string;
  pricePerTonne: Money;
  available: SerialRanges;
  reservations: PersistentMap<Reservation>;
  closedPurchases: PersistentMap<PurchaseOutcome>;
  holdings: PersistentMap<SerialRanges>;
  retired: SerialRanges;
  cancelled: SerialRanges;
  transferIds: PersistentSet;
  retirementIds: PersistentSet;
  purchaseCount: number;
  retirementCount: number;
}

export type BatchState = UnissuedBatch | IssuedBatch;

export const initialBatchState = (): BatchState => ({ status: 'unissued' });

export function evolveBatch(state: BatchState, event: BatchEvent): BatchState {
  if (event.type === 'BatchIssued') {
    const d = event.data;
    return {
      status: 'issued',
      batchId: d.batchId,
      siteId: d.siteId,
      siteCode: d.siteCode,
      milestoneId: d.milestoneId,
      vintage: d.vintage,
      batchNo: d.batchNo,
      issuedKg: d.quantityKg,
      issuedAt: d.issuedAt,
      pricePerTonne: Money.fromJSON(d.pricePerTonne),
      available: SerialRanges.fromJSON(d.serials),
      reservations: PersistentMap.empty(),
      closedPurchases: PersistentMap.empty(),
      holdings: PersistentMap.empty(),
      retired: SerialRanges.empty(),
      cancelled: SerialRanges.empty(),
      transferIds: PersistentSet.empty(),
      retirementIds: PersistentSet.empty(),
      purchaseCount: 0,
      retirementCount: 0,
    };
  }
  // Recorded facts on a batch that was never issued cannot come from `decide`; ignore them.
  if (state.status !== 'issued') return state;
  return evolveIssued(state, event);
}

function evolveIssued(state: IssuedBatch, event: Exclude<BatchEvent, { type: 'BatchIssued' }>): IssuedBatch {
  switch (event.type) {
    case 'BatchRepriced':
      return { ...state, pricePerTonne: Money.fromJSON(event.data.pricePerTonne) };
    case 'CreditsReserved': {
      const d = event.data;
      const serials = SerialRanges.fromJSON(d.serials);
      const reservation: Reservation = {
        purchaseId: d.purchaseId,
        companyId: d.companyId,
        quantityKg: d.quantityKg,
        serials,
        amount: Money.fromJSON(d.amount),
        reservedUntil: d.reservedUntil,
      };
      return {
        ...state,
        available: state.available.subtract(serials),
        reservations: state.reservations.with(d.purchaseId, reservation),
        purchaseCount: state.purchaseCount + 1,
      };
    }
    case 'PurchaseSettled': {
      const d = event.data;
      const serials = SerialRanges.fromJSON(d.serials);
      return {
        ...state,
        reservations: state.reservations.without(d.purchaseId),
        closedPurchases: state.closedPurchases.with(d.purchaseId, 'settled'),
        holdings: state.holdings.with(d.companyId, holdingOf(state, d.companyId).union(serials)),
      };
    }
    case 'PurchaseCancelled':
    case 'ReservationExpired': {
      const d = event.data;
      const outcome: PurchaseOutcome = event.type === 'PurchaseCancelled' ? 'cancelled' : 'expired';
      return {
        ...state,
        available: state.available.union(SerialRanges.fromJSON(d.serials)),
        reservations: state.reservations.without(d.purchaseId),
        closedPurchases: state.closedPurchases.with(d.purchaseId, outcome),
      };
    }
    case 'CreditsTransferred': {
      const d = event.data;
      const serials = SerialRanges.fromJSON(d.serials);
      const afterSender = withHolding(state.holdings, d.fromCompanyId, holdingOf(state, d.fromCompanyId).subtract(serials));
      const receiver = afterSender.get(d.toCompanyId) ?? SerialRanges.empty();
      return {
        ...state,
        holdings: withHolding(afterSender, d.toCompanyId, receiver.union(serials)),
        transferIds: state.transferIds.with(d.transferId),
      };
    }
    case 'CreditsRetired': {
      const d = event.data;
      const serials = SerialRanges.fromJSON(d.serials);
      return {
        ...state,
        holdings: withHolding(state.holdings, d.companyId, holdingOf(state, d.companyId).subtract(serials)),
        retired: state.retired.union(serials),
        retirementIds: state.retirementIds.with(d.retirementId),
        retirementCount: state.retirementCount + 1,
      };
    }
    case 'UnitsCancelled': {
      const serials = SerialRanges.fromJSON(event.data.serials);
      return { ...state, available: state.available.subtract(serials), cancelled: state.cancelled.union(serials) };
    }
    default: {
      const unreachable: never = event;
      return unreachableEvent(state, unreachable);
    }
  }
}

export function holdingOf(state: IssuedBatch, companyId: string): SerialRanges {
  return state.holdings.get(companyId) ?? SerialRanges.empty();
}

/** Units reserved across all pending purchases. */
export function reservedUnits(state: IssuedBatch): number {
  let total = 0;
  for (const reservation of state.reservations.values()) total += reservation.quantityKg;
  return total;
}

/** Units held across all companies. */
export function heldUnits(state: IssuedBatch): number {
  let total = 0;
  for (const holding of state.holdings.values()) total += holding.size;
  return total;
}

/** Empty holdings are dropped so "holds nothing" has one representation. */
function withHolding(holdings: PersistentMap<SerialRanges>, companyId: string, serials: SerialRanges): PersistentMap<SerialRanges> {
  return serials.isEmpty() ? holdings.without(companyId) : holdings.with(companyId, serials);
}

/** An event type this code does not know (written by a newer version): leave the state as is. */
function unreachableEvent(state: IssuedBatch, _event: never): IssuedBatch {
  return state;
}
