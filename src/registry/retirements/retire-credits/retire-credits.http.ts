// POST /v1/retirements (company): `{batchId, quantityKg, claimYear, beneficiary:{name, lei?}, purpose}`
// → the retirement with its certificate number. Not enough held → 422 REGISTRY.INSUFFICIENT_HOLDING;
// claim year before the vintage or in the future → 422 REGISTRY.INVALID_CLAIM_YEAR.
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiProperty, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { EventMetadata, formatPosition } from '@lib/event-store';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import type { Actor } from '../../../access/auth/actor';
import { CommandMeta, CurrentActor } from '../../../access/auth/request-params.decorators';
import { isLei } from '../../../access/companies/company-identifiers';
import { companyOf } from '../../purchases/market-actor';
import { RetirementView } from '../retirement.view';
import { InvalidBeneficiaryLei } from '../retirements.errors';
import { RetireCreditsCommand } from './retire-credits.command';

/** Printed on certificates and public pages: no control characters, and not blank. */
const PRINTABLE = /^(?=.*\S)[^\u0000-\u001f\u007f-\u009f]+$/;

export class BeneficiaryRequest {
  @ApiProperty({ example: 'Volta Cells GmbH', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'name must not be blank or contain control characters' })
  name!: string;

  @ApiPropertyOptional({ example: '7LTWFZYICNSX8D621K86', description: 'ISO 17442 Legal Entity Identifier' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Z]{18}[0-9]{2}$/, { message: 'lei must be 20 upper-case letters and digits ending in 2 check digits' })
  lei?: string;
}

export class RetireCreditsRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  batchId!: string;

  @ApiProperty({ example: 2500 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityKg!: number;

  @ApiProperty({ example: 2023, description: 'From the batch vintage to the current year' })
  @IsInt()
  @Min(1000)
  @Max(9999)
  claimYear!: number;

  @ApiProperty({ type: BeneficiaryRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => BeneficiaryRequest)
  beneficiary!: BeneficiaryRequest;

  @ApiProperty({ example: 'FY2023 cobalt footprint of the Volta Cells product line', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  @Matches(PRINTABLE, { message: 'purpose must not be blank or contain control characters' })
  purpose!: string;
}

@ApiTags('retirements')
@Controller('v1/retirements')
export class RetireCreditsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('company')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: RetirementView, description: 'Retired for good; `X-Log-Position` tells GETs how far to wait' })
  @ApiNotFoundResponse({ description: 'No such batch (REGISTRY.BATCH_NOT_FOUND)' })
  @ApiUnprocessableEntityResponse({ description: 'REGISTRY.INSUFFICIENT_HOLDING or REGISTRY.INVALID_CLAIM_YEAR' })
  async retire(
    @Body() body: RetireCreditsRequest,
    @CurrentActor() actor: Actor,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RetirementView> {
    const { lei } = body.beneficiary;
    if (lei !== undefined && !isLei(lei)) throw new InvalidBeneficiaryLei();
    const beneficiary = lei === undefined ? { name: body.beneficiary.name.trim() } : { name: body.beneficiary.name.trim(), lei };
    const input = { batchId: body.batchId.toLowerCase(), companyId: companyOf(actor), quantityKg: body.quantityKg, claimYear: body.claimYear, beneficiary, purpose: body.purpose.trim() };
    const { retirement, position } = await this.commands.execute(new RetireCreditsCommand(input, metadata));
    void reply.header('X-Log-Position', formatPosition(position)).header('Location', `/v1/retirements/${retirement.id}`);
    return retirement;
  }
}
