import { DomainError } from '../domain-error';
import { Decider } from '../decider';
import { deciderSpec } from './decider-spec';

// A tiny example aggregate: a tab that takes amounts until it is closed.
type TabCommand = { type: 'Charge'; amountMinor: bigint } | { type: 'Close' };
type TabEvent = { type: 'Charged'; amountMinor: bigint } | { type: 'Closed'; totalMinor: bigint };
type TabState = { status: 'open'; totalMinor: bigint } | { status: 'closed'; totalMinor: bigint };

class TabClosed extends DomainError {
  readonly code = 'TAB.CLOSED';
  readonly kind = 'rule' as const;
}

const tab: Decider<TabCommand, TabState, TabEvent> = {
  initialState: () => ({ status: 'open', totalMinor: 0n }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'Charged':
        return { status: 'open', totalMinor: state.totalMinor + event.amountMinor };
      case 'Closed':
        return { status: 'closed', totalMinor: state.totalMinor };
      default: {
        const unreachable: never = event;
        return unreachable;
      }
    }
  },
  decide: (command, state) => {
    if (state.status === 'closed') throw new TabClosed('The tab is closed');
    switch (command.type) {
      case 'Charge':
        return [{ type: 'Charged', amountMinor: command.amountMinor }];
      case 'Close':
        return [{ type: 'Closed', totalMinor: state.totalMinor }];
      default: {
        const unreachable: never = command;
        return unreachable;
      }
    }
  },
};

const spec = deciderSpec(tab);

describe('deciderSpec', () => {
  it('checks the events a command produces from the folded history', () => {
    spec
      .given([
        { type: 'Charged', amountMinor: 150n },
        { type: 'Charged', amountMinor: 250n },
      ])
      .when({ type: 'Close' })
      .then([{ type: 'Closed', totalMinor: 400n }]);
  });

  it('fails when the events differ', () => {
    expect(() =>
      spec.given([]).when({ type: 'Charge', amountMinor: 1n }).then([{ type: 'Charged', amountMinor: 2n }]),
    ).toThrow();
  });

  it('checks a refusal by error class or by code, and returns the error', () => {
    const closed: TabEvent[] = [{ type: 'Closed', totalMinor: 0n }];
    const error = spec.given(closed).when({ type: 'Charge', amountMinor: 1n }).thenThrows(TabClosed);
    expect(error.message).toBe('The tab is closed');
    spec.given(closed).when({ type: 'Close' }).thenThrows('TAB.CLOSED');
  });

  it('fails when the command is accepted but a refusal was expected', () => {
    expect(() => spec.given([]).when({ type: 'Close' }).thenThrows(TabClosed)).toThrow(
      'Expected the command to be refused, it produced [{"type":"Closed","totalMinor":"0n"}]',
    );
  });

  it('fails when the refusal is of another kind', () => {
    const closed: TabEvent[] = [{ type: 'Closed', totalMinor: 0n }];
    expect(() => spec.given(closed).when({ type: 'Close' }).thenThrows('TAB.OTHER')).toThrow();
    expect(() => spec.given(closed).when({ type: 'Close' }).thenThrows(RangeError)).toThrow();
  });
});
