// Given/when/then for every batch command and every refusal.
import { Money } from '@lib/kernel';
import { deciderSpec } from '@lib/kernel/testing';
import { batchDecider } from './batch.decider';
import { BATCH_ID, BUYER, history, issueCommand, LATER, NOW, OTHER, PURCHASE, reserveCommand, settleCommand, usdPerTonne } from './batch.fixtures';

const spec = deciderSpec(batchDecider);
const issued = () => history(issueCommand());
const reserved = (kg = 1000) => history(issueCommand(), reserveCommand(kg));
const settled = (kg = 1000) => history(issueCommand(), reserveCommand(kg), settleCommand(Money.of('USD', BigInt(kg) * 480n)));

describe('batch decider', () => {
  describe('IssueBatch', () => {
    it('Issue_WhenNew_ThenSerialBlockFromOne', () => {
      spec.given([]).when(issueCommand()).then([
        {
          type: 'BatchIssued',
          data: {
            batchId: BATCH_ID, siteId: expect.any(String), siteCode: 'KAM', milestoneId: expect.any(String), vintage: 2023, batchNo: 1,
            quantityKg: 2500, pricePerTonne: { currency: 'USD', value: 480000 }, serials: [{ from: 1, to: 2500 }], issuedAt: NOW,
          },
        },
      ]);
    });
    it('Issue_WhenFolded_ThenStateKeepsIssueTimeAndWholeBlockAvailable', () => {
      const state = history(issueCommand()).reduce(batchDecider.evolve, batchDecider.initialState());
      expect(state).toMatchObject({ status: 'issued', issuedAt: NOW, issuedKg: 2500, batchNo: 1 });
      expect(state.status === 'issued' ? state.available.toJSON() : null).toEqual([{ from: 1, to: 2500 }]);
    });
    it('Issue_WhenRetriedIdentically_ThenNoEvents', () => {
      spec.given(issued()).when(issueCommand()).then([]);
    });
    it('Issue_WhenIssuedWithOtherContent_ThenConflict', () => {
      spec.given(issued()).when(issueCommand(10)).thenThrows('REGISTRY.BATCH_ALREADY_ISSUED');
    });
    it('Issue_WhenQuantityNotWholeKg_ThenRefused', () => {
      spec.given([]).when(issueCommand(2.5)).thenThrows('QUANTITY.INVALID');
    });
    it('Issue_WhenPriceNotPositive_ThenRefused', () => {
      spec.given([]).when(issueCommand(10, Money.of('USD', 0))).thenThrows('REGISTRY.INVALID_PRICE');
    });
  });

  describe('RepriceBatch', () => {
    const reprice = (price: Money) => ({ type: 'RepriceBatch' as const, data: { pricePerTonne: price, now: NOW } });
    it('Reprice_WhenNewPrice_ThenRepriced', () => {
      spec.given(issued()).when(reprice(usdPerTonne(5000))).then([
        { type: 'BatchRepriced', data: { batchId: BATCH_ID, pricePerTonne: { currency: 'USD', value: 500000 }, previousPricePerTonne: { currency: 'USD', value: 480000 }, repricedAt: NOW } },
      ]);
    });
    it('Reprice_WhenSamePrice_ThenNoEvents', () => {
      spec.given(issued()).when(reprice(usdPerTonne(4800))).then([]);
    });
    it('Reprice_WhenOtherCurrency_ThenRefused', () => {
      spec.given(issued()).when(reprice(Money.of('EUR', 100))).thenThrows('REGISTRY.INVALID_PRICE');
    });
    it('Reprice_WhenNotIssued_ThenNotFound', () => {
      spec.given([]).when(reprice(usdPerTonne(1))).thenThrows('REGISTRY.BATCH_NOT_FOUND');
    });
    it('Reserve_WhenRepriced_ThenUsesNewPriceOnly', () => {
      const events = history(issueCommand(), reserveCommand(1000, 'p-old'), reprice(usdPerTonne(5000)), reserveCommand(1000, 'p-new'));
      const amounts = events.filter((e) => e.type === 'CreditsReserved').map((e) => (e.type === 'CreditsReserved' ? e.data.amount.value : 0));
      expect(amounts).toEqual([480000, 500000]);
    });
  });

  describe('ReserveCredits', () => {
    it('Reserve_WhenEnoughAvailable_ThenLowestUnitsAndExactAmount', () => {
      spec.given(issued()).when(reserveCommand(2500)).then([
        {
          type: 'CreditsReserved',
          data: {
            batchId: BATCH_ID, purchaseId: PURCHASE, companyId: BUYER, quantityKg: 2500, serials: [{ from: 1, to: 2500 }],
            pricePerTonne: { currency: 'USD', value: 480000 }, amount: { currency: 'USD', value: 1200000 },
            invoiceRef: 'INV-KAM-2023-0001-00001', reservedAt: NOW, reservedUntil: LATER,
          },
        },
      ]);
    });
    it('Reserve_WhenOddAmount_ThenRoundsHalfEven', () => {
      // 1,337 kg at EUR 5,123.45 per tonne = EUR 6,850.05265 → 685005 cents.
      const events = history(issueCommand(2000, Money.of('EUR', 512345)), reserveCommand(1337));
      expect(events[1]).toMatchObject({ type: 'CreditsReserved', data: { amount: { currency: 'EUR', value: 685005 } } });
    });
    it('Reserve_WhenSecondPurchase_ThenNextUnitsAndNextInvoice', () => {
      const events = history(issueCommand(), reserveCommand(1000, 'p1'), reserveCommand(500, 'p2'));
      expect(events[2]).toMatchObject({ data: { serials: [{ from: 1001, to: 1500 }], invoiceRef: 'INV-KAM-2023-0001-00002' } });
    });
    it('Reserve_WhenNotEnough_ThenInsufficientUnits', () => {
      const error = spec.given(reserved(2000)).when(reserveCommand(501, 'p2')).thenThrows('REGISTRY.INSUFFICIENT_UNITS');
      expect(error).toMatchObject({ details: { requestedKg: 501, availableKg: 500 } });
    });
    it('Reserve_WhenRetriedSamePurchase_ThenNoEvents', () => {
      spec.given(reserved()).when(reserveCommand(1000)).then([]);
    });
    it('Reserve_WhenPurchaseIdReusedDifferently_ThenConflict', () => {
      spec.given(reserved()).when(reserveCommand(5)).thenThrows('REGISTRY.ID_ALREADY_USED');
    });
    it('Reserve_WhenZeroKg_ThenRefused', () => {
      spec.given(issued()).when(reserveCommand(0)).thenThrows('QUANTITY.INVALID');
    });
    it('Reserve_WhenNotIssued_ThenNotFound', () => {
      spec.given([]).when(reserveCommand(1)).thenThrows('REGISTRY.BATCH_NOT_FOUND');
    });
  });

  describe('SettlePurchase', () => {
    it('Settle_WhenExactPayment_ThenDeliveredToBuyer', () => {
      spec.given(reserved()).when(settleCommand(Money.of('USD', 480000))).then([
        {
          type: 'PurchaseSettled',
          data: {
            batchId: BATCH_ID, purchaseId: PURCHASE, companyId: BUYER, quantityKg: 1000, serials: [{ from: 1, to: 1000 }],
            amount: { currency: 'USD', value: 480000 }, payment: { amount: { currency: 'USD', value: 480000 }, receivedAt: NOW, bankRef: 'BANK-1' }, settledAt: NOW,
          },
        },
      ]);
    });
    it('Settle_WhenAmountDiffers_ThenPaymentMismatch', () => {
      spec.given(reserved()).when(settleCommand(Money.of('USD', 479999))).thenThrows('REGISTRY.PAYMENT_MISMATCH');
    });
    it('Settle_WhenCurrencyDiffers_ThenPaymentMismatch', () => {
      spec.given(reserved()).when(settleCommand(Money.of('EUR', 480000))).thenThrows('REGISTRY.PAYMENT_MISMATCH');
    });
    it('Settle_WhenAlreadySettled_ThenNotReserved', () => {
      spec.given(settled()).when(settleCommand(Money.of('USD', 480000))).thenThrows('REGISTRY.PURCHASE_NOT_RESERVED');
    });
    it('Settle_WhenUnknownPurchase_ThenNotFound', () => {
      spec.given(issued()).when(settleCommand(Money.of('USD', 1))).thenThrows('REGISTRY.PURCHASE_NOT_FOUND');
    });
  });

  describe('CancelPurchase and ExpireReservation', () => {
    const cancel = { type: 'CancelPurchase' as const, data: { purchaseId: PURCHASE, now: NOW } };
    const expire = (now: string) => ({ type: 'ExpireReservation' as const, data: { purchaseId: PURCHASE, now } });
    const released = (type: 'PurchaseCancelled' | 'ReservationExpired', now: string) => ({
      type, data: { batchId: BATCH_ID, purchaseId: PURCHASE, companyId: BUYER, quantityKg: 1000, serials: [{ from: 1, to: 1000 }], releasedAt: now },
    });
    it('Cancel_WhenReserved_ThenUnitsReleased', () => {
      spec.given(reserved()).when(cancel).then([released('PurchaseCancelled', NOW)]);
    });
    it('Cancel_WhenAlreadyCancelled_ThenNoEvents', () => {
      spec.given([...reserved(), released('PurchaseCancelled', NOW)]).when(cancel).then([]);
    });
    it('Cancel_WhenSettled_ThenNotReserved', () => {
      spec.given(settled()).when(cancel).thenThrows('REGISTRY.PURCHASE_NOT_RESERVED');
    });
    it('Expire_WhenDue_ThenUnitsReleased', () => {
      spec.given(reserved()).when(expire(LATER)).then([released('ReservationExpired', LATER)]);
    });
    it('Expire_WhenNotDue_ThenRefused', () => {
      spec.given(reserved()).when(expire(NOW)).thenThrows('REGISTRY.RESERVATION_NOT_DUE');
    });
    it('Expire_WhenSettled_ThenNothingToDo', () => {
      spec.given(settled()).when(expire(LATER)).then([]);
    });
    it('Reserve_WhenExpiredUnitsFreed_ThenLowestAgain', () => {
      const events = history(issueCommand(), reserveCommand(1000), expire(LATER), reserveCommand(10, 'p2'));
      expect(events[3]).toMatchObject({ data: { serials: [{ from: 1, to: 10 }] } });
    });
  });

  describe('TransferCredits', () => {
    const transfer = (kg: number, to = OTHER, id = 't1') => ({
      type: 'TransferCredits' as const, data: { transferId: id, fromCompanyId: BUYER, toCompanyId: to, quantityKg: kg, now: NOW },
    });
    it('Transfer_WhenHeld_ThenLowestHeldUnitsMove', () => {
      spec.given(settled()).when(transfer(300)).then([
        { type: 'CreditsTransferred', data: { batchId: BATCH_ID, transferId: 't1', fromCompanyId: BUYER, toCompanyId: OTHER, quantityKg: 300, serials: [{ from: 1, to: 300 }], transferredAt: NOW } },
      ]);
    });
    it('Transfer_WhenMoreThanHeld_ThenInsufficientHolding', () => {
      spec.given(settled()).when(transfer(1001)).thenThrows('REGISTRY.INSUFFICIENT_HOLDING');
    });
    it('Transfer_WhenOnlyReserved_ThenInsufficientHolding', () => {
      spec.given(reserved()).when(transfer(1)).thenThrows('REGISTRY.INSUFFICIENT_HOLDING');
    });
    it('Transfer_WhenToSelf_ThenRefused', () => {
      spec.given(settled()).when(transfer(1, BUYER)).thenThrows('REGISTRY.SELF_TRANSFER');
    });
    it('Transfer_WhenRetried_ThenNoEvents', () => {
      spec.given(history(issueCommand(), reserveCommand(1000), settleCommand(Money.of('USD', 480000)), transfer(5))).when(transfer(5)).then([]);
    });
  });

  describe('RetireCredits', () => {
    const retire = (kg: number, claimYear = 2023, id = 'r1') => ({
      type: 'RetireCredits' as const,
      data: { retirementId: id, companyId: BUYER, quantityKg: kg, claimYear, beneficiary: { name: 'Acme Phones' }, purpose: 'FY2023 cobalt footprint', now: NOW },
    });
    it('Retire_WhenHeld_ThenRetiredWithCertificate', () => {
      spec.given(settled()).when(retire(1000)).then([
        {
          type: 'CreditsRetired',
          data: {
            batchId: BATCH_ID, retirementId: 'r1', certificateNo: 'RCC-RET-KAM-2023-0001-00001', companyId: BUYER, quantityKg: 1000,
            serials: [{ from: 1, to: 1000 }], claimYear: 2023, beneficiary: { name: 'Acme Phones' }, purpose: 'FY2023 cobalt footprint', retiredAt: NOW,
          },
        },
      ]);
    });
    it('Retire_WhenAlreadyRetired_ThenCannotRetireAgain', () => {
      spec.given([...settled(), ...batchDecider.decide(retire(1000), foldSettled())]).when(retire(1, 2023, 'r2')).thenThrows('REGISTRY.INSUFFICIENT_HOLDING');
    });
    it('Transfer_WhenUnitsRetired_ThenRefused', () => {
      const events = [...settled(), ...batchDecider.decide(retire(1000), foldSettled())];
      spec.given(events).when({ type: 'TransferCredits', data: { transferId: 't', fromCompanyId: BUYER, toCompanyId: OTHER, quantityKg: 1, now: NOW } }).thenThrows('REGISTRY.INSUFFICIENT_HOLDING');
    });
    it('Retire_WhenClaimYearBeforeVintage_ThenRefused', () => {
      spec.given(settled()).when(retire(1, 2022)).thenThrows('REGISTRY.INVALID_CLAIM_YEAR');
    });
    it('Retire_WhenClaimYearInFuture_ThenRefused', () => {
      spec.given(settled()).when(retire(1, 2027)).thenThrows('REGISTRY.INVALID_CLAIM_YEAR');
    });
    it('Retire_WhenRetried_ThenNoEvents', () => {
      spec.given([...settled(), ...batchDecider.decide(retire(10), foldSettled())]).when(retire(10)).then([]);
    });
  });

  describe('CancelUnits', () => {
    const cancelUnits = (kg: number) => ({ type: 'CancelUnits' as const, data: { quantityKg: kg, reason: 'evidence withdrawn', now: NOW } });
    it('CancelUnits_WhenAvailable_ThenHighestUnitsWithdrawn', () => {
      spec.given(issued()).when(cancelUnits(500)).then([
        { type: 'UnitsCancelled', data: { batchId: BATCH_ID, quantityKg: 500, serials: [{ from: 2001, to: 2500 }], reason: 'evidence withdrawn', cancelledAt: NOW } },
      ]);
    });
    it('CancelUnits_WhenMoreThanAvailable_ThenRefused', () => {
      spec.given(reserved(2000)).when(cancelUnits(501)).thenThrows('REGISTRY.INSUFFICIENT_UNITS');
    });
  });
});

function foldSettled() {
  return settled().reduce(batchDecider.evolve, batchDecider.initialState());
}
