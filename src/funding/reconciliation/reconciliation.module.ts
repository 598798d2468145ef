// Bank reconciliation (DESIGN §4, issue 5): statement import with auto-match, manual matching,
// the period view and closing. FundingModule imports it; its migrations are
// `reconciliationMigrations` (read-model/reconciliation.migration.ts).
import { Module } from '@nestjs/common';
import { PeriodsModule } from '../periods/periods.module';
import { ClosePeriodHandler } from './close-period/close-period.handler';
import { ClosePeriodController } from './close-period/close-period.http';
import { CsvBodyParser } from './import-statement/csv-body-parser';
import { ImportStatementHandler } from './import-statement/import-statement.handler';
import { ImportStatementController } from './import-statement/import-statement.http';
import { AutoMatcher } from './match-line/auto-matcher';
import { LineMatcher } from './match-line/line-matcher';
import { MatchLineHandler } from './match-line/match-line.handler';
import { MatchLineController } from './match-line/match-line.http';
import { GetPeriodController } from './period-report/get-period.http';
import { GetPeriodHandler } from './period-report/get-period.query';
import { ReconciliationProjectionRegistration } from './read-model/reconciliation-projection.registration';
import { ReconciliationRows } from './read-model/reconciliation-rows';

const readModel = [ReconciliationProjectionRegistration, ReconciliationRows];
const matching = [LineMatcher, AutoMatcher];
const useCases = [ImportStatementHandler, MatchLineHandler, ClosePeriodHandler, GetPeriodHandler];

@Module({
  imports: [PeriodsModule],
  controllers: [ImportStatementController, MatchLineController, GetPeriodController, ClosePeriodController],
  providers: [CsvBodyParser, ...readModel, ...matching, ...useCases],
})
export class ReconciliationModule {}
