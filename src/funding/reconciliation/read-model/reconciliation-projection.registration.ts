// Declares the reconciliation projection to the app's runner (see ProjectionCatalog).
import { Injectable } from '@nestjs/common';
import { ProjectionCatalog } from '../../../ops/platform/projection-catalog';
import { reconciliationProjection } from './reconciliation.projection';

@Injectable()
export class ReconciliationProjectionRegistration {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(reconciliationProjection);
  }
}
