// The PostgreSQL side of tamper evidence (HashChainAudit, DESIGN §3.6): chain verification, the
// ledger head and raw event pages, over any SqlRows (a pg Pool via poolRows, or TypeORM's
// dataSource.query). One instance per process: it holds the ledger head's state and lets
// concurrent verifications share one walk, since each walk reads the whole log.
import type { AuditedEvent, AuditEventQuery, HashChainAudit, HashChainReport, LedgerHead } from '../hash-chain.port';
import { listAuditEvents } from './audit-event-rows';
import { DEFAULT_VERIFY_BATCH_SIZE, verifyHashChains } from './hash-chain-verifier';
import { LedgerHeadTracker } from './ledger-head-tracker';
import type { SqlRows } from './sql-rows';

export interface PostgresHashChainAuditOptions {
  /** Events per statement of a verification (default 1,000). */
  verifyBatchSize?: number;
}

export class PostgresHashChainAudit implements HashChainAudit {
  private readonly ledgerHeadTracker: LedgerHeadTracker;
  private readonly verifyBatchSize: number;
  private verifying: Promise<HashChainReport> | null = null;

  constructor(
    private readonly sql: SqlRows,
    options: PostgresHashChainAuditOptions = {},
  ) {
    this.ledgerHeadTracker = new LedgerHeadTracker(sql);
    this.verifyBatchSize = options.verifyBatchSize ?? DEFAULT_VERIFY_BATCH_SIZE;
  }

  /** A caller arriving while a walk runs shares its report, which may predate that caller's latest writes (call again to cover them). */
  verify(): Promise<HashChainReport> {
    this.verifying ??= verifyHashChains(this.sql, this.verifyBatchSize).finally(() => {
      this.verifying = null;
    });
    return this.verifying;
  }

  ledgerHead(): Promise<LedgerHead> {
    return this.ledgerHeadTracker.current();
  }

  listEvents(query: AuditEventQuery): Promise<AuditedEvent[]> {
    return listAuditEvents(this.sql, query);
  }
}
