// Money on the funding routes (DESIGN §4): `{"currency":"EUR","value":4000000}`, value in integer
// minor units. The DTO checks the shape; toMoney applies the kernel's currency table (MONEY.INVALID).
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { Money, MoneyJson } from '@lib/kernel';

/** A positive amount in a request body. */
export class FundingAmountRequest implements MoneyJson {
  @ApiProperty({ example: 'EUR', description: 'ISO 4217, upper case' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code in upper case, e.g. "EUR"' })
  currency!: string;

  @ApiProperty({ example: 4000000, description: 'Integer minor units (cents), positive' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  value!: number;
}

/** Nested DTO helper: `@IsObject() @ValidateNested() @FundingAmountType() amount!: FundingAmountRequest`. */
export const FundingAmountType = (): PropertyDecorator => Type(() => FundingAmountRequest);

export function toMoney(request: MoneyJson): Money {
  return Money.of(request.currency, request.value);
}

/** Money in a response. */
export class MoneyView implements MoneyJson {
  @ApiProperty({ example: 'EUR', description: 'ISO 4217' })
  currency!: string;

  @ApiProperty({ example: 4000000, description: 'Integer minor units (cents)' })
  value!: number;
}

/** `{currency, value}` from minor units kept as bigint (or the text PostgreSQL returns for bigint). */
export function moneyJson(currency: string, minor: bigint | string | number): MoneyJson {
  return Money.of(currency, typeof minor === 'string' ? BigInt(minor) : minor).toJSON();
}
