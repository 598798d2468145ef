// Typed failures of libs/projections, with stable codes for the CLI and the HTTP layer.

export class ProjectionLocked extends Error {
  readonly code = 'PROJECTIONS.LOCKED';
  constructor(readonly projection: string) {
    super(`Projection ${projection} is being run by another process`);
    this.name = 'ProjectionLocked';
  }
}

export class UnknownProjection extends Error {
  readonly code = 'PROJECTIONS.UNKNOWN';
  constructor(
    readonly projection: string,
    readonly known: readonly string[],
  ) {
    super(`Unknown projection "${projection}"; known: ${known.join(', ') || '(none)'}`);
    this.name = 'UnknownProjection';
  }
}

export class RebuildTimedOut extends Error {
  readonly code = 'PROJECTIONS.REBUILD_TIMED_OUT';
  constructor(
    readonly projection: string,
    readonly waitedMs: number,
  ) {
    super(`Projection ${projection} was not rebuilt by its runner within ${waitedMs} ms (the request stays pending)`);
    this.name = 'RebuildTimedOut';
  }
}
