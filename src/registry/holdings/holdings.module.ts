// Company holdings (DESIGN §4): the `holdings` read model and GET /v1/companies/:id/holdings.
import { Injectable, Module } from '@nestjs/common';
import { ProjectionCatalog } from '../../ops/platform/projection-catalog';
import { GetHoldingsController } from './get-holdings.http';
import { GetHoldingsHandler } from './get-holdings.query';
import { holdingsProjection } from './holdings.projection';

@Injectable()
export class HoldingsProjectionRegistration {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(holdingsProjection);
  }
}

@Module({
  controllers: [GetHoldingsController],
  providers: [GetHoldingsHandler, HoldingsProjectionRegistration],
})
export class HoldingsModule {}
