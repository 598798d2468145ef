// Sites (DESIGN §4): registration with unique codes, the `sites` read model, GET routes.
// Batch numbering lives on the site stream too, but is driven by the issuance chain.
import { Injectable, Module } from '@nestjs/common';
import { ProjectionCatalog } from '../../ops/platform/projection-catalog';
import { GetSiteController } from './get-site/get-site.http';
import { GetSiteHandler } from './get-site/get-site.query';
import { sitesProjection } from './get-site/sites.projection';
import { ListSitesController } from './list-sites/list-sites.http';
import { ListSitesHandler } from './list-sites/list-sites.query';
import { RegisterSiteHandler } from './register-site/register-site.handler';
import { RegisterSiteController } from './register-site/register-site.http';

@Injectable()
export class SitesProjectionRegistration {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(sitesProjection);
  }
}

const handlers = [RegisterSiteHandler, GetSiteHandler, ListSitesHandler];

@Module({
  controllers: [RegisterSiteController, ListSitesController, GetSiteController],
  providers: [...handlers, SitesProjectionRegistration],
})
export class SitesModule {}
