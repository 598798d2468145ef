// Reconciliation periods: PeriodGuard for every money-movement command. Import PeriodsModule where
// a command records a dated movement (it needs only the global EVENT_STORE).
import { Module } from '@nestjs/common';
import { PeriodGuard } from './period-guard';

@Module({ providers: [PeriodGuard], exports: [PeriodGuard] })
export class PeriodsModule {}
