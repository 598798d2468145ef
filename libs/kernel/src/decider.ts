// The shape of every aggregate's business logic (emmett style): pure functions, no I/O, no clock.
// A handler loads a stream, folds it with `evolve`, calls `decide`, and appends what it returns.

export interface Decider<Command, State, Event> {
  /** The events a command produces in a state; throws a DomainError to refuse it. */
  decide(command: Command, state: State): Event[];
  /** The state after one recorded event. Must never throw on a recorded fact. */
  evolve(state: State, event: Event): State;
  /** The state of a stream that has no events yet. */
  initialState(): State;
}

/** Folds events into state, from `initialState()` or from a state already folded (`from`). */
export function foldEvents<State, Event>(
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
  from: State = decider.initialState(),
): State {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
