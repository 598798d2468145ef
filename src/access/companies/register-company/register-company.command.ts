// Registers a downstream company (DESIGN §4, POST /v1/companies).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { CompanyView } from '../company.view';

export interface RegisteredCompany {
  company: CompanyView;
  position: LogPosition;
}

export class RegisterCompanyCommand extends Command<RegisteredCompany> {
  constructor(
    readonly input: { name: string; country: string; lei: string | null },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
