// Transfers of held units between companies (DESIGN §4, POST /v1/transfers).
import { Module } from '@nestjs/common';
import { PurchasesModule } from '../purchases/purchases.module';
import { TransferCreditsHandler } from './transfer-credits/transfer-credits.handler';
import { TransferCreditsController } from './transfer-credits/transfer-credits.http';

@Module({
  imports: [PurchasesModule],
  controllers: [TransferCreditsController],
  providers: [TransferCreditsHandler],
})
export class TransfersModule {}
