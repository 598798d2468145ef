// Registers a mine site (DESIGN §4, POST /v1/sites).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { SiteView } from '../site.view';

export interface RegisterSiteInput {
  code: string;
  name: string;
  cooperative: string;
  province: string;
  country: string;
  feeBps: number;
}

export interface RegisteredSite {
  site: SiteView;
  position: LogPosition;
}

export class RegisterSiteCommand extends Command<RegisteredSite> {
  constructor(
    readonly input: RegisterSiteInput,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
