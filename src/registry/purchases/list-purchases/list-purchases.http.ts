// GET /v1/purchases (company: its own; staff: all): paginated, newest first, filtered by batchId,
// status and (staff) companyId. A company asking for another company's purchases gets an empty page.
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { isUuid } from '@lib/kernel';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { Roles } from '../../../access/auth/access.decorators';
import { Actor, isStaff, STAFF_ROLES } from '../../../access/auth/actor';
import { CurrentActor } from '../../../access/auth/request-params.decorators';
import { awaitMinPosition } from '../../../access/http/min-position';
import { decodeCursor, encodeCursor, PageQueryDto, pageSize } from '../../../access/http/page-query.dto';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { RequestValidationFailed } from '../../../ops/http/request.errors';
import { companyOf } from '../market-actor';
import { PURCHASE_STATUSES, PurchaseStatus, PurchaseView } from '../purchase.view';
import { ListPurchasesQuery, PurchaseFilter } from './list-purchases.query';
import { PURCHASES_PROJECTION } from './purchases.projection';

export class ListPurchasesRequest extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  batchId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; a company key always sees its own' })
  @IsOptional()
  @IsUUID('all')
  companyId?: string;

  @ApiPropertyOptional({ enum: PURCHASE_STATUSES })
  @IsOptional()
  @IsIn(PURCHASE_STATUSES)
  status?: PurchaseStatus;

  @ApiPropertyOptional({ description: 'X-Log-Position of an earlier command: wait (at most READ_WAIT_MS, 2 s by default) until this read reflects it' })
  @IsOptional()
  @IsString()
  minPosition?: string;
}

export class PurchasePageView {
  @ApiProperty({ type: [PurchaseView] })
  items!: PurchaseView[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last one' })
  nextCursor!: string | null;
}

@ApiTags('purchases')
@Controller('v1/purchases')
export class ListPurchasesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES, 'company')
  @ApiOkResponse({ type: PurchasePageView })
  async list(@Query() query: ListPurchasesRequest, @CurrentActor() actor: Actor): Promise<PurchasePageView> {
    const beforeId = query.cursor === undefined ? undefined : cursorId(query.cursor);
    await awaitMinPosition(this.projections, query.minPosition, [PURCHASES_PROJECTION]);
    const requested = query.companyId?.toLowerCase();
    if (!isStaff(actor.role) && requested !== undefined && requested !== actor.companyId) return { items: [], nextCursor: null };
    const filter: PurchaseFilter = {
      companyId: isStaff(actor.role) ? requested : companyOf(actor),
      batchId: query.batchId?.toLowerCase(),
      status: query.status,
      beforeId,
      limit: pageSize(query),
    };
    const page = await this.queries.execute(new ListPurchasesQuery(filter));
    return { items: page.items, nextCursor: page.lastId === null ? null : encodeCursor({ before: page.lastId }) };
  }
}

function cursorId(cursor: string): string {
  const decoded = decodeCursor(cursor) as { before?: unknown } | null;
  const before = decoded?.before;
  if (!isUuid(before)) {
    throw new RequestValidationFailed({ cursor: ['cursor must be a cursor returned by a previous page'] });
  }
  return before;
}
