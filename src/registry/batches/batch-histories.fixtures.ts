// Random command histories of one batch for read-model specs (fast-check): ids drawn from small
// sets so later commands meet earlier ones, weights that keep units flowing towards holdings and
// retirements rather than being withdrawn, played from issuance with refused commands skipped.
import fc from 'fast-check';
import type { EventStore, LogPosition } from '@lib/event-store';
import { isDomainError, Money } from '@lib/kernel';
import type * as C from './batch.commands';
import { batchStreamId } from './batch.events';
import { batchDecider } from './batch.decider';
import { BUYER, issueCommand, LATER, NOW, OTHER } from './batch.fixtures';
import type { BatchState } from './batch.state';

export const HISTORY_COMPANIES = [BUYER, OTHER];
const kg = fc.integer({ min: 1, max: 300 });
const purchase = fc.integer({ min: 0, max: 5 }).map((n) => `p-${n}`);

/** Every batch command but issuance. */
export const batchCommandArb: fc.Arbitrary<C.BatchCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ p: purchase, c: fc.constantFrom(...HISTORY_COMPANIES), kg }).map(({ p, c, kg: q }) => ({
      type: 'ReserveCredits' as const, data: { purchaseId: p, companyId: c, quantityKg: q, reservedUntil: LATER, now: NOW },
    })),
  },
  {
    weight: 4,
    arbitrary: purchase.map((p) => ({ type: 'SettlePurchase' as const, data: { purchaseId: p, payment: { amount: Money.zero('USD'), receivedAt: NOW, bankRef: 'B' }, now: NOW } })),
  },
  { weight: 1, arbitrary: purchase.map((p) => ({ type: 'CancelPurchase' as const, data: { purchaseId: p, now: NOW } })) },
  { weight: 1, arbitrary: purchase.map((p) => ({ type: 'ExpireReservation' as const, data: { purchaseId: p, now: LATER } })) },
  {
    weight: 2,
    arbitrary: fc.record({ id: fc.nat(3), kg }).map(({ id, kg: q }) => ({
      type: 'TransferCredits' as const, data: { transferId: `t-${id}`, fromCompanyId: BUYER, toCompanyId: OTHER, quantityKg: q, now: NOW },
    })),
  },
  {
    weight: 3,
    arbitrary: fc.record({ id: fc.nat(3), c: fc.constantFrom(...HISTORY_COMPANIES), kg: fc.integer({ min: 1, max: 100 }) }).map(({ id, c, kg: q }) => ({
      type: 'RetireCredits' as const, data: { retirementId: `r-${id}`, companyId: c, quantityKg: q, claimYear: 2024, beneficiary: { name: 'B' }, purpose: 'claim', now: NOW },
    })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((q) => ({ type: 'CancelUnits' as const, data: { quantityKg: q, reason: 'correction', now: NOW } })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 9000 }).map((dollars) => ({ type: 'RepriceBatch' as const, data: { pricePerTonne: Money.of('USD', dollars * 100), now: NOW } })),
  },
);

/** Runs the commands from issuance on, paying settlements their exact invoice; refused commands are skipped. */
export function playBatch(batchId: string, commands: readonly C.BatchCommand[]): { events: ReturnType<typeof batchDecider.decide>; state: BatchState } {
  const issue = issueCommand(1000);
  let state = batchDecider.initialState();
  const events: ReturnType<typeof batchDecider.decide> = [];
  for (const command of [{ ...issue, data: { ...issue.data, batchId } }, ...commands]) {
    let decided = command;
    if (command.type === 'SettlePurchase' && state.status === 'issued') {
      const reservation = state.reservations.get(command.data.purchaseId);
      if (reservation !== undefined) decided = { ...command, data: { ...command.data, payment: { ...command.data.payment, amount: reservation.amount } } };
    }
    try {
      for (const event of batchDecider.decide(decided, state)) {
        events.push(event);
        state = batchDecider.evolve(state, event);
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
  return { events, state };
}

/** Appends a played history to batch-{batchId} a few events per append, as commands append them; the last position. */
export async function appendBatchHistory(store: EventStore, batchId: string, events: ReturnType<typeof batchDecider.decide>, correlationId: string): Promise<LogPosition> {
  const metadata = { actorKeyId: null, actorRole: 'operator', companyId: null, correlationId, causationId: null, occurredAt: NOW };
  let last: LogPosition | null = null;
  for (let i = 0; i < events.length; i += 3) {
    const chunk = events.slice(i, i + 3).map((event) => ({ ...event, metadata }));
    last = (await store.append(batchStreamId(batchId), chunk, i === 0 ? 'no_stream' : i - 1)).position;
  }
  if (last === null) throw new Error('the history has no events');
  return last;
}
