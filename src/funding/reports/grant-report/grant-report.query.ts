// Builds the grant report from the grant's own stream (exact and current: no read-model lag) and
// the site codes of the `funding_sites` read model.
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EventStore, RecordedEvent, StreamNotFound } from '@lib/event-store';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import type { GrantEvent } from '../../grants/grant.events';
import { grantStreamId } from '../../pools/funding-source';
import { buildGrantReport, GrantReport, ReportPeriod } from './grant-report';

export class GetGrantReportQuery extends Query<GrantReport | null> {
  constructor(
    readonly grantId: string,
    readonly period: ReportPeriod,
  ) {
    super();
  }
}

const GRANT_EVENT_TYPES: ReadonlySet<string> = new Set(['GrantRegistered', 'TrancheReceived', 'AllocationRecorded', 'AllocationCancelled', 'DisbursementRecorded']);

@QueryHandler(GetGrantReportQuery)
export class GetGrantReportHandler implements IQueryHandler<GetGrantReportQuery, GrantReport | null> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ grantId, period }: GetGrantReportQuery): Promise<GrantReport | null> {
    let recorded: RecordedEvent[];
    try {
      recorded = await this.eventStore.readStream(grantStreamId(grantId));
    } catch (error) {
      if (error instanceof StreamNotFound) return null;
      throw error;
    }
    const events = recorded
      .filter((event) => GRANT_EVENT_TYPES.has(event.type))
      .map((event) => ({ type: event.type, data: event.data, occurredAt: event.metadata.occurredAt }) as GrantEvent & { occurredAt: string });
    return buildGrantReport(events, await this.siteCodes(events), period);
  }

  private async siteCodes(events: readonly GrantEvent[]): Promise<Map<string, string>> {
    const siteIds = [...new Set(events.flatMap((event) => (event.type === 'AllocationRecorded' ? [event.data.siteId] : [])))];
    if (siteIds.length === 0) return new Map();
    const rows: { site_id: string; code: string }[] = await this.dataSource.query('SELECT site_id, code FROM funding_sites WHERE site_id = ANY($1::uuid[])', [siteIds]);
    return new Map(rows.map((row) => [row.site_id, row.code]));
  }
}
