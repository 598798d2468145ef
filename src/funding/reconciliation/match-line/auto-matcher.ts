// Auto-match of an imported statement (DESIGN §4): money in whose reference carries a purchase's
// invoice reference and whose amount equals it records that payment (or reconciles the one
// finance already recorded); money out matches a disbursement, money in a grant tranche, by bank
// reference and exact amount. A line with no candidate, or more than one, waits for a person; a
// candidate the matcher refuses (cancelled purchase, already matched) leaves the line waiting too.
import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@lib/event-store';
import { isDomainError } from '@lib/kernel';
import type { Logger } from 'pino';
import { invoiceReferencesIn, matchReference } from '../read-model/match-reference';
import { ReconciliationRows, TargetRow } from '../read-model/reconciliation-rows';
import type { MatchTarget } from '../statement.events';
import type { ImportedStatement, StatementLine } from '../statement.state';
import { LineMatcher } from './line-matcher';
import { APP_LOGGER } from '../../../ops/platform/platform.tokens';

@Injectable()
export class AutoMatcher {
  private readonly logger: Logger;

  constructor(
    private readonly rows: ReconciliationRows,
    private readonly matcher: LineMatcher,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: AutoMatcher.name });
  }

  /** Tries every unresolved line of the statement, in file order; returns the statement after. */
  async matchStatement(statement: ImportedStatement, metadata: EventMetadata): Promise<ImportedStatement> {
    let state = statement;
    for (const line of statement.lines) {
      if (state.resolutions.has(line.lineId)) continue;
      const candidates = await this.candidates(line);
      if (candidates.length !== 1) continue;
      try {
        state = await this.matcher.match(statement.statementId, line.lineId, candidates[0], 'auto', metadata);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        this.logger.info({ statementId: statement.statementId, lineId: line.lineId, target: candidates[0], code: error.code }, 'auto-match candidate refused; the line waits for a person');
      }
    }
    return state;
  }

  private async candidates(line: StatementLine): Promise<MatchTarget[]> {
    const reference = matchReference(line.reference);
    if (reference === '') return [];
    const { currency } = line.amount;
    const movedMinor = line.amount.isNegative() ? -line.amount.amountMinor : line.amount.amountMinor;
    const rows: TargetRow[] = line.amount.isPositive()
      ? [
          ...(await this.rows.unmatchedTargets('purchase', invoiceReferencesIn(reference), currency, movedMinor)),
          ...(await this.rows.unmatchedTargets('tranche', [reference], currency, movedMinor)),
        ]
      : await this.rows.unmatchedTargets('disbursement', [reference], currency, movedMinor);
    return rows.map((row) => ({ kind: row.kind, id: row.target_id }));
  }
}
