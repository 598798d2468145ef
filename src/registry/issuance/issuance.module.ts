// Issuance (DESIGN §4, R4): POST /v1/milestones/:id/issuances runs the chain milestone → site →
// batch; the issuance completion reactor finishes any chain a crash interrupted.
import { Inject, Injectable, Module } from '@nestjs/common';
import type { EventStore } from '@lib/event-store';
import type { Logger } from 'pino';
import { AccessConfigModule } from '../../access/access-config.module';
import { CLOCK } from '../../access/access.tokens';
import type { AppClock } from '../../access/app-clock';
import { ProjectionCatalog } from '../../ops/platform/projection-catalog';
import { APP_LOGGER, EVENT_STORE } from '../../ops/platform/platform.tokens';
import { IssuanceChain } from './issuance-chain';
import { issuanceCompletionProjection } from './issuance-completion/issuance-completion.projection';
import { IssueCreditsHandler } from './issue-credits/issue-credits.handler';
import { IssueCreditsController } from './issue-credits/issue-credits.http';

@Injectable()
export class IssuanceCompletionRegistration {
  constructor(
    catalog: ProjectionCatalog,
    chain: IssuanceChain,
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(CLOCK) clock: AppClock,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    catalog.register(issuanceCompletionProjection({ eventStore, chain, clock, logger: logger.child({ component: 'issuance-completion' }) }));
  }
}

@Module({
  imports: [AccessConfigModule],
  controllers: [IssueCreditsController],
  providers: [IssuanceChain, IssueCreditsHandler, IssuanceCompletionRegistration],
})
export class IssuanceModule {}
