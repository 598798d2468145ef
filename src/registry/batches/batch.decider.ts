// Decisions on a batch: pure, no I/O, no clock. Refusals throw DomainErrors; a command already
// applied with the same id and the same content returns no events, so retries are harmless.
import { assertQuantityKg, Decider, Money, purchaseAmount } from '@lib/kernel';
import type * as C from './batch.commands';
import {
  BatchAlreadyIssued,
  BatchNotFound,
  CommandIdConflict,
  InsufficientHolding,
  InsufficientUnits,
  InvalidClaimYear,
  InvalidPrice,
  PaymentMismatch,
  PurchaseNotFound,
  PurchaseNotReserved,
  ReservationNotDue,
  SelfTransfer,
} from './batch.errors';
import type { BatchEvent } from './batch.events';
import { BatchState, evolveBatch, holdingOf, initialBatchState, IssuedBatch, Reservation } from './batch.state';
import { certificateNumber, invoiceReference } from './batch-references';

export function decideBatch(command: C.BatchCommand, state: BatchState): BatchEvent[] {
  if (command.type === 'IssueBatch') return issue(command, state);
  if (state.status !== 'issued') throw new BatchNotFound();
  switch (command.type) {
    case 'RepriceBatch':
      return reprice(command, state);
    case 'ReserveCredits':
      return reserve(command, state);
    case 'SettlePurchase':
      return settle(command, state);
    case 'CancelPurchase':
    case 'ExpireReservation':
      return release(command, state);
    case 'TransferCredits':
      return transfer(command, state);
    case 'RetireCredits':
      return retire(command, state);
    case 'CancelUnits':
      return cancelUnits(command, state);
    default: {
      const unreachable: never = command;
      throw new Error(`Unknown batch command ${JSON.stringify(unreachable)}`);
    }
  }
}

export const batchDecider: Decider<C.BatchCommand, BatchState, BatchEvent> = {
  decide: decideBatch,
  evolve: evolveBatch,
  initialState: initialBatchState,
};

function issue({ data }: C.IssueBatch, state: BatchState): BatchEvent[] {
  if (state.status === 'issued') {
    if (state.milestoneId === data.milestoneId && state.issuedKg === data.quantityKg) return [];
    throw new BatchAlreadyIssued(data.batchId);
  }
  assertQuantityKg(data.quantityKg);
  assertPositivePrice(data.pricePerTonne);
  return [
    {
      type: 'BatchIssued',
      data: {
        batchId: data.batchId,
        siteId: data.siteId,
        siteCode: data.siteCode,
        milestoneId: data.milestoneId,
        vintage: data.vintage,
        batchNo: data.batchNo,
        quantityKg: data.quantityKg,
        pricePerTonne: data.pricePerTonne.toJSON(),
        serials: [{ from: 1, to: data.quantityKg }],
        issuedAt: data.now,
      },
    },
  ];
}

function reprice({ data }: C.RepriceBatch, state: IssuedBatch): BatchEvent[] {
  assertPositivePrice(data.pricePerTonne);
  // The batch's currency is fixed at issuance: supply and pools are kept per currency (R5).
  if (data.pricePerTonne.currency !== state.pricePerTonne.currency) {
    throw new InvalidPrice(`the batch is priced in ${state.pricePerTonne.currency}`);
  }
  if (data.pricePerTonne.equals(state.pricePerTonne)) return [];
  return [
    {
      type: 'BatchRepriced',
      data: {
        batchId: state.batchId,
        pricePerTonne: data.pricePerTonne.toJSON(),
        previousPricePerTonne: state.pricePerTonne.toJSON(),
        repricedAt: data.now,
      },
    },
  ];
}

function reserve({ data }: C.ReserveCredits, state: IssuedBatch): BatchEvent[] {
  assertQuantityKg(data.quantityKg);
  const existing = state.reservations.get(data.purchaseId);
  if (existing !== undefined || state.closedPurchases.has(data.purchaseId)) {
    if (existing?.companyId === data.companyId && existing.quantityKg === data.quantityKg) return [];
    throw new CommandIdConflict(data.purchaseId);
  }
  if (state.available.size < data.quantityKg) throw new InsufficientUnits(data.quantityKg, state.available.size);
  const { taken } = state.available.takeLowest(data.quantityKg);
  const amount = purchaseAmount(data.quantityKg, state.pricePerTonne);
  return [
    {
      type: 'CreditsReserved',
      data: {
        batchId: state.batchId,
        purchaseId: data.purchaseId,
        companyId: data.companyId,
        quantityKg: data.quantityKg,
        serials: taken.toJSON(),
        pricePerTonne: state.pricePerTonne.toJSON(),
        amount: amount.toJSON(),
        invoiceRef: invoiceReference(state, state.purchaseCount + 1),
        reservedAt: data.now,
        reservedUntil: data.reservedUntil,
      },
    },
  ];
}

