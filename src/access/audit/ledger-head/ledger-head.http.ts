// GET /v1/public/ledger-head (public): the digest of every stream's head and the log position it
// covers. Anyone can record it over time; a later head that does not extend what an earlier one
// covered shows that history was rewritten, even the removal of a stream's last events, which the
// chains alone cannot show.
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { formatPosition, HashChainAudit } from '@lib/event-store';
import { Public } from '../../auth/access.decorators';
import { NoQueryParamsPipe } from '../../http/no-query.pipe';
import { HASH_CHAIN_AUDIT } from '../hash-chain-audit.provider';

export class LedgerHeadView {
  @ApiProperty({
    description:
      'SHA-256 (hex) over one line "streamId:revision:hash\\n" per stream (its last event and that event\'s hash, hex), ' +
      'sorted by stream id in Unicode code point order (UTF-8 bytes)',
  })
  digest!: string;

  @ApiProperty({ enum: ['sha256'] })
  algorithm!: 'sha256';

  @ApiProperty({ type: String, nullable: true, example: '1234-56', description: 'The last log position covered; null for an empty log' })
  position!: string | null;

  @ApiProperty({ description: 'Streams covered' })
  streams!: number;

  @ApiProperty({ description: 'Events covered' })
  events!: number;
}

@ApiTags('public')
@Controller('v1/public/ledger-head')
export class LedgerHeadController {
  constructor(@Inject(HASH_CHAIN_AUDIT) private readonly audit: HashChainAudit) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: LedgerHeadView })
  async ledgerHead(@Query(NoQueryParamsPipe) _query: Record<string, never>): Promise<LedgerHeadView> {
    const head = await this.audit.ledgerHead();
    return {
      digest: head.digest,
      algorithm: 'sha256',
      position: head.position === null ? null : formatPosition(head.position),
      streams: head.streams,
      events: head.events,
    };
  }
}
