// The answer of a statement import: its lines with what auto-match did to each.
import { ApiProperty } from '@nestjs/swagger';
import { lineViewOfState, StatementLineView } from '../statement-line.view';
import type { ImportedStatement } from '../statement.state';

export type AutoMatchStatus = 'done' | 'pending';

export class StatementView {
  @ApiProperty({ description: 'Derived from the content: the same file always has the same id' })
  id!: string;

  @ApiProperty({ description: 'SHA-256 of the parsed lines (hex)' })
  contentSha256!: string;

  @ApiProperty()
  importedAt!: string;

  @ApiProperty({ description: 'True when this content was imported before: nothing new was recorded' })
  duplicate!: boolean;

  @ApiProperty({
    enum: ['done', 'pending'],
    description: 'pending: the read model was not ready in time; post the same file again to run auto-match',
  })
  autoMatch!: AutoMatchStatus;

  @ApiProperty()
  lineCount!: number;

  @ApiProperty({ description: 'Lines matched or explained' })
  resolvedCount!: number;

  @ApiProperty({ type: [StatementLineView] })
  lines!: StatementLineView[];
}

export function statementView(state: ImportedStatement, duplicate: boolean, autoMatch: AutoMatchStatus): StatementView {
  return {
    id: state.statementId,
    contentSha256: state.contentSha256,
    importedAt: state.importedAt,
    duplicate,
    autoMatch,
    lineCount: state.lines.length,
    resolvedCount: state.resolutions.size,
    lines: state.lines.map((line) => lineViewOfState(state, line)),
  };
}
