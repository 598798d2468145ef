// GET /v1/retirements/:id/certificate (the retiring company, staff): the certificate PDF once the
// worker rendered it; until then 202 with a JSON body and Retry-After. Another company's retirement
// answers 404 like an unknown one (R11).
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Roles } from '../../../access/auth/access.decorators';
import { Actor, STAFF_ROLES } from '../../../access/auth/actor';
import { ownedOrNotFound } from '../../../access/auth/ownership';
import { CurrentActor } from '../../../access/auth/request-params.decorators';
import { awaitMinPosition, MinPositionQuery } from '../../../access/http/min-position';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { ProjectionsHost } from '../../../ops/platform/projections-host';
import { RETIREMENTS_PROJECTION } from '../../retirements/get-retirement/retirements.projection';
import { RetirementNotFound } from '../../retirements/retirements.errors';
import { CertificateStore } from '../certificate.store';

/** How long a caller should wait before asking again; rendering takes well under a second. */
const RETRY_AFTER_SECONDS = 2;

export class CertificatePendingView {
  @ApiProperty({ enum: ['rendering'] })
  status!: 'rendering';

  @ApiProperty({ format: 'uuid' })
  retirementId!: string;

  @ApiProperty({ example: 'RCC-RET-KAM-2023-0001-00001' })
  certificateNo!: string;

  @ApiProperty({ example: RETRY_AFTER_SECONDS })
  retryAfterSeconds!: number;
}

@ApiTags('retirements')
@Controller('v1/retirements')
export class GetCertificateController {
  constructor(
    private readonly certificates: CertificateStore,
    private readonly projections: ProjectionsHost,
    private readonly dataSource: DataSource,
  ) {}

  @Get(':id/certificate')
  @Roles(...STAFF_ROLES, 'company')
  @ApiProduces('application/pdf', 'application/json')
  @ApiOkResponse({ description: 'The certificate (application/pdf); X-Certificate-SHA256 is the SHA-256 of the file' })
  @ApiAcceptedResponse({ type: CertificatePendingView, description: 'Retired, certificate still rendering: retry after Retry-After seconds' })
  @ApiNotFoundResponse({ description: 'No such retirement, or not yours (REGISTRY.RETIREMENT_NOT_FOUND)' })
  async certificate(
    @Param('id', UuidParamPipe) retirementId: string,
    @Query() query: MinPositionQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | CertificatePendingView> {
    const notFound = () => new RetirementNotFound(retirementId);
    const stored = await this.certificates.find(retirementId);
    if (stored !== null) {
      ownedOrNotFound(actor, stored, (certificate) => certificate.companyId, notFound);
      void reply
        .header('Content-Type', 'application/pdf')
        .header('Content-Disposition', `inline; filename="${stored.certificateNo}.pdf"`)
        .header('X-Certificate-SHA256', stored.sha256)
        .header('Cache-Control', 'private, max-age=86400, immutable');
      return stored.pdf;
    }
    // Not rendered (yet): the retirement itself says whether it exists and whose it is.
    await awaitMinPosition(this.projections, query.minPosition, [RETIREMENTS_PROJECTION]);
    const rows: Array<{ company_id: string; certificate_no: string }> = await this.dataSource.query('SELECT company_id, certificate_no FROM retirements WHERE id = $1', [retirementId]);
    const retirement = ownedOrNotFound(actor, rows[0] ?? null, (row) => row.company_id, notFound);
    void reply.status(202).header('Retry-After', String(RETRY_AFTER_SECONDS)).header('Cache-Control', 'no-store');
    return { status: 'rendering', retirementId, certificateNo: retirement.certificate_no, retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
}
