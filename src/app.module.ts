// Root module: infrastructure (PlatformModule, global), logging, CQRS buses, the ops endpoints and
// the bounded contexts. Built from the AppRuntime resolved at boot (src/main.ts).
import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AccessModule } from './access/access.module';
import { FundingModule } from './funding/funding.module';
import type { AppRuntime } from './ops/bootstrap/app-runtime';
import { httpLoggingOptions } from './ops/logging/app-logger';
import { OpsModule } from './ops/ops.module';
import { PlatformModule } from './ops/platform/platform.module';
import { RegistryModule } from './registry/registry.module';

export type ModuleImports = NonNullable<ModuleMetadata['imports']>;

export interface AppModuleOptions {
  runtime: AppRuntime;
  logger: Logger;
  /** Extra modules, e.g. a test-only controller in an e2e suite. */
  imports?: ModuleImports;
}

@Module({})
export class AppModule {
  static register({ runtime, logger, imports = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: httpLoggingOptions(logger) }),
        PlatformModule.register(runtime, logger),
        CqrsModule.forRoot(),
        OpsModule,
        AccessModule,
        RegistryModule,
        FundingModule,
        ...imports,
      ],
    };
  }
}
