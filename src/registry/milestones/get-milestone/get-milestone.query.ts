// Reads one milestone from the `milestones` read model.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { MilestoneView } from '../milestone.view';
import { MILESTONE_COLUMNS, MilestoneRow, milestoneViewOfRow } from './milestone-rows';

export class GetMilestoneQuery extends Query<MilestoneView | null> {
  constructor(readonly milestoneId: string) {
    super();
  }
}

@QueryHandler(GetMilestoneQuery)
export class GetMilestoneHandler implements IQueryHandler<GetMilestoneQuery, MilestoneView | null> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ milestoneId }: GetMilestoneQuery): Promise<MilestoneView | null> {
    const rows: MilestoneRow[] = await this.dataSource.query(`SELECT ${MILESTONE_COLUMNS} FROM milestones WHERE id = $1`, [milestoneId]);
    return rows.length === 0 ? null : milestoneViewOfRow(rows[0]);
  }
}
