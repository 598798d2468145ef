// POST /v1/sites/:id/milestones (operator): `{title, periodStart, periodEnd, quantityKg,
// evidence:[{uri, sha256}]}` → the milestone, `proposed`.
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { EventMetadata } from '@lib/event-store';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../access/auth/access.decorators';
import { CommandMeta } from '../../../access/auth/request-params.decorators';
import { UuidParamPipe } from '../../../access/http/uuid-param.pipe';
import { positionHeader } from '../../shared/command-position';
import { MILESTONE_TITLE_MAX_LENGTH } from '../milestone.decider';
import { MAX_EVIDENCE_ITEMS, MAX_EVIDENCE_URI_LENGTH } from '../milestone-rules';
import { MilestoneView } from '../milestone.view';
import { ProposeMilestoneCommand } from './propose-milestone.command';

export class EvidenceRequest {
  @ApiProperty({ example: 'https://evidence.example.org/kam-2023.pdf', maxLength: MAX_EVIDENCE_URI_LENGTH })
  @IsString()
  @MaxLength(MAX_EVIDENCE_URI_LENGTH)
  uri!: string;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'SHA-256 of the document, 64 hex digits' })
  @IsString()
  @MaxLength(64)
  sha256!: string;
}

export class ProposeMilestoneRequest {
  @ApiProperty({ example: 'Responsible production 2023', maxLength: MILESTONE_TITLE_MAX_LENGTH })
  @IsString()
  @Length(1, MILESTONE_TITLE_MAX_LENGTH)
  title!: string;

  @ApiProperty({ format: 'date', example: '2023-01-01' })
  @IsString()
  @MaxLength(10)
  periodStart!: string;

  @ApiProperty({ format: 'date', example: '2023-12-31', description: 'Inclusive; not after the day of the proposal' })
  @IsString()
  @MaxLength(10)
  periodEnd!: string;

  @ApiProperty({ example: 2500, minimum: 1, description: 'Responsibly produced cobalt, whole kg' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityKg!: number;

  @ApiProperty({ type: [EvidenceRequest], minItems: 1, maxItems: MAX_EVIDENCE_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVIDENCE_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRequest)
  evidence!: EvidenceRequest[];
}

@ApiTags('milestones')
@Controller('v1/sites')
export class ProposeMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/milestones')
  @HttpCode(201)
  @Roles('operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MilestoneView, description: 'Proposed; another operator key must verify it (R4)' })
  @ApiNotFoundResponse({ description: 'No such site (REGISTRY.SITE_NOT_FOUND)' })
  async propose(
    @Param('id', UuidParamPipe) siteId: string,
    @Body() body: ProposeMilestoneRequest,
    @CommandMeta() metadata: EventMetadata,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MilestoneView> {
    const evidence = body.evidence.map(({ uri, sha256 }) => ({ uri, sha256 }));
    const { milestone, position } = await this.commands.execute(new ProposeMilestoneCommand({ siteId, ...body, evidence }, metadata));
    const header = positionHeader(position);
    if (header !== undefined) void reply.header('X-Log-Position', header);
    void reply.header('Location', `/v1/milestones/${milestone.id}`);
    return milestone;
  }
}
