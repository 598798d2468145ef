// A company declares (or replaces) its cobalt footprint for a year (PUT /v1/companies/:id/footprints/:year).
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { FootprintView } from '../footprint.view';

export interface DeclaredFootprint {
  footprint: FootprintView;
  /** Of the declaration, or of the company stream's last event when the same footprint was already declared. */
  position: LogPosition | null;
}

export class DeclareFootprintCommand extends Command<DeclaredFootprint> {
  constructor(
    readonly input: { companyId: string; year: number; cobaltKg: number },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
