// Configuration and clock of the access context, in a module of their own so that the throttler's
// async options can inject them too.
import { Module } from '@nestjs/common';
import { loadAccessConfig } from './access-config';
import { ACCESS_CONFIG, CLOCK } from './access.tokens';
import { AppClock } from './app-clock';

@Module({
  providers: [
    // Read when the app is built, so an e2e suite can set process.env just before createTestApp.
    { provide: ACCESS_CONFIG, useFactory: () => loadAccessConfig(process.env) },
    { provide: CLOCK, useFactory: () => new AppClock() },
  ],
  exports: [ACCESS_CONFIG, CLOCK],
})
export class AccessConfigModule {}
