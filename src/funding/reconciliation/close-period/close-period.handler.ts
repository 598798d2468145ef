// Reads the period stream (which statements registered lines in the month), folds each of those
// statements from its own stream (authoritative, no read-model lag) to find open lines, and
// decides ClosePeriod with what it found. If a statement registered meanwhile, the decider answers
// PeriodChanged and the check runs again, a bounded number of times.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOnStream, EventMetadata, EventStore, loadStream } from '@lib/event-store';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { periodStreamId } from '../../periods/period';
import { periodDecider } from '../../periods/period.decider';
import type { PeriodState } from '../../periods/period.events';
import { PeriodGuard } from '../../periods/period-guard';
import { PeriodChanged } from '../../periods/periods.errors';
import { statementDecider } from '../statement.decider';
import { statementStreamId } from '../statement.events';
import { ClosedPeriod, ClosePeriodCommand, PeriodClosureView } from './close-period.command';

/** Rounds of "check, then decide" against imports registering at the same moment. */
const MAX_ROUNDS = 3;

@CommandHandler(ClosePeriodCommand)
export class ClosePeriodHandler implements ICommandHandler<ClosePeriodCommand, ClosedPeriod> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly periods: PeriodGuard,
  ) {}

  async execute({ period, metadata }: ClosePeriodCommand): Promise<ClosedPeriod> {
    for (let round = 1; ; round += 1) {
      const { state } = await this.periods.load(period);
      if (state.status === 'closed') return { closure: await this.closureOf(period), position: null };
      try {
        return await this.close(period, state, metadata);
      } catch (error) {
        if (!(error instanceof PeriodChanged) || round >= MAX_ROUNDS) throw error;
      }
    }
  }

  private async close(period: string, state: PeriodState, metadata: EventMetadata): Promise<ClosedPeriod> {
    const checkedStatementIds = [...state.statements.keys()];
    const missingStatementIds: string[] = [];
    const openLineIds: string[] = [];
    for (const statementId of checkedStatementIds) {
      const { state: statement } = await loadStream(this.eventStore, statementStreamId(statementId), statementDecider);
      if (statement.status !== 'imported') {
        missingStatementIds.push(statementId);
        continue;
      }
      for (const line of statement.lines) {
        if (line.date.startsWith(`${period}-`) && !statement.resolutions.has(line.lineId)) openLineIds.push(line.lineId);
      }
    }
    const result = await decideOnStream(
      this.eventStore,
      periodStreamId(period),
      periodDecider,
      { type: 'ClosePeriod', data: { period, now: metadata.occurredAt, checkedStatementIds, missingStatementIds, openLineIds } },
      metadata,
    );
    return { closure: await this.closureOf(period), position: result.position };
  }

  private async closureOf(period: string): Promise<PeriodClosureView> {
    const events = await this.eventStore.readStream(periodStreamId(period));
    const closed = events.find((event) => event.type === 'PeriodClosed');
    if (closed === undefined) throw new Error(`Period ${period} has no PeriodClosed event`);
    const data = closed.data as { statementIds: string[]; lineCount: number; closedAt: string };
    return { period, status: 'closed', closedAt: data.closedAt, statementIds: data.statementIds, lineCount: data.lineCount };
  }
}
