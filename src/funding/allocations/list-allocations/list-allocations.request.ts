// Query of GET /v1/allocations: page, read-your-writes and filters.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQuery } from '../../../registry/shared/list-page';
import { FUNDING_SOURCE_TYPES, FundingSourceType } from '../../pools/funding-source';
import { FUNDING_CATEGORIES, FundingCategory } from '../allocation.events';

export class AllocationFilters extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Allocations from this grant' })
  @IsOptional()
  @IsUUID('all')
  grantId?: string;

  @ApiPropertyOptional({ enum: FUNDING_SOURCE_TYPES })
  @IsOptional()
  @IsIn(FUNDING_SOURCE_TYPES)
  source?: FundingSourceType;

  @ApiPropertyOptional({ enum: FUNDING_CATEGORIES })
  @IsOptional()
  @IsIn(FUNDING_CATEGORIES)
  category?: FundingCategory;

  @ApiPropertyOptional({ enum: ['active', 'cancelled'] })
  @IsOptional()
  @IsIn(['active', 'cancelled'])
  status?: 'active' | 'cancelled';
}
