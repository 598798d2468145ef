// GET /metrics in Prometheus text format.
import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../access/auth/access.decorators';
import { STAFF_ROLES } from '../../access/auth/actor';
import { MetricsService } from './metrics.service';

// Staff keys only: Prometheus sends one as a bearer token (`authorization` in its scrape config).
@Roles(...STAFF_ROLES)
@ApiTags('ops')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('metrics')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  @Header('cache-control', 'no-store')
  async metricsText(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const text = await this.metrics.render();
    void reply.header('content-type', this.metrics.contentType);
    return text;
  }
}
