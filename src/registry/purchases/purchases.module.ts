// Purchases on the batch stream (DESIGN §4): reserve, settle on payment, cancel, expiry through a
// delayed job, and the `purchases` read model. Exports the BatchWriter that transfers and
// retirements share, so every marketplace command on a batch goes through one queue per stream.
import { Injectable, Module } from '@nestjs/common';
import type { AppConfig } from '../../ops/config/app-config';
import { APP_CONFIG } from '../../ops/platform/platform.tokens';
import { AccessConfigModule } from '../../access/access-config.module';
import { PeriodsModule } from '../../funding/periods/periods.module';
import { ProjectionCatalog } from '../../ops/platform/projection-catalog';
import { BatchWriter } from './batch-writer';
import { CancelPurchaseHandler } from './cancel-purchase/cancel-purchase.handler';
import { CancelPurchaseController } from './cancel-purchase/cancel-purchase.http';
import { ReservationExpiryJobs } from './expire-reservation/expire-reservation.job';
import { GetPurchaseController } from './get-purchase/get-purchase.http';
import { ListPurchasesController } from './list-purchases/list-purchases.http';
import { ListPurchasesHandler } from './list-purchases/list-purchases.query';
import { purchasesProjection } from './list-purchases/purchases.projection';
import { loadMarketConfig, MARKET_CONFIG } from './market-config';
import { PurchaseRows } from './purchase-rows';
import { ReserveCreditsHandler } from './reserve-credits/reserve-credits.handler';
import { ReserveCreditsController } from './reserve-credits/reserve-credits.http';
import { SettlePurchaseHandler } from './settle-purchase/settle-purchase.handler';
import { SettlePurchaseController } from './settle-purchase/settle-purchase.http';

@Injectable()
export class PurchasesProjectionRegistration {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(purchasesProjection);
  }
}

const handlers = [ReserveCreditsHandler, SettlePurchaseHandler, CancelPurchaseHandler, ListPurchasesHandler];

@Module({
  imports: [AccessConfigModule, PeriodsModule],
  controllers: [ReserveCreditsController, ListPurchasesController, GetPurchaseController, SettlePurchaseController, CancelPurchaseController],
  providers: [
    { provide: MARKET_CONFIG, useFactory: (config: AppConfig) => loadMarketConfig(config.environment), inject: [APP_CONFIG] },
    BatchWriter,
    PurchaseRows,
    ...handlers,
    ReservationExpiryJobs,
    PurchasesProjectionRegistration,
  ],
  exports: [BatchWriter],
})
export class PurchasesModule {}
