// Declares the `funding` projection to the app's runner (see ProjectionCatalog).
import { Injectable } from '@nestjs/common';
import { ProjectionCatalog } from '../../../ops/platform/projection-catalog';
import { fundingLedgerProjection } from './funding-ledger.projection';

@Injectable()
export class FundingLedgerRegistration {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(fundingLedgerProjection);
  }
}
