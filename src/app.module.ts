// Root module: infrastructure (PlatformModule, global: config, logger, event store, jobs), the CQRS
// buses, the ops endpoints and the bounded contexts. Built from the AppRuntime resolved at boot.
import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { AccessModule } from './access/access.module';
import { FundingModule } from './funding/funding.module';
import type { AppRuntime } from './ops/bootstrap/app-runtime';
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
