// Given/when/then for deciders, for Jest specs only (uses Jest's `expect`):
//   deciderSpec(batchDecider).given([issued]).when(reserve).then([reserved]);
//   deciderSpec(batchDecider).given([issued]).when(tooMuch).thenThrows(InsufficientUnits);
// `when` returns an object with a `then` method: do not `await` or return it from a test.
import type { Decider } from '../decider';
import { foldEvents } from '../decider';

/** An error class (checked with instanceof) or a DomainError code such as 'MONEY.INVALID'. */
export type ExpectedError = (abstract new (...args: never[]) => Error) | string;

export interface DeciderThen<Event> {
  /** The command produces exactly these events, in this order (deep equality). */
  then(expected: readonly Event[]): void;
  /** The command is refused with this error; returns it for further assertions. */
  thenThrows(expected: ExpectedError): Error;
}

export interface DeciderWhen<Command, Event> {
  when(command: Command): DeciderThen<Event>;
}

export interface DeciderGiven<Command, Event> {
  given(events: readonly Event[]): DeciderWhen<Command, Event>;
}

export function deciderSpec<Command, State, Event>(
  decider: Decider<Command, State, Event>,
): DeciderGiven<Command, Event> {
  return {
    given: (events) => ({
      when: (command) => {
        // Decide lazily so that thenThrows can catch a refusal.
        const run = (): Event[] => decider.decide(command, foldEvents(decider, events));
        return {
          then: (expected) => {
            expect(run()).toEqual(expected);
          },
          thenThrows: (expected) => {
            let produced: Event[];
            try {
              produced = run();
            } catch (error) {
              assertExpectedError(error, expected);
              return error as Error;
            }
            throw new Error(`Expected the command to be refused, it produced ${JSON.stringify(produced, bigintSafe)}`);
          },
        };
      },
    }),
  };
}

function assertExpectedError(error: unknown, expected: ExpectedError): void {
  if (typeof expected === 'string') {
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: unknown }).code).toBe(expected);
  } else {
    expect(error).toBeInstanceOf(expected);
  }
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}
