// Every migration of the registry context; src/ops/database/migrations.ts adds them to the app's
// list. Each slice adds its own classes here (TypeORM orders them by their timestamps).
import { CreateWebhooks1767225609100 } from '../access/webhooks/webhooks.migration';
import { CreateBatches1767225602300 } from './batches/batches.migration';
import { CreateCertificates1767225609200 } from './certificates/certificates.migration';
import { CreateIssuanceCompletions1767225602400 } from './issuance/issuance-completion/issuance-completions.migration';
import { CreateMilestones1767225602200 } from './milestones/milestones.migration';
import { marketMigrations } from './purchases/market.migrations';
import { CreateSites1767225602100 } from './sites/sites.migration';

export const registryMigrations = [CreateSites1767225602100, CreateMilestones1767225602200, CreateBatches1767225602300, CreateIssuanceCompletions1767225602400, ...marketMigrations, CreateWebhooks1767225609100, CreateCertificates1767225609200];
