// The registry context (DESIGN §3.1): one Nest module per slice, imported here. Adding a slice is
// one import line; AppModule imports only this module.
import { Module } from '@nestjs/common';
// Webhooks live in the access context (DESIGN §3.1) but exist for the registry's batch events.
import { WebhooksModule } from '../access/webhooks/webhooks.module';
import { BatchesModule } from './batches/batches.module';
import { CertificatesModule } from './certificates/certificates.module';
import { IssuanceModule } from './issuance/issuance.module';
import { MilestonesModule } from './milestones/milestones.module';
import { PublicModule } from './public/public.module';
import { MarketModule } from './purchases/market.module';
import { SitesModule } from './sites/sites.module';

@Module({
  imports: [SitesModule, MilestonesModule, IssuanceModule, BatchesModule, MarketModule, CertificatesModule, PublicModule, WebhooksModule],
})
export class RegistryModule {}
