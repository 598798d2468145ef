// The funding context (DESIGN §3.1, issue 5): sale proceeds reactor, grants and tranches,
// allocations, disbursements, site funding read models and reports. Reconciliation and periods
// plug in as sub-modules (one import line each). Money movements consult PeriodGuard.
import { Module } from '@nestjs/common';
import { AccessConfigModule } from '../access/access-config.module';
import { AllocationDirectory } from './allocations/allocation-directory';
import { AllocationStreams } from './allocations/allocation-streams';
import { CancelAllocationHandler } from './allocations/cancel-allocation/cancel-allocation.handler';
import { CancelAllocationController } from './allocations/cancel-allocation/cancel-allocation.http';
import { ListAllocationsController } from './allocations/list-allocations/list-allocations.http';
import { GetAllocationHandler, ListAllocationsHandler } from './allocations/list-allocations/list-allocations.query';
import { RecordAllocationHandler } from './allocations/record-allocation/record-allocation.handler';
import { RecordAllocationController } from './allocations/record-allocation/record-allocation.http';
import { RecordDisbursementHandler } from './disbursements/record-disbursement/record-disbursement.handler';
import { RecordDisbursementController } from './disbursements/record-disbursement/record-disbursement.http';
import { RecordTrancheHandler } from './grants/record-tranche/record-tranche.handler';
import { RecordTrancheController } from './grants/record-tranche/record-tranche.http';
import { RegisterGrantHandler } from './grants/register-grant/register-grant.handler';
import { RegisterGrantController } from './grants/register-grant/register-grant.http';
import { PeriodsModule } from './periods/periods.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { FundingLedgerRegistration } from './pools/funding-ledger/funding-ledger.registration';
import { FundingSites } from './pools/funding-sites';
import { FundingStreams } from './pools/funding-streams';
import { GetSiteFundingController, GetSiteFundingHandler } from './pools/site-funding/get-site-funding.http';
import { GetPublicSiteFundingHandler, PublicSiteFundingController } from './pools/site-funding/public-site-funding.http';
import { SiteFundingReader } from './pools/site-funding/site-funding.reader';
import { ProceedsReactorHost } from './proceeds/proceeds-reactor.host';
import { SaleProceeds } from './proceeds/sale-proceeds';
import { FundingReportController } from './reports/funding-report/funding-report.http';
import { GetFundingReportHandler } from './reports/funding-report/funding-report.query';
import { GrantReportController } from './reports/grant-report/grant-report.http';
import { GetGrantReportHandler } from './reports/grant-report/grant-report.query';

const pools = [FundingStreams, FundingSites, FundingLedgerRegistration, SiteFundingReader, GetSiteFundingHandler, GetPublicSiteFundingHandler];
const proceeds = [SaleProceeds, ProceedsReactorHost];
const grants = [RegisterGrantHandler, RecordTrancheHandler];
const allocations = [AllocationDirectory, AllocationStreams, RecordAllocationHandler, CancelAllocationHandler, ListAllocationsHandler, GetAllocationHandler];
const disbursements = [RecordDisbursementHandler];
const reports = [GetFundingReportHandler, GetGrantReportHandler];

@Module({
  imports: [AccessConfigModule, PeriodsModule, ReconciliationModule],
  controllers: [
    RegisterGrantController,
    RecordTrancheController,
    RecordAllocationController,
    CancelAllocationController,
    ListAllocationsController,
    RecordDisbursementController,
    GetSiteFundingController,
    PublicSiteFundingController,
    FundingReportController,
    GrantReportController,
  ],
  providers: [...pools, ...proceeds, ...grants, ...allocations, ...disbursements, ...reports],
  exports: [FundingStreams],
})
export class FundingModule {}
