// Configuration and clock of the access context, in a module of their own so that the throttler's
// async options can inject them too.
import { Module } from '@nestjs/common';
import type { AppConfig } from '../ops/config/app-config';
import { APP_CONFIG } from '../ops/platform/platform.tokens';
import { loadAccessConfig } from './access-config';
import { ACCESS_CONFIG, CLOCK } from './access.tokens';
import { AppClock } from './app-clock';

@Module({
  providers: [
    { provide: ACCESS_CONFIG, useFactory: (config: AppConfig) => loadAccessConfig(config.environment), inject: [APP_CONFIG] },
    { provide: CLOCK, useFactory: () => new AppClock() },
  ],
  exports: [ACCESS_CONFIG, CLOCK],
})
export class AccessConfigModule {}
