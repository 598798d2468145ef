// Every migration of libs/projections, in order; the app adds them to its DataSource.
import { CreateCheckpoints1767225600100 } from './checkpoints/create-checkpoints.migration';
import { CreateProjectionRebuildSchema1767225600200 } from './rebuild/create-rebuild-schema.migration';

export const projectionsMigrations = [CreateCheckpoints1767225600100, CreateProjectionRebuildSchema1767225600200];
