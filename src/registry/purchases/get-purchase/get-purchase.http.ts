// GET /v1/purchases/:id (the buying company, staff): one purchase from the `purchases` read model.
// Another company's purchase answers 404 exactly like an unknown one (R11).
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../access/auth/access.decorators';
import { Actor, STAFF_ROLES } from '../../../access/auth/actor';
import { ownedOrNotFound } from '../../../access/auth/ownership';
import { CurrentActor } from '../../../access/auth/request-params.decorators';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { PurchaseNotFound } from '../../batches/batch.errors';
import { PURCHASES_PROJECTION } from '../list-purchases/purchases.projection';
import { PurchaseView } from '../purchase.view';
import { PurchaseRows } from '../purchase-rows';

@ApiTags('purchases')
@Controller('v1/purchases')
export class GetPurchaseController {
  constructor(
    private readonly purchases: PurchaseRows,
    private readonly projections: ProjectionsHost,
  ) {}

  @Get(':id')
  @Roles(...STAFF_ROLES, 'company')
  @ApiOkResponse({ type: PurchaseView })
  @ApiNotFoundResponse({ description: 'No such purchase, or not yours (REGISTRY.PURCHASE_NOT_FOUND)' })
  async getPurchase(
    @Param('id', UuidParamPipe) purchaseId: string,
    @Query() query: MinPositionQuery,
    @CurrentActor() actor: Actor,
  ): Promise<PurchaseView> {
    await awaitMinPosition(this.projections, query.minPosition, [PURCHASES_PROJECTION]);
    const found = await this.purchases.find(purchaseId);
    return ownedOrNotFound(actor, found, (purchase) => purchase.companyId, () => new PurchaseNotFound(purchaseId));
  }
}
