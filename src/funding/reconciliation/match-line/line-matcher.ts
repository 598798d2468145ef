// Matching one statement line to the record it is the bank side of, for both the auto-match of an
// import and the manual route. Order of writes, each idempotent so a retry completes a half-done
// match: (1) claim the target on its own stream (each target matched once, across statements),
// (2) for a purchase still reserved, record its payment and settle it on its batch stream,
// (3) append LineMatched on the statement stream. Explaining a line is a single append.
import { Inject, Injectable } from '@nestjs/common';
import { decideOnStream, EventMetadata, EventStore, loadStream, LogPosition, StreamStateCache } from '@lib/event-store';
import { Money } from '@lib/kernel';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { PeriodGuard } from '../../periods/period-guard';
import { ReconciliationRows } from '../read-model/reconciliation-rows';
import { LineAlreadyResolved, MatchTargetNotFound, PurchaseNotPayable, StatementLineNotFound, StatementNotFound } from '../reconciliation.errors';
import { MatchLine, statementDecider } from '../statement.decider';
import { MatchMode, MatchTarget, statementStreamId, targetKey } from '../statement.events';
import { ImportedStatement, StatementLine } from '../statement.state';
import { Claimant, targetClaimDecider, targetClaimStreamId } from '../target-claim.decider';
import { LinePayment, PurchaseSettlement } from './purchase-settlement';

/** What a line must equal, and the batch to settle on when the purchase still waits for payment. */
interface FoundTarget {
  amount: Money;
  settleOnBatch: string | null;
}

/** Statements folded in memory; a stale entry only costs a catch-up read. */
const CACHED_STATEMENTS = 100;

