// GET /v1/audit/events (auditor, admin): the raw event log, as stored (not upcast), with each
// event's hash, in log order. `?streamId=` or `?streamPrefix=`, `?after=<position>` and pages of
// at most 200; the cursor of the next page is the last event's position, so `after` and `cursor`
// are the same thing and one of them at most may be given.
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuditedEvent, formatPosition, HashChainAudit, LogPosition, parsePosition } from '@lib/event-store';
import { IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { RequestValidationFailed } from '../../../ops/http/request.errors';
import { Roles } from '../../auth/access.decorators';
import { PageQueryDto, pageSize } from '../../http/page-query.dto';
import { HASH_CHAIN_AUDIT } from '../hash-chain-audit.provider';

const POSITION = /^\d{1,20}-\d{1,20}$/;
const MAX_STREAM_ID_LENGTH = 200;

export class ListAuditEventsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this stream, e.g. batch-0190…' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_STREAM_ID_LENGTH)
  streamId?: string;

  @ApiPropertyOptional({ description: 'Only streams whose id starts with this text, e.g. "batch-"' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_STREAM_ID_LENGTH)
  streamPrefix?: string;

  @ApiPropertyOptional({ example: '1234-56', description: 'Only events after this log position (X-Log-Position format)' })
  @IsOptional()
  @Matches(POSITION, { message: 'after must be a log position "commit-prepare", e.g. "1234-56"' })
  after?: string;
}

export class AuditEventView {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty()
  type!: string;

  @ApiProperty()
  schemaVersion!: number;

  @ApiProperty()
  streamId!: string;

  @ApiProperty({ minimum: 0 })
  streamRevision!: number;

  @ApiProperty({ example: '1234-56' })
  position!: string;

  @ApiProperty({ description: 'ISO 8601 UTC to the microsecond, as the hash covers it' })
  recordedAt!: string;

  @ApiProperty({ type: Object, description: 'As stored' })
  data!: unknown;

  @ApiProperty({ type: Object, description: 'Who, when and why (R9), as stored' })
  metadata!: object;

  @ApiProperty({ description: 'SHA-256 (hex) link of this event in its stream: SHA-256(previous hash ‖ content digest)' })
  hash!: string;
}

export class AuditEventPage {
  @ApiProperty({ type: AuditEventView, isArray: true })
  items!: AuditEventView[];

  @ApiProperty({ type: String, nullable: true, description: 'The last event\'s position: pass as ?cursor= for the next page; null on the last page' })
  nextCursor!: string | null;
}

function auditEventView(event: AuditedEvent): AuditEventView {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    position: formatPosition(event.position),
    recordedAt: event.recordedAtExact,
    data: event.data,
    metadata: event.metadata,
    hash: event.hash,
  };
}

function startAfter(query: ListAuditEventsQuery): LogPosition | null {
  if (query.after !== undefined && query.cursor !== undefined) {
    throw new RequestValidationFailed({ cursor: ['give either after or cursor, not both'] });
  }
  const text = query.after ?? query.cursor;
  if (text === undefined) return null;
  const position = parsePosition(text);
  if (position === null) throw new RequestValidationFailed({ cursor: ['cursor must be the nextCursor of a previous page'] });
  return position;
}

@ApiTags('audit')
@Controller('v1/audit/events')
export class ListAuditEventsController {
  constructor(@Inject(HASH_CHAIN_AUDIT) private readonly audit: HashChainAudit) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOkResponse({ type: AuditEventPage })
  async list(@Query() query: ListAuditEventsQuery): Promise<AuditEventPage> {
    if (query.streamId !== undefined && query.streamPrefix !== undefined) {
      throw new RequestValidationFailed({ streamPrefix: ['give either streamId or streamPrefix, not both'] });
    }
    const limit = pageSize(query);
    // One event more than the page tells whether another page follows.
    const events = await this.audit.listEvents({ after: startAfter(query), limit: limit + 1, streamId: query.streamId, streamPrefix: query.streamPrefix });
    const page = events.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(auditEventView), nextCursor: events.length > limit && last !== undefined ? formatPosition(last.position) : null };
  }
}
