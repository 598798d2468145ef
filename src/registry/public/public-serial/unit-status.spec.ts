import { Money } from '@lib/kernel';
import { batchDecider } from '../../batches/batch.decider';
import { BUYER, history, issueCommand, NOW, OTHER, reserveCommand, settleCommand, usdPerTonne } from '../../batches/batch.fixtures';
import type { IssuedBatch } from '../../batches/batch.state';
import { unitStatus } from './unit-status';

function stateAfter(...commands: Parameters<typeof history>): IssuedBatch {
  const state = history(...commands).reduce(batchDecider.evolve, batchDecider.initialState());
  if (state.status !== 'issued') throw new Error('expected an issued batch');
  return state;
}

describe('unit status', () => {
  // 2,500 kg at USD 4,800/t: units 1-1000 bought and settled by BUYER, 1001-1200 reserved by OTHER,
  // 1-300 of BUYER's retired, the top 100 units cancelled.
  const purchase = '01900000-0000-7000-8000-00000000d001';
  const pending = '01900000-0000-7000-8000-00000000d002';
  const state = stateAfter(
    issueCommand(2500, usdPerTonne(4800)),
    reserveCommand(1000, purchase, BUYER),
    settleCommand(Money.of('USD', 480_000n), purchase),
    reserveCommand(200, pending, OTHER),
    {
      type: 'RetireCredits',
      data: { retirementId: '01900000-0000-7000-8000-00000000e001', companyId: BUYER, quantityKg: 300, claimYear: 2023, beneficiary: { name: 'Volta' }, purpose: 'claim', now: NOW },
    },
    { type: 'CancelUnits', data: { quantityKg: 100, reason: 'correction', now: NOW } },
  );

  it('status_WhenUnitInEachPlace_ThenThatPlace', () => {
    expect(unitStatus(state, 1)).toBe('retired');
    expect(unitStatus(state, 300)).toBe('retired');
    expect(unitStatus(state, 301)).toBe('held');
    expect(unitStatus(state, 1000)).toBe('held');
    expect(unitStatus(state, 1001)).toBe('reserved');
    expect(unitStatus(state, 1200)).toBe('reserved');
    expect(unitStatus(state, 1201)).toBe('available');
    expect(unitStatus(state, 2400)).toBe('available');
    expect(unitStatus(state, 2401)).toBe('cancelled');
    expect(unitStatus(state, 2500)).toBe('cancelled');
  });

  it('status_WhenUnitZeroOrBeyondTheBatch_ThenNull', () => {
    expect(unitStatus(state, 0)).toBeNull();
    expect(unitStatus(state, 2501)).toBeNull();
    expect(unitStatus(state, 1.5)).toBeNull();
  });
});
