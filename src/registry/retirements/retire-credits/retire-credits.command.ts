// A company retires held units for a claim year, a beneficiary and a purpose (POST /v1/retirements).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { Beneficiary } from '../../batches/batch.events';
import type { RetirementView } from '../retirement.view';

export interface RetiredCredits {
  retirement: RetirementView;
  position: LogPosition;
}

export class RetireCreditsCommand extends Command<RetiredCredits> {
  constructor(
    readonly input: { batchId: string; companyId: string; quantityKg: number; claimYear: number; beneficiary: Beneficiary; purpose: string },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
