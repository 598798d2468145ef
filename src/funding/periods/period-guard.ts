// PeriodGuard.assertOpen(date): the check every money-movement command makes before appending
// (tranches, disbursements, purchase payments, statement lines): a business date inside a closed
// month is refused with 422 FUNDING.PERIOD_CLOSED. Allocations are committee decisions, not money
// movements, so they are not guarded.
import { Inject, Injectable } from '@nestjs/common';
import { EventStore, loadStream } from '@lib/event-store';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';
import { periodOfDate, periodStreamId } from './period';
import { periodDecider } from './period.decider';
import type { PeriodState } from './period.events';
import { MovementInClosedPeriod } from './periods.errors';

export interface LoadedPeriod {
  state: PeriodState;
  /** Revision of `period-{yyyy-mm}` (-1: no event yet, an open month). */
  revision: number;
}

@Injectable()
export class PeriodGuard {
  // Closing is final (no reopening), so a "closed" answer can be remembered for good; an "open"
  // one is read again every time. At most one entry per month: a small, slow-growing set.
  private readonly closedPeriods = new Set<string>();

  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  /**
   * Resolves when `date` (`YYYY-MM-DD` or an ISO 8601 date-time with a zone; its UTC day counts)
   * falls in an open month. Throws MovementInClosedPeriod (422 FUNDING.PERIOD_CLOSED) otherwise,
   * or InvalidPeriod (400) when `date` is not a date. `field` names the date in the error.
   */
  async assertOpen(date: string, field = 'date'): Promise<void> {
    const period = periodOfDate(date);
    if (await this.isClosed(period)) throw new MovementInClosedPeriod(period, { field, date });
  }

  async isClosed(period: string): Promise<boolean> {
    if (this.closedPeriods.has(period)) return true;
    const { state } = await this.load(period);
    return state.status === 'closed';
  }

  /** The period's state as recorded now (authoritative: read from its stream, not a read model). */
  async load(period: string): Promise<LoadedPeriod> {
    const loaded = await loadStream(this.eventStore, periodStreamId(period), periodDecider);
    if (loaded.state.status === 'closed') this.closedPeriods.add(period);
    return loaded;
  }
}
