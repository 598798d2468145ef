// Read-your-writes for GETs (DESIGN §3.4): `?minPosition=<X-Log-Position of a command>` waits,
// at most READ_WAIT_MS (2 s by default), until the named projections have applied that position.
import { ServiceUnavailableException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { parsePosition } from '@lib/event-store';
import { DomainError } from '@lib/kernel';
import type { ProjectionsHost } from '../../ops/platform/projections-host';

export class InvalidMinPosition extends DomainError {
  readonly code = 'REQUEST.INVALID_MIN_POSITION';
  readonly kind = 'validation' as const;
  constructor() {
    super('minPosition must be a log position as returned in X-Log-Position, e.g. "1234-56"');
  }
}

/** Resolves once the read model is at `minPosition` (or none was asked); 503 when it is still behind after the wait. */
export async function awaitMinPosition(projections: ProjectionsHost, minPosition: string | undefined, names: readonly string[]): Promise<void> {
  if (minPosition === undefined) return;
  const position = parsePosition(minPosition);
  if (position === null) throw new InvalidMinPosition();
  const reached = await projections.waitForPosition(position, projections.readWaitMs, names);
  if (!reached) throw new ServiceUnavailableException('The read model has not caught up with minPosition yet; retry shortly');
}

/** Query DTO of a GET that supports read-your-writes; extend it when the route has other parameters. */
export class MinPositionQuery {
  @ApiPropertyOptional({ description: 'X-Log-Position of an earlier command: wait (at most READ_WAIT_MS, 2 s by default) until this read reflects it' })
  @IsOptional()
  @IsString()
  minPosition?: string;
}
