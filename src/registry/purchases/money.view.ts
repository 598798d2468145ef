// Money on the wire (DESIGN §4): `{"currency":"USD","value":480000}`, value in integer minor units.
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import type { MoneyJson } from '@lib/kernel';

export class MoneyView implements MoneyJson {
  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  currency!: string;

  @ApiProperty({ example: 480000, description: 'Integer minor units (cents)' })
  value!: number;
}

/** A positive amount paid, in a request; Money.of then checks the currency is one the registry accepts. */
export class PaymentAmountRequest implements MoneyJson {
  @ApiProperty({ example: 'USD', description: 'ISO 4217, upper case' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code in upper case, e.g. "USD"' })
  currency!: string;

  @ApiProperty({ example: 1200000, description: 'Integer minor units (cents), positive' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  value!: number;
}

/** Nested DTO helper: `@ValidateNested() @PaymentAmountType() amount!: PaymentAmountRequest`. */
export const PaymentAmountType = (): PropertyDecorator => Type(() => PaymentAmountRequest);
