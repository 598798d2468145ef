// Matches a statement line by hand (POST /v1/reconciliation/lines/:id/match): to a purchase (its
// payment is recorded and the purchase settled if it still waits, or the payment already recorded
// is reconciled), a disbursement, a grant tranche, or explained in words.
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { StatementLineView } from '../statement-line.view';
import type { MatchTarget } from '../statement.events';

export type LineResolutionRequest = { target: MatchTarget } | { explanation: string };

export interface MatchedLine {
  line: StatementLineView;
  position: LogPosition | null;
}

export class MatchLineCommand extends Command<MatchedLine> {
  constructor(
    readonly lineId: string,
    readonly resolution: LineResolutionRequest,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