@Injectable()
export class LineMatcher {
  private readonly statements = new StreamStateCache(CACHED_STATEMENTS);
  private readonly purchases: PurchaseSettlement;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly rows: ReconciliationRows,
    private readonly periods: PeriodGuard,
  ) {
    this.purchases = new PurchaseSettlement(eventStore);
  }

  async statement(statementId: string): Promise<ImportedStatement> {
    const { state } = await loadStream(this.eventStore, statementStreamId(statementId), statementDecider, this.statements);
    if (state.status !== 'imported') throw new StatementNotFound(statementId);
    return state;
  }

  /** Position of the statement stream's last event, for `X-Log-Position`. */
  async lastPosition(statementId: string): Promise<LogPosition | null> {
    const stream = statementStreamId(statementId);
    const { revision } = await loadStream(this.eventStore, stream, statementDecider, this.statements);
    if (revision < 0) return null;
    const [last] = await this.eventStore.readStream(stream, revision);
    return last?.position ?? null;
  }

  async explain(statementId: string, lineId: string, explanation: string, metadata: EventMetadata): Promise<ImportedStatement> {
    const { state } = await decideOnStream(
      this.eventStore,
      statementStreamId(statementId),
      statementDecider,
      { type: 'ExplainLine', data: { lineId, explanation, now: metadata.occurredAt } },
      metadata,
      { cache: this.statements },
    );
    return importedOrThrow(state, statementId);
  }

  async match(statementId: string, lineId: string, target: MatchTarget, mode: MatchMode, metadata: EventMetadata): Promise<ImportedStatement> {
    const state = await this.statement(statementId);
    const line = state.lineById.get(lineId);
    if (line === undefined) throw new StatementLineNotFound(lineId);
    const current = state.resolutions.get(lineId);
    if (current?.status === 'matched' && targetKey(current.target) === targetKey(target)) return state;
    if (current !== undefined) throw new LineAlreadyResolved(lineId, current.status);

    const found = await this.findTarget(target);
    const command: MatchLine = {
      type: 'MatchLine',
      data: { lineId, target, targetAmount: found.amount, outcome: found.settleOnBatch === null ? 'reconciled' : 'payment_recorded', mode, now: metadata.occurredAt },
    };
    // The decider's checks (amount, currency, direction, line free) before any other stream is touched.
    statementDecider.decide(command, state);
    await this.claim(target, { lineId, statementId }, metadata);
    try {
      if (found.settleOnBatch !== null) {
        await this.periods.assertOpen(line.date);
        const settled = await this.purchases.settle(found.settleOnBatch, target.id, linePayment(line), metadata);
        if (settled === 'already_settled') command.data.outcome = 'reconciled';
      }
      const { state: after } = await decideOnStream(this.eventStore, statementStreamId(statementId), statementDecider, command, metadata, { cache: this.statements });
      return importedOrThrow(after, statementId);
    } catch (error) {
      await this.releaseUnlessMatched(target, { lineId, statementId }, metadata);
      throw error;
    }
  }

  private async findTarget(target: MatchTarget): Promise<FoundTarget> {
    const row = await this.rows.targetOrWaitForHead(target.kind, target.id);
    if (row === null) throw new MatchTargetNotFound(target.kind, target.id);
    const indexed = Money.of(row.currency, row.amount_minor);
    if (target.kind !== 'purchase') return { amount: indexed, settleOnBatch: null };
    const batchId = row.batch_id;
    if (batchId === null) throw new MatchTargetNotFound(target.kind, target.id);
    const purchase = await this.purchases.status(batchId, target.id);
    switch (purchase.status) {
      case 'reserved':
        return { amount: purchase.amount, settleOnBatch: batchId };
      case 'settled':
        // R6: a settled purchase was paid exactly its invoiced amount, the one indexed.
        return { amount: indexed, settleOnBatch: null };
      case 'cancelled':
      case 'expired':
        throw new PurchaseNotPayable(target.id, purchase.status);
      case 'unknown':
        throw new MatchTargetNotFound(target.kind, target.id);
      default: {
        const unreachable: never = purchase;
        throw new Error(`Unknown purchase status ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /**
   * Claims the target for the line. A claim held by a line that was since resolved otherwise (its
   * match failed half-way) is taken over; one held by a line still unmatched is left alone, since
   * that match may still be completing: finish or explain that line first.
   */
  private async claim(target: MatchTarget, claimant: Claimant, metadata: EventMetadata): Promise<void> {
    const stream = targetClaimStreamId(target);
    const { state } = await loadStream(this.eventStore, stream, targetClaimDecider);
    const holder = state.claimant;
    const takeOverFrom = holder !== null && holder.lineId !== claimant.lineId && (await this.resolvedOtherwise(holder, target)) ? holder.lineId : null;
    await decideOnStream(this.eventStore, stream, targetClaimDecider, { type: 'ClaimTarget', data: { target, claimant, takeOverFrom } }, metadata);
  }

  private async resolvedOtherwise(holder: Claimant, target: MatchTarget): Promise<boolean> {
    const { state } = await loadStream(this.eventStore, statementStreamId(holder.statementId), statementDecider, this.statements);
    const resolution = state.status === 'imported' ? state.resolutions.get(holder.lineId) : undefined;
    if (resolution === undefined) return false;
    return resolution.status !== 'matched' || targetKey(resolution.target) !== targetKey(target);
  }

  /** Frees the claim after a failed match, only when the line is known not to be matched to it. */
  private async releaseUnlessMatched(target: MatchTarget, claimant: Claimant, metadata: EventMetadata): Promise<void> {
    try {
      const state = await this.statement(claimant.statementId);
      const resolution = state.resolutions.get(claimant.lineId);
      if (resolution?.status === 'matched' && targetKey(resolution.target) === targetKey(target)) return;
      await decideOnStream(this.eventStore, targetClaimStreamId(target), targetClaimDecider, { type: 'ReleaseTarget', data: { target, lineId: claimant.lineId } }, metadata);
    } catch {
      // Unsure whether the match landed: keep the claim. A kept claim blocks other lines from this
      // target until this line is matched again or explained, never the other way round.
    }
  }
}

function importedOrThrow(state: ImportedStatement | { status: 'none' }, statementId: string): ImportedStatement {
  if (state.status !== 'imported') throw new StatementNotFound(statementId);
  return state;
}

/** The payment a line shows, as the registry records payments (an ISO date-time, a bank reference). */
function linePayment(line: StatementLine): LinePayment {
  return {
    amount: line.amount,
    receivedAt: `${line.date}T00:00:00.000Z`,
    bankRef: line.reference === '' ? `bank statement line ${line.lineNo}` : line.reference,
  };
}
