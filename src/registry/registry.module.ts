// The registry context (DESIGN §3.1): one Nest module per slice, imported here. Adding a slice is
// one import line; AppModule imports only this module.
import { Module } from '@nestjs/common';
import { BatchesModule } from './batches/batches.module';
import { IssuanceModule } from './issuance/issuance.module';
import { MilestonesModule } from './milestones/milestones.module';
import { MarketModule } from './purchases/market.module';
import { SitesModule } from './sites/sites.module';

@Module({
  imports: [SitesModule, MilestonesModule, IssuanceModule, BatchesModule, MarketModule],
})
export class RegistryModule {}
