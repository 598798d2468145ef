// What the API shows of a site (POST, GET /v1/sites), built from the state or the `sites` read model.
import { ApiProperty } from '@nestjs/swagger';
import type { SiteState } from './site.events';

export class SiteView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'KAM', description: 'Upper-case code used in serial numbers' })
  code!: string;

  @ApiProperty({ example: 'Kamilombe' })
  name!: string;

  @ApiProperty({ example: 'CMDS' })
  cooperative!: string;

  @ApiProperty({ example: 'Lualaba' })
  province!: string;

  @ApiProperty({ example: 'CD', description: 'ISO 3166-1 alpha-2' })
  country!: string;

  @ApiProperty({ example: 0, minimum: 0, maximum: 10000, description: 'Registry fee in basis points' })
  feeBps!: number;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;
}

export function siteViewOf(state: Extract<SiteState, { status: 'registered' }>): SiteView {
  const { siteId, code, name, cooperative, province, country, feeBps, registeredAt } = state;
  return { id: siteId, code, name, cooperative, province, country, feeBps, registeredAt };
}
