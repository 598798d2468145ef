// Closes a month (POST /v1/reconciliation/periods/:period/close) once every statement line dated
// in it is matched or explained; from then on nothing dated in it can be recorded.
import { Command } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import type { EventMetadata, LogPosition } from '@lib/event-store';

export class PeriodClosureView {
  @ApiProperty({ example: '2026-03' })
  period!: string;

  @ApiProperty({ enum: ['closed'] })
  status!: 'closed';

  @ApiProperty()
  closedAt!: string;

  @ApiProperty({ type: [String], description: 'Statements with lines in the period' })
  statementIds!: string[];

  @ApiProperty({ description: 'Statement lines dated in the period, all matched or explained' })
  lineCount!: number;
}

export interface ClosedPeriod {
  closure: PeriodClosureView;
  position: LogPosition | null;
}

export class ClosePeriodCommand extends Command<ClosedPeriod> {
  constructor(
    readonly period: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
