// Shared builders for batch decider specs: a KAM 2023 batch like the pilot's, fixed ids and time.
import { Money } from '@lib/kernel';
import type * as C from './batch.commands';
import type { BatchEvent } from './batch.events';
import { batchDecider } from './batch.decider';

export const NOW = '2026-03-10T12:00:00.000Z';
export const LATER = '2026-03-11T12:00:00.000Z';
export const BATCH_ID = '01900000-0000-7000-8000-000000000001';
export const MILESTONE_ID = '01900000-0000-7000-8000-0000000000aa';
export const SITE_ID = '01900000-0000-7000-8000-0000000000bb';
export const BUYER = '01900000-0000-7000-8000-00000000c001';
export const OTHER = '01900000-0000-7000-8000-00000000c002';
export const PURCHASE = '01900000-0000-7000-8000-00000000d001';

export const usdPerTonne = (dollars: number): Money => Money.of('USD', BigInt(dollars) * 100n);

export function issueCommand(quantityKg = 2500, price = usdPerTonne(4800)): C.IssueBatch {
  return {
    type: 'IssueBatch',
    data: { batchId: BATCH_ID, siteId: SITE_ID, siteCode: 'KAM', milestoneId: MILESTONE_ID, vintage: 2023, batchNo: 1, quantityKg, pricePerTonne: price, now: NOW },
  };
}

export const reserveCommand = (quantityKg: number, purchaseId = PURCHASE, companyId = BUYER): C.ReserveCredits => ({
  type: 'ReserveCredits',
  data: { purchaseId, companyId, quantityKg, reservedUntil: LATER, now: NOW },
});

export const settleCommand = (amount: Money, purchaseId = PURCHASE): C.SettlePurchase => ({
  type: 'SettlePurchase',
  data: { purchaseId, payment: { amount, receivedAt: NOW, bankRef: 'BANK-1' }, now: NOW },
});

/** Events produced by running commands in order from an empty stream (for `given`). */
export function history(...commands: C.BatchCommand[]): BatchEvent[] {
  const events: BatchEvent[] = [];
  let state = batchDecider.initialState();
  for (const command of commands) {
    for (const event of batchDecider.decide(command, state)) {
      events.push(event);
      state = batchDecider.evolve(state, event);
    }
  }
  return events;
}
