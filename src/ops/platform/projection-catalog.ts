// Where bounded contexts declare their projections. Register from a provider's constructor or
// onModuleInit: the runner is built from the catalog in onApplicationBootstrap, after every module
// has initialised, and the catalog is closed to changes from then on.
import { Injectable } from '@nestjs/common';
import type { Projection } from '@lib/projections';

@Injectable()
export class ProjectionCatalog {
  private readonly projections: Projection[] = [];
  private closed = false;

  register(...projections: Projection[]): void {
    if (this.closed) throw new Error('Projections must be registered before the application bootstraps');
    this.projections.push(...projections);
  }

  /** Closes the catalog and returns every registered projection. */
  seal(): readonly Projection[] {
    this.closed = true;
    return [...this.projections];
  }
}