function settle({ data }: C.SettlePurchase, state: IssuedBatch): BatchEvent[] {
  const reservation = reservationFor(state, data.purchaseId);
  const { amount } = data.payment;
  if (amount.currency !== reservation.amount.currency || amount.amountMinor !== reservation.amount.amountMinor) {
    throw new PaymentMismatch(reservation.amount.format(), amount.format());
  }
  return [
    {
      type: 'PurchaseSettled',
      data: {
        batchId: state.batchId,
        purchaseId: reservation.purchaseId,
        companyId: reservation.companyId,
        quantityKg: reservation.quantityKg,
        serials: reservation.serials.toJSON(),
        amount: reservation.amount.toJSON(),
        payment: { amount: amount.toJSON(), receivedAt: data.payment.receivedAt, bankRef: data.payment.bankRef },
        settledAt: data.now,
      },
    },
  ];
}

function release(command: C.CancelPurchase | C.ExpireReservation, state: IssuedBatch): BatchEvent[] {
  const { purchaseId, now } = command.data;
  const outcome = state.closedPurchases.get(purchaseId);
  // Expiry is scheduled for every reservation; once the purchase has ended it has nothing to do.
  if (command.type === 'ExpireReservation' && outcome !== undefined) return [];
  if (command.type === 'CancelPurchase' && outcome === 'cancelled') return [];
  const reservation = reservationFor(state, purchaseId);
  if (command.type === 'ExpireReservation' && Date.parse(now) < Date.parse(reservation.reservedUntil)) {
    throw new ReservationNotDue(purchaseId, reservation.reservedUntil);
  }
  return [
    {
      type: command.type === 'CancelPurchase' ? 'PurchaseCancelled' : 'ReservationExpired',
      data: {
        batchId: state.batchId,
        purchaseId,
        companyId: reservation.companyId,
        quantityKg: reservation.quantityKg,
        serials: reservation.serials.toJSON(),
        releasedAt: now,
      },
    },
  ];
}

function transfer({ data }: C.TransferCredits, state: IssuedBatch): BatchEvent[] {
  if (state.transferIds.has(data.transferId)) return [];
  assertQuantityKg(data.quantityKg);
  if (data.fromCompanyId === data.toCompanyId) throw new SelfTransfer();
  const holding = holdingOf(state, data.fromCompanyId);
  if (holding.size < data.quantityKg) throw new InsufficientHolding(data.quantityKg, holding.size);
  const { taken } = holding.takeLowest(data.quantityKg);
  return [
    {
      type: 'CreditsTransferred',
      data: {
        batchId: state.batchId,
        transferId: data.transferId,
        fromCompanyId: data.fromCompanyId,
        toCompanyId: data.toCompanyId,
        quantityKg: data.quantityKg,
        serials: taken.toJSON(),
        transferredAt: data.now,
      },
    },
  ];
}

function retire({ data }: C.RetireCredits, state: IssuedBatch): BatchEvent[] {
  if (state.retirementIds.has(data.retirementId)) return [];
  assertQuantityKg(data.quantityKg);
  // A claim may not precede the production it rests on, nor be made for a year not yet begun.
  const currentYear = new Date(data.now).getUTCFullYear();
  if (!Number.isInteger(data.claimYear) || data.claimYear < state.vintage || data.claimYear > currentYear) {
    throw new InvalidClaimYear(data.claimYear, state.vintage, currentYear);
  }
  const holding = holdingOf(state, data.companyId);
  if (holding.size < data.quantityKg) throw new InsufficientHolding(data.quantityKg, holding.size);
  const { taken } = holding.takeLowest(data.quantityKg);
  return [
    {
      type: 'CreditsRetired',
      data: {
        batchId: state.batchId,
        retirementId: data.retirementId,
        certificateNo: certificateNumber(state, state.retirementCount + 1),
        companyId: data.companyId,
        quantityKg: data.quantityKg,
        serials: taken.toJSON(),
        claimYear: data.claimYear,
        beneficiary: data.beneficiary.lei === undefined ? { name: data.beneficiary.name } : { ...data.beneficiary },
        purpose: data.purpose,
        retiredAt: data.now,
      },
    },
  ];
}

function cancelUnits({ data }: C.CancelUnits, state: IssuedBatch): BatchEvent[] {
  assertQuantityKg(data.quantityKg);
  if (state.available.size < data.quantityKg) throw new InsufficientUnits(data.quantityKg, state.available.size);
  // Withdraw from the top so the lowest serials stay first in line for buyers.
  const keep = state.available.size - data.quantityKg;
  const { rest } = state.available.takeLowest(keep);
  return [
    {
      type: 'UnitsCancelled',
      data: { batchId: state.batchId, quantityKg: data.quantityKg, serials: rest.toJSON(), reason: data.reason, cancelledAt: data.now },
    },
  ];
}

function reservationFor(state: IssuedBatch, purchaseId: string): Reservation {
  const reservation = state.reservations.get(purchaseId);
  if (reservation !== undefined) return reservation;
  const outcome = state.closedPurchases.get(purchaseId);
  if (outcome !== undefined) throw new PurchaseNotReserved(purchaseId, outcome);
  throw new PurchaseNotFound(purchaseId);
}

function assertPositivePrice(price: Money): void {
  if (!price.isPositive()) throw new InvalidPrice('the price per tonne must be positive');
}
