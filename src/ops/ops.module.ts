// Operations surface of the app: health, readiness, metrics, and the request-wide pipe and error
// filter every context relies on (DTO validation, DESIGN §4 error bodies).
import { Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { HealthController } from './health/health.controller';
import { ReadinessService } from './health/readiness.service';
import { HttpErrorFilter } from './http/http-error.filter';
import { toRequestValidationFailed } from './http/request.errors';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

const requestPipeline = [
  { provide: APP_FILTER, useClass: HttpErrorFilter },
  {
    provide: APP_PIPE,
    useFactory: () =>
      new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        // Why off: values stay as sent unless a DTO asks for a conversion (@Type), so "12abc" is refused, not coerced.
        transformOptions: { enableImplicitConversion: false },
        exceptionFactory: toRequestValidationFailed,
      }),
  },
];

@Module({
  controllers: [HealthController, MetricsController],
  providers: [...requestPipeline, ReadinessService, MetricsService],
})
export class OpsModule {}
