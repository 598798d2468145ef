// Issues credits against a verified milestone (DESIGN §4, POST /v1/milestones/:id/issuances).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { Money } from '@lib/kernel';
import type { BatchView } from '../../batches/batch.view';

export interface IssueCreditsInput {
  quantityKg: number;
  vintage: number;
  pricePerTonne: Money;
}

export interface IssuedCredits {
  batch: BatchView;
  /** Covers both the milestone's and the batch's events (read models `milestones` and `batches`). */
  position: LogPosition | null;
}

export class IssueCreditsCommand extends Command<IssuedCredits> {
  constructor(
    readonly milestoneId: string,
    readonly input: IssueCreditsInput,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
