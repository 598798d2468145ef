// Finds the line's statement in the read model (waiting, bounded, for it to catch up before a
// 404), then matches or explains the line on that statement's stream through the LineMatcher.
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReconciliationRows } from '../read-model/reconciliation-rows';
import { StatementLineNotFound } from '../reconciliation.errors';
import { lineViewOfState } from '../statement-line.view';
import { LineMatcher } from './line-matcher';
import { MatchedLine, MatchLineCommand } from './match-line.command';

@CommandHandler(MatchLineCommand)
export class MatchLineHandler implements ICommandHandler<MatchLineCommand, MatchedLine> {
  constructor(
    private readonly rows: ReconciliationRows,
    private readonly matcher: LineMatcher,
  ) {}

  async execute({ lineId, resolution, metadata }: MatchLineCommand): Promise<MatchedLine> {
    const row = await this.rows.lineOrWaitForHead(lineId);
    if (row === null) throw new StatementLineNotFound(lineId);
    const statement =
      'explanation' in resolution
        ? await this.matcher.explain(row.statement_id, lineId, resolution.explanation, metadata)
        : await this.matcher.match(row.statement_id, lineId, resolution.target, 'manual', metadata);
    const line = statement.lineById.get(lineId);
    if (line === undefined) throw new StatementLineNotFound(lineId);
    return { line: lineViewOfState(statement, line), position: await this.matcher.lastPosition(row.statement_id) };
  }
}
