// Footprints with coverage (DESIGN §1, §4): declarations on the company stream, the `footprints`
// read model, PUT and GET /v1/companies/:id/footprints(/:year).
import { Injectable, Module } from '@nestjs/common';
import { ProjectionCatalog } from '../../ops/platform/projection-catalog';
import { DeclareFootprintHandler } from './declare-footprint/declare-footprint.handler';
import { DeclareFootprintController } from './declare-footprint/declare-footprint.http';
import { footprintsProjection } from './get-footprints/footprints.projection';
import { GetFootprintsController } from './get-footprints/get-footprints.http';
import { GetFootprintsHandler } from './get-footprints/get-footprints.query';

@Injectable()
export class FootprintsProjectionRegistration {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(footprintsProjection);
  }
}

@Module({
  controllers: [DeclareFootprintController, GetFootprintsController],
  providers: [DeclareFootprintHandler, GetFootprintsHandler, FootprintsProjectionRegistration],
})
export class FootprintsModule {}
