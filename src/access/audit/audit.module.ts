// Tamper evidence (DESIGN §3.6): chain verification and the raw log for auditors, the ledger head
// for the public. Imported by AccessModule.
import { Module } from '@nestjs/common';
import { hashChainAuditProvider } from './hash-chain-audit.provider';
import { LedgerHeadController } from './ledger-head/ledger-head.http';
import { ListAuditEventsController } from './list-audit-events/list-audit-events.http';
import { VerifyHashChainController } from './verify-hash-chain/verify-hash-chain.http';

@Module({
  controllers: [VerifyHashChainController, ListAuditEventsController, LedgerHeadController],
  providers: [hashChainAuditProvider],
})
export class AuditModule {}
