// Money in request bodies (DESIGN §4): `{"currency":"USD","value":480000}`, value in integer minor
// units. The DTO checks the shape; `toMoney` applies the kernel's currency table (MONEY.INVALID).
import { ApiProperty } from '@nestjs/swagger';
import { Money } from '@lib/kernel';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

export class MoneyRequest {
  @ApiProperty({ example: 'USD', description: 'ISO 4217 code, upper case' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code in upper case, e.g. "USD"' })
  currency!: string;

  @ApiProperty({ example: 480000, description: 'Integer amount in minor units (cents for USD)' })
  @IsInt()
  @Min(Number.MIN_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  value!: number;
}

export function toMoney(request: MoneyRequest): Money {
  return Money.of(request.currency, request.value);
}
