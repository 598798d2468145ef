// GET /v1/audit/verify (auditor, admin): recomputes every stream's hash chain from the stored
// events and reports the first link that does not hold. A broken chain is logged as an error:
// history was rewritten behind the application's back.
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { BrokenLinkReason, formatPosition, HashChainAudit, HashChainReport } from '@lib/event-store';
import type { Logger } from 'pino';
import { Roles } from '../../auth/access.decorators';
import { NoQueryParamsPipe } from '../../http/no-query.pipe';
import { HASH_CHAIN_AUDIT } from '../hash-chain-audit.provider';
import { APP_LOGGER } from '../../../ops/platform/platform.tokens';

const REASONS: readonly BrokenLinkReason[] = ['hash_mismatch', 'revision_gap'];

export class BrokenLinkView {
  @ApiProperty()
  streamId!: string;

  @ApiProperty({ minimum: 0 })
  streamRevision!: number;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: '1234-56', description: 'Log position of the event (X-Log-Position format)' })
  position!: string;

  @ApiProperty({
    enum: REASONS,
    description: 'hash_mismatch: the event or its stored hash was changed; revision_gap: events before it in its stream were removed',
  })
  reason!: BrokenLinkReason;
}

export class HashChainReportView {
  @ApiProperty({ description: 'True when every link of every stream holds' })
  ok!: boolean;

  @ApiProperty()
  eventsChecked!: number;

  @ApiProperty()
  streamsChecked!: number;

  @ApiProperty({ description: 'Links that do not hold (a changed event breaks its own link only)' })
  brokenLinks!: number;

  @ApiPropertyOptional({ type: BrokenLinkView, description: 'The first broken link in (streamId, streamRevision) order; absent when ok' })
  firstBrokenLink?: BrokenLinkView;
}

export function hashChainReportView(report: HashChainReport): HashChainReportView {
  const { ok, eventsChecked, streamsChecked, brokenLinks, firstBrokenLink } = report;
  const view: HashChainReportView = { ok, eventsChecked, streamsChecked, brokenLinks };
  if (firstBrokenLink !== null) view.firstBrokenLink = { ...firstBrokenLink, position: formatPosition(firstBrokenLink.position) };
  return view;
}

@ApiTags('audit')
@Controller('v1/audit/verify')
export class VerifyHashChainController {
  private readonly logger: Logger;

  constructor(
    @Inject(HASH_CHAIN_AUDIT) private readonly audit: HashChainAudit,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: VerifyHashChainController.name });
  }

  @Get()
  @Roles('auditor', 'admin')
  @ApiOkResponse({ type: HashChainReportView, description: 'Each event hash = SHA-256(previous event hash ‖ SHA-256(canonical event text))' })
  async verify(@Query(NoQueryParamsPipe) _query: Record<string, never>): Promise<HashChainReportView> {
    const view = hashChainReportView(await this.audit.verify());
    if (view.ok) this.logger.info({ eventsChecked: view.eventsChecked, streamsChecked: view.streamsChecked }, 'hash chain verified');
    else this.logger.error({ brokenLinks: view.brokenLinks, firstBrokenLink: view.firstBrokenLink }, 'hash chain broken: stored events were changed or removed');
    return view;
  }
}
