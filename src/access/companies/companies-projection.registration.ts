// Declares the companies projection to the app's runner (see ProjectionCatalog).
import { Injectable } from '@nestjs/common';
import { ProjectionCatalog } from '../../ops/platform/projection-catalog';
import { companiesProjection } from './get-company/companies.projection';

@Injectable()
export class CompaniesProjectionRegistration {
  constructor(catalog: ProjectionCatalog) {
    catalog.register(companiesProjection);
  }
}
