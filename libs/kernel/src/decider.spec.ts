import { Decider, foldEvents } from './decider';

type Event = { type: 'Added'; n: number } | { type: 'Reset' };
const tally: Decider<never, number, Event> = {
  initialState: () => 0,
  evolve: (state, event) => {
    switch (event.type) {
      case 'Added':
        return state + event.n;
      case 'Reset':
        return 0;
      default: {
        const unreachable: never = event;
        return unreachable;
      }
    }
  },
  decide: () => [],
};

describe('foldEvents', () => {
  it('starts from the initial state', () => {
    expect(foldEvents(tally, [])).toBe(0);
  });

  it('applies events in order', () => {
    expect(foldEvents(tally, [{ type: 'Added', n: 2 }, { type: 'Reset' }, { type: 'Added', n: 5 }])).toBe(5);
    expect(foldEvents(tally, [{ type: 'Added', n: 5 }, { type: 'Reset' }])).toBe(0);
  });

  it('continues from an already folded state', () => {
    const partial = foldEvents(tally, [{ type: 'Added', n: 2 }]);
    expect(foldEvents(tally, [{ type: 'Added', n: 3 }], partial)).toBe(5);
  });

  it('accepts any iterable of events', () => {
    function* stream(): Generator<Event> {
      yield { type: 'Added', n: 1 };
      yield { type: 'Added', n: 1 };
    }
    expect(foldEvents(tally, stream())).toBe(2);
  });
});
