// The marketplace on the batch stream (issue 4, part B): purchases, transfers, retirements,
// holdings and footprints, each in its own module; the registry module imports this one.
import { Module } from '@nestjs/common';
import { FootprintsModule } from '../footprints/footprints.module';
import { HoldingsModule } from '../holdings/holdings.module';
import { RetirementsModule } from '../retirements/retirements.module';
import { TransfersModule } from '../transfers/transfers.module';
import { PurchasesModule } from './purchases.module';

@Module({
  imports: [PurchasesModule, TransfersModule, RetirementsModule, HoldingsModule, FootprintsModule],
})
export class MarketModule {}
