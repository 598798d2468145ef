// Milestones (DESIGN §4, R4): propose at a site, verify with another key, reject; the
// `milestones` read model and its GET routes. Issuance against them lives in ../issuance.
import { Injectable, Module } from '@nestjs/common';
import { ProjectionCatalog } from '../../ops/platform/projection-catalog';
import { GetMilestoneController } from './get-milestone/get-milestone.http';
import { GetMilestoneHandler } from './get-milestone/get-milestone.query';
import { milestonesProjection } from './get-milestone/milestones.projection';
import { ListSiteMilestonesController } from './list-site-milestones/list-site-milestones.http';
import { ListSiteMilestonesHandler } from './list-site-milestones/list-site-milestones.query';
import { ProposeMilestoneHandler } from './propose-milestone/propose-milestone.handler';
import { ProposeMilestoneController } from './propose-milestone/propose-milestone.http';
import { RejectMilestoneHandler } from './reject-milestone/reject-milestone.handler';
import { RejectMilestoneController } from './reject-milestone/reject-milestone.http';
import { VerifyMilestoneHandler } from './verify-milestone/verify-milestone.handler';
import { VerifyMilestoneController } from './verify-milestone/verify-milestone.http';

@Injectable()
export class MilestonesProjectionRegistration {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(milestonesProjection);
  }
}

const commandHandlers = [ProposeMilestoneHandler, VerifyMilestoneHandler, RejectMilestoneHandler];
const queryHandlers = [GetMilestoneHandler, ListSiteMilestonesHandler];

@Module({
  controllers: [ProposeMilestoneController, VerifyMilestoneController, RejectMilestoneController, GetMilestoneController, ListSiteMilestonesController],
  providers: [...commandHandlers, ...queryHandlers, MilestonesProjectionRegistration],
})
export class MilestonesModule {}
