// company-{id}: DeclareFootprint. The footprint in the answer comes from the new state; the kilograms
// retired for that claim year come from the `footprints` read model as it stands (retirements live
// on batch streams, not on this one).
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOnStream, EventStore } from '@lib/event-store';
import { DataSource } from 'typeorm';
import { companyStreamId } from '../../../access/companies/company.events';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { footprintDecider } from '../footprint.decider';
import { coverageBps } from '../footprint.view';
import { retiredForClaimYear } from '../get-footprints/get-footprints.query';
import { DeclaredFootprint, DeclareFootprintCommand } from './declare-footprint.command';

@CommandHandler(DeclareFootprintCommand)
export class DeclareFootprintHandler implements ICommandHandler<DeclareFootprintCommand, DeclaredFootprint> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ input, metadata }: DeclareFootprintCommand): Promise<DeclaredFootprint> {
    const { state, position } = await decideOnStream(
      this.eventStore,
      companyStreamId(input.companyId),
      footprintDecider,
      { type: 'DeclareFootprint', data: { ...input, now: metadata.occurredAt } },
      metadata,
    );
    const cobaltKg = state.footprints.get(input.year);
    if (cobaltKg === undefined) throw new Error('DeclareFootprint left no footprint for the year');
    const retiredKg = await retiredForClaimYear(this.dataSource, input.companyId, input.year);
    return {
      footprint: { companyId: input.companyId, year: input.year, cobaltKg, retiredKg, coverageBps: coverageBps(retiredKg, cobaltKg), declaredAt: position === null ? null : metadata.occurredAt },
      position,
    };
  }
}
