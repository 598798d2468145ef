// Properties of the batch decider over random command sequences (fast-check):
// R1 conservation after every event, no unit owned twice, and R3 retired units never come back.
import fc from 'fast-check';
import { isDomainError, Money, SerialRanges } from '@lib/kernel';
import type * as C from './batch.commands';
import { batchDecider } from './batch.decider';
import { BatchState, IssuedBatch } from './batch.state';
import { issueCommand, LATER, NOW } from './batch.fixtures';

const COMPANIES = ['c-1', 'c-2', 'c-3'];
const ISSUED_KG = 1000;

const companyArb = fc.constantFrom(...COMPANIES);
const kgArb = fc.integer({ min: 1, max: 400 });
const purchaseArb = fc.integer({ min: 0, max: 7 }).map((n) => `p-${n}`);

const commandArb: fc.Arbitrary<C.BatchCommand> = fc.oneof(
  fc.record({ p: purchaseArb, c: companyArb, kg: kgArb }).map(({ p, c, kg }) => ({
    type: 'ReserveCredits' as const, data: { purchaseId: p, companyId: c, quantityKg: kg, reservedUntil: LATER, now: NOW },
  })),
  fc.record({ p: purchaseArb, cents: fc.integer({ min: 0, max: 200_000 }) }).map(({ p, cents }) => ({
    type: 'SettlePurchase' as const, data: { purchaseId: p, payment: { amount: Money.of('USD', cents), receivedAt: NOW, bankRef: 'B' }, now: NOW },
  })),
  purchaseArb.map((p) => ({ type: 'CancelPurchase' as const, data: { purchaseId: p, now: NOW } })),
  fc.record({ p: purchaseArb, due: fc.boolean() }).map(({ p, due }) => ({ type: 'ExpireReservation' as const, data: { purchaseId: p, now: due ? LATER : NOW } })),
  fc.record({ id: fc.integer({ min: 0, max: 5 }), from: companyArb, to: companyArb, kg: kgArb }).map(({ id, from, to, kg }) => ({
    type: 'TransferCredits' as const, data: { transferId: `t-${id}`, fromCompanyId: from, toCompanyId: to, quantityKg: kg, now: NOW },
  })),
  fc.record({ id: fc.integer({ min: 0, max: 5 }), c: companyArb, kg: kgArb }).map(({ id, c, kg }) => ({
    type: 'RetireCredits' as const, data: { retirementId: `r-${id}`, companyId: c, quantityKg: kg, claimYear: 2024, beneficiary: { name: 'B' }, purpose: 'claim', now: NOW },
  })),
  kgArb.map((kg) => ({ type: 'CancelUnits' as const, data: { quantityKg: kg, reason: 'correction', now: NOW } })),
  fc.integer({ min: 1, max: 9000 }).map((dollars) => ({ type: 'RepriceBatch' as const, data: { pricePerTonne: Money.of('USD', dollars * 100), now: NOW } })),
);

/** Settlements must pay the exact invoice: when a generated payment is wrong, pay the invoice instead half the time. */
function withExactPayment(command: C.BatchCommand, state: IssuedBatch, exact: boolean): C.BatchCommand {
  if (command.type !== 'SettlePurchase' || !exact) return command;
  const reservation = state.reservations.get(command.data.purchaseId);
  if (reservation === undefined) return command;
  return { ...command, data: { ...command.data, payment: { ...command.data.payment, amount: reservation.amount } } };
}

function placesOfUnits(state: IssuedBatch): SerialRanges[] {
  return [state.available, ...[...state.reservations.values()].map((r) => r.serials), ...state.holdings.values(), state.retired, state.cancelled];
}

function assertConservation(state: IssuedBatch): void {
  const places = placesOfUnits(state);
  const total = places.reduce((sum, ranges) => sum + ranges.size, 0);
  expect(total).toBe(ISSUED_KG);
  // union() refuses overlapping ranges, so folding every place into one set proves no unit has two owners.
  const all = places.reduce((acc, ranges) => acc.union(ranges), SerialRanges.empty());
  expect(all.equals(SerialRanges.single(1, ISSUED_KG))).toBe(true);
  for (const reservation of state.reservations.values()) expect(reservation.serials.size).toBe(reservation.quantityKg);
}

describe('batch decider properties', () => {
  it('AnyCommandSequence_AfterEveryEvent_ThenUnitsConservedAndNeverOwnedTwice', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(commandArb, fc.boolean()), { maxLength: 60 }), (steps) => {
        let state: BatchState = batchDecider.evolve(batchDecider.initialState(), batchDecider.decide(issueCommand(ISSUED_KG), batchDecider.initialState())[0]);
        for (const [generated, exact] of steps) {
          const issued = state as IssuedBatch;
          const command = withExactPayment(generated, issued, exact);
          let events;
          try {
            events = batchDecider.decide(command, state);
          } catch (error) {
            if (!isDomainError(error)) throw error;
            continue;
          }
          for (const event of events) {
            const retiredBefore = (state as IssuedBatch).retired;
            state = batchDecider.evolve(state, event);
            const after = state as IssuedBatch;
            assertConservation(after);
            // R3: retired units stay retired.
            expect(after.retired.containsAll(retiredBefore)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('RetiredUnits_AfterAnySequence_ThenNeverMoveAgain', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 40 }), (commands) => {
        let state: BatchState = batchDecider.evolve(batchDecider.initialState(), batchDecider.decide(issueCommand(ISSUED_KG), batchDecider.initialState())[0]);
        const retired = new Set<number>();
        for (const command of commands) {
          let events;
          try {
            events = batchDecider.decide(command, state);
          } catch (error) {
            if (!isDomainError(error)) throw error;
            continue;
          }
          for (const event of events) {
            if (event.type !== 'CreditsRetired' && 'serials' in event.data) {
              const moved = SerialRanges.fromJSON(event.data.serials);
              for (const unit of retired) expect(moved.contains(unit)).toBe(false);
            }
            if (event.type === 'CreditsRetired') {
              for (const range of event.data.serials) for (let u = range.from; u <= range.to; u += 1) retired.add(u);
            }
            state = batchDecider.evolve(state, event);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
