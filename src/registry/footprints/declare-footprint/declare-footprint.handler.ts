// company-{id}: DeclareFootprint. The footprint in the answer comes from the new state; the kilograms
// retired for that claim year come from the `footprints` read model as it stands (retirements live
// on batch streams, not on this one), so the answer's coverage may lag a retirement made just before.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOnStream, EventStore } from '@lib/event-store';
import { DataSource } from 'typeorm';
import { companyStreamId } from '../../../access/companies/company.events';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { positionAfter } from '../../shared/command-position';
import { footprintDecider } from '../footprint.decider';
import { coverageBps } from '../footprint.view';
import { footprintRowOf } from '../get-footprints/get-footprints.query';
import { DeclaredFootprint, DeclareFootprintCommand } from './declare-footprint.command';

@CommandHandler(DeclareFootprintCommand)
export class DeclareFootprintHandler implements ICommandHandler<DeclareFootprintCommand, DeclaredFootprint> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ input, metadata }: DeclareFootprintCommand): Promise<DeclaredFootprint> {
    const streamId = companyStreamId(input.companyId);
    const outcome = await decideOnStream(
      this.eventStore,
      streamId,
      footprintDecider,
      { type: 'DeclareFootprint', data: { ...input, now: metadata.occurredAt } },
      metadata,
    );
    const cobaltKg = outcome.state.footprints.get(input.year);
    if (cobaltKg === undefined) throw new Error('DeclareFootprint left no footprint for the year');
    const row = await footprintRowOf(this.dataSource, input.companyId, input.year);
    const retiredKg = row === null ? 0 : Number(row.retired_kg);
    // A repeat appended nothing: the declaration it repeats is dated by the read model.
    const declaredAt = outcome.position !== null ? metadata.occurredAt : (row?.declared_at?.toISOString() ?? null);
    return {
      footprint: { companyId: input.companyId, year: input.year, cobaltKg, retiredKg, coverageBps: coverageBps(retiredKg, cobaltKg), declaredAt },
      // A repeat appended nothing: the stream's last event stands for the state it answers from.
      position: await positionAfter(this.eventStore, streamId, outcome),
    };
  }
}
