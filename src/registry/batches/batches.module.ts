// Batches over HTTP: the `batches` supply read model with its GET routes, and repricing. The
// batch aggregate itself (batch.decider.ts) is written to by issuance and the marketplace.
import { Injectable, Module } from '@nestjs/common';
import { ProjectionCatalog } from '../../ops/platform/projection-catalog';
import { batchesProjection } from './get-batch/batches.projection';
import { GetBatchController } from './get-batch/get-batch.http';
import { GetBatchHandler } from './get-batch/get-batch.query';
import { ListBatchesController } from './list-batches/list-batches.http';
import { ListBatchesHandler } from './list-batches/list-batches.query';
import { RepriceBatchHandler } from './reprice-batch/reprice-batch.handler';
import { RepriceBatchController } from './reprice-batch/reprice-batch.http';

@Injectable()
export class BatchesProjectionRegistration {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(batchesProjection);
  }
}

@Module({
  controllers: [ListBatchesController, GetBatchController, RepriceBatchController],
  providers: [RepriceBatchHandler, GetBatchHandler, ListBatchesHandler, BatchesProjectionRegistration],
})
export class BatchesModule {}
