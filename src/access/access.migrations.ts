// Every migration of the access context; src/ops/database/migrations.ts adds them to the app's list.
import { CreateApiKeys1767225601100 } from './api-keys/api-keys.migration';
import { CreateCompanies1767225601000 } from './companies/companies.migration';
import { CreateIdempotencyKeys1767225601200 } from './idempotency/idempotency.migration';

export const accessMigrations = [CreateCompanies1767225601000, CreateApiKeys1767225601100, CreateIdempotencyKeys1767225601200];
