// GET /v1/public/retirements (public): retirement records, newest first, paginated, filtered by
// claim year and site code; GET /v1/public/retirements/:certificateNo: one record, as printed on
// the certificate's verification link.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { isUuid, SITE_CODE_PATTERN } from '@lib/kernel';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Public } from '../../../access/auth/access.decorators';
import { NoQueryParamsPipe } from '../../../access/http/no-query.pipe';
import { PageQueryDto, pageSize } from '../../../access/http/page-query.dto';
import { RETIREMENT_COLUMNS, RetirementRow } from '../../retirements/get-retirement/get-retirement.query';
import { cursorKey, pageOf } from '../../shared/list-page';
import { CertificateNotFound, InvalidCertificateNo } from '../public.errors';
import { publicRetirementOf, PublicRetirementView } from './public-retirement.view';

const CERTIFICATE_NO_PATTERN = /^RCC-RET-[A-Z0-9]{2,8}-\d{4}-\d{4,9}-\d{5,9}$/;

export class ListPublicRetirementsRequest extends PageQueryDto {
  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(9999)
  claimYear?: number;

  @ApiPropertyOptional({ example: 'KAM' })
  @IsOptional()
  @Matches(SITE_CODE_PATTERN, { message: 'siteCode must be 2 to 8 upper-case letters or digits' })
  siteCode?: string;
}

export class PublicRetirementPage {
  @ApiProperty({ type: [PublicRetirementView] })
  items!: PublicRetirementView[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last one' })
  nextCursor!: string | null;
}

@ApiTags('public')
@Controller('v1/public/retirements')
export class PublicRetirementsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: PublicRetirementPage })
  async list(@Query() query: ListPublicRetirementsRequest): Promise<PublicRetirementPage> {
    const before = cursorKey(query.cursor, isUuid);
    // Newest first by id (UUID v7, time-ordered); the claim-year index serves the common filter.
    const rows: RetirementRow[] = await this.dataSource.query(
      `SELECT ${RETIREMENT_COLUMNS} FROM retirements
       WHERE ($1::int IS NULL OR claim_year = $1) AND ($2::text IS NULL OR site_code = $2) AND ($3::uuid IS NULL OR id < $3::uuid)
       ORDER BY id DESC LIMIT $4`,
      [query.claimYear ?? null, query.siteCode ?? null, before, pageSize(query) + 1],
    );
    return pageOf(rows, query, (row) => row.id, publicRetirementOf);
  }

  @Get(':certificateNo')
  @Public()
  @ApiParam({ name: 'certificateNo', example: 'RCC-RET-KAM-2023-0001-00001' })
  @ApiOkResponse({ type: PublicRetirementView })
  @ApiNotFoundResponse({ description: 'No retirement has this certificate number (REGISTRY.CERTIFICATE_NOT_FOUND)' })
  async byCertificateNo(@Param('certificateNo') certificateNo: string, @Query(NoQueryParamsPipe) _query: Record<string, never>): Promise<PublicRetirementView> {
    if (!CERTIFICATE_NO_PATTERN.test(certificateNo)) throw new InvalidCertificateNo();
    const rows: RetirementRow[] = await this.dataSource.query(`SELECT ${RETIREMENT_COLUMNS} FROM retirements WHERE certificate_no = $1 ORDER BY id LIMIT 1`, [certificateNo]);
    if (rows.length === 0) throw new CertificateNotFound(certificateNo);
    return publicRetirementOf(rows[0]);
  }
}
