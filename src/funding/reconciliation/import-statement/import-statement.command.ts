// Imports a bank statement (POST /v1/reconciliation/statements, body text/csv), then auto-matches it.
import { Command } from '@nestjs/cqrs';
import type { EventMetadata, LogPosition } from '@lib/event-store';
import type { StatementView } from './statement.view';

export interface ImportedStatementResult {
  statement: StatementView;
  /** False when the same content was imported before: nothing new was recorded for the file. */
  created: boolean;
  /** Position of the statement stream's last event (import or match), for `?minPosition=`. */
  position: LogPosition | null;
}

export class ImportStatementCommand extends Command<ImportedStatementResult> {
  constructor(
    readonly csv: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
