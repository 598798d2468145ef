// Registers a funder's grant (POST /v1/grants).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { Money } from '@lib/kernel';
import type { GrantView } from '../grant.view';

export interface RegisteredGrant {
  grant: GrantView;
  position: LogPosition | null;
}

export class RegisterGrantCommand extends Command<RegisteredGrant> {
  constructor(
    readonly input: { funder: string; reference: string; total: Money; siteIds: readonly string[] | null },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
