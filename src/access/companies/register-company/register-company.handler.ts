// company-{new id}: decide RegisterCompany and append; the answer is built from the new state.
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideOnStream, EventStore } from '@lib/event-store';
import { newId } from '@lib/kernel';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { companyDecider } from '../company.decider';
import { companyStreamId } from '../company.events';
import { RegisterCompanyCommand, RegisteredCompany } from './register-company.command';

@CommandHandler(RegisterCompanyCommand)
export class RegisterCompanyHandler implements ICommandHandler<RegisterCompanyCommand, RegisteredCompany> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ input, metadata }: RegisterCompanyCommand): Promise<RegisteredCompany> {
    const companyId = newId();
    const { state, position } = await decideOnStream(
      this.eventStore,
      companyStreamId(companyId),
      companyDecider,
      { type: 'RegisterCompany', companyId, ...input },
      metadata,
    );
    if (state.status !== 'registered' || position === null) throw new Error('RegisterCompany appended nothing');
    return {
      company: { id: state.companyId, name: state.name, country: state.country, lei: state.lei, registeredAt: metadata.occurredAt },
      position,
    };
  }
}
