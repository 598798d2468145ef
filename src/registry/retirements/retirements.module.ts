// Retirements (DESIGN §4): POST /v1/retirements, GET /v1/retirements/:id and the `retirements`
// read model (also read by certificates and the public retirement pages).
import { Injectable, Module } from '@nestjs/common';
import { ProjectionCatalog } from '../../ops/platform/projection-catalog';
import { PurchasesModule } from '../purchases/purchases.module';
import { GetRetirementController } from './get-retirement/get-retirement.http';
import { GetRetirementHandler } from './get-retirement/get-retirement.query';
import { retirementsProjection } from './get-retirement/retirements.projection';
import { RetireCreditsHandler } from './retire-credits/retire-credits.handler';
import { RetireCreditsController } from './retire-credits/retire-credits.http';

@Injectable()
export class RetirementsProjectionRegistration {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(retirementsProjection);
  }
}

@Module({
  imports: [PurchasesModule],
  controllers: [RetireCreditsController, GetRetirementController],
  providers: [RetireCreditsHandler, GetRetirementHandler, RetirementsProjectionRegistration],
})
export class RetirementsModule {}
