// What the API shows of a key. The secret appears only in CreatedApiKeyView, once.
import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '../auth/actor';

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  companyId!: string | null;

  @ApiProperty({ example: 'finance laptop' })
  label!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt!: string | null;
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({
    example: 'crk_0190f1c2aaaa7bbb8ccc0123456789ab_3q2-7wEXAMPLEsecretOnly43CharactersLong_abcd',
    nullable: true,
    type: String,
    description: 'The key, shown once. A replay of the creation (same Idempotency-Key) answers null here: create a new key if it was lost.',
  })
  key!: string | null;
}
