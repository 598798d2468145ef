// What the API shows of a company (POST and GET /v1/companies).
import { ApiProperty } from '@nestjs/swagger';

export class CompanyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Volta Cells GmbH' })
  name!: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2' })
  country!: string;

  @ApiProperty({ example: '7LTWFZYICNSX8D621K86', nullable: true, type: String, description: 'ISO 17442 LEI' })
  lei!: string | null;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;
}
