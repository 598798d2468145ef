// Parses the CSV (all or nothing), registers the statement on the period stream of every month
// its lines fall in (refused if one is closed), records it on `statement-{id}`, then auto-matches.
// Re-posting the same content records nothing new and re-runs auto-match on lines still open,
// which also completes an import that stopped half-way.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOnStream, EventMetadata, EventStore, LogPosition } from '@lib/event-store';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { periodStreamId } from '../../periods/period';
import { periodDecider } from '../../periods/period.decider';
import { PeriodGuard } from '../../periods/period-guard';
import { MovementInClosedPeriod } from '../../periods/periods.errors';
import { AutoMatcher } from '../match-line/auto-matcher';
import { LineMatcher } from '../match-line/line-matcher';
import { ReconciliationRows } from '../read-model/reconciliation-rows';
import { InvalidStatement, StatementNotFound } from '../reconciliation.errors';
import { statementDecider } from '../statement.decider';
import { statementStreamId } from '../statement.events';
import { ImportedStatementResult, ImportStatementCommand } from './import-statement.command';
import { parseStatementCsv } from './statement-csv';
import { draftStatement, linesByPeriod, StatementDraft } from './statement-draft';
import { AutoMatchStatus, statementView } from './statement.view';

/**
 * How long an import waits for the read model to index what it must match against. Longer than a
 * GET's wait: the import is already recorded, and answering "pending" makes finance post it again.
 */
const AUTO_MATCH_WAIT_MS = 10_000;
const DAY_MS = 86_400_000;

/** The UTC day after `instant`: value dates up to tomorrow are accepted (banks east of UTC). */
function nextUtcDay(instant: string): string {
  return new Date(Date.parse(instant) + DAY_MS).toISOString().slice(0, 10);
}

@CommandHandler(ImportStatementCommand)
export class ImportStatementHandler implements ICommandHandler<ImportStatementCommand, ImportedStatementResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly periods: PeriodGuard,
    private readonly matcher: LineMatcher,
    private readonly autoMatcher: AutoMatcher,
    private readonly rows: ReconciliationRows,
  ) {}

  async execute({ csv, metadata }: ImportStatementCommand): Promise<ImportedStatementResult> {
    const parsed = parseStatementCsv(csv, { latestDay: nextUtcDay(metadata.occurredAt) });
    if (!parsed.ok) throw new InvalidStatement(parsed.problems);
    const draft = draftStatement(parsed.lines);
    const existing = await this.matcher.statement(draft.statementId).catch((error: unknown) => {
      if (error instanceof StatementNotFound) return null;
      throw error;
    });
    // Null when nothing new was recorded (this content was imported before, or by a racing twin).
    const importPosition = existing === null ? await this.record(draft, metadata) : null;
    const created = importPosition !== null;
    const ready = created ? await this.rows.reach(importPosition, AUTO_MATCH_WAIT_MS) : await this.rows.catchUp(AUTO_MATCH_WAIT_MS);
    const autoMatch: AutoMatchStatus = ready ? 'done' : 'pending';
    const recorded = await this.matcher.statement(draft.statementId);
    const statement = ready ? await this.autoMatcher.matchStatement(recorded, metadata) : recorded;
    return { statement: statementView(statement, !created, autoMatch), created, position: await this.matcher.lastPosition(draft.statementId) };
  }

  private async record(draft: StatementDraft, metadata: EventMetadata): Promise<LogPosition | null> {
    const byPeriod = linesByPeriod(draft.lines);
    for (const [period, lineNumbers] of byPeriod) {
      if (await this.periods.isClosed(period)) throw new MovementInClosedPeriod(period, { lines: lineNumbers });
    }
    const registered: string[] = [];
    try {
      for (const [period, lineNumbers] of byPeriod) {
        const command = { type: 'RegisterStatement' as const, data: { period, statementId: draft.statementId, lineCount: lineNumbers.length } };
        await decideOnStream(this.eventStore, periodStreamId(period), periodDecider, command, metadata);
        registered.push(period);
      }
    } catch (error) {
      // Refused for one month (closed meanwhile): take back the registrations already made, so
      // those months do not wait for a statement that will never be recorded.
      for (const period of registered) {
        const command = { type: 'WithdrawStatement' as const, data: { period, statementId: draft.statementId } };
        await decideOnStream(this.eventStore, periodStreamId(period), periodDecider, command, metadata).catch(() => undefined);
      }
      throw error;
    }
    // No withdrawal past this point: if this append fails, it may still have landed; closing then
    // waits for the statement ("import incomplete") until the same file is posted again.
    const { position } = await decideOnStream(
      this.eventStore,
      statementStreamId(draft.statementId),
      statementDecider,
      { type: 'ImportStatement', data: { ...draft, now: metadata.occurredAt } },
      metadata,
    );
    return position;
  }
}
