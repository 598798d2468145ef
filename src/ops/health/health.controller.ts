// GET /health (liveness: the process answers, no dependency touched) and GET /ready (readiness).
import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../../access/auth/access.decorators';
import { STAFF_ROLES } from '../../access/auth/actor';
import { ReadinessReport, ReadinessService } from './readiness.service';

// /health is open (liveness probes carry no key). /ready reveals the state of our dependencies,
// so it needs a staff key (issue 3: without a key only /v1/public/*, /health and /docs answer).
@Public()
@ApiTags('ops')
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('health')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: 'The process is alive', schema: { example: { status: 'ok' } } })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Roles(...STAFF_ROLES)
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: 'Every dependency answers and projections are caught up' })
  @ApiServiceUnavailableResponse({ description: 'At least one check is down; see `checks`' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    void reply.status(report.status === 'ready' ? 200 : 503);
    return report;
  }
}
