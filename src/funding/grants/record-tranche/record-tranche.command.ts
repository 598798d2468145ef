// Records a tranche of a grant received at the bank (POST /v1/grants/:id/tranches).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { Money } from '@lib/kernel';
import type { TrancheView } from '../grant.view';

export interface RecordedTranche {
  tranche: TrancheView;
  position: LogPosition | null;
}

export class RecordTrancheCommand extends Command<RecordedTranche> {
  constructor(
    readonly grantId: string,
    readonly input: { amount: Money; receivedAt: string; bankRef: string },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
