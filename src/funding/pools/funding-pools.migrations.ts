// Migrations of the funding pools, grants, allocations and reports; src/ops/database/migrations.ts
// adds them to the app's list.
import { CreateFundingReadModels1767225605000 } from './funding-ledger/funding-ledger.migration';

export const fundingPoolsMigrations = [CreateFundingReadModels1767225605000];
