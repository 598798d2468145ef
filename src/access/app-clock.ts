// The clock behind the CLOCK token: the system clock, unless a test swaps in a FixedClock
// (`app.get(CLOCK).use(fixed)`), which every consumer then sees at once since they share this holder.
import { Clock, systemClock } from '@lib/kernel';

export class AppClock implements Clock {
  private source: Clock = systemClock;

  now(): Date {
    return this.source.now();
  }

  /** Replaces the time source; `use(systemClock)` restores real time. */
  use(source: Clock): void {
    this.source = source;
  }
}
