// The access context (DESIGN §3.6): companies, API keys, the global access guard (authentication,
// rate limit, roles), idempotency of commands and attribution metadata. Import it once, in AppModule.
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AccessConfig } from './access-config';
import { AccessConfigModule } from './access-config.module';
import { ACCESS_CONFIG } from './access.tokens';
import { ApiKeyIssuer } from './api-keys/api-key-issuer';
import { ApiKeyStore } from './api-keys/api-key.store';
import { BootstrapAdminKey } from './api-keys/bootstrap-admin-key';
import { CreateApiKeyHandler } from './api-keys/create-api-key/create-api-key.handler';
import { CreateApiKeyController } from './api-keys/create-api-key/create-api-key.http';
import { RevokeApiKeyHandler } from './api-keys/revoke-api-key/revoke-api-key.handler';
import { RevokeApiKeyController } from './api-keys/revoke-api-key/revoke-api-key.http';
import { AuditModule } from './audit/audit.module';
import { AccessGuard } from './auth/access.guard';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { KeyRateLimiter, rateLimitOptions } from './auth/key-rate-limiter';
import { MeController } from './auth/me.http';
import { CompaniesProjectionRegistration } from './companies/companies-projection.registration';
import { GetCompanyController } from './companies/get-company/get-company.http';
import { GetCompanyHandler } from './companies/get-company/get-company.query';
import { RegisterCompanyHandler } from './companies/register-company/register-company.handler';
import { RegisterCompanyController } from './companies/register-company/register-company.http';
import { IdempotencyCleanup } from './idempotency/idempotency-cleanup';
import { IdempotencyGate } from './idempotency/idempotency-gate';
import { IdempotencyStore } from './idempotency/idempotency.store';

const guard = [{ provide: APP_GUARD, useClass: AccessGuard }];

const authentication = [ApiKeyStore, ApiKeyAuthenticator, KeyRateLimiter];
const idempotency = [IdempotencyStore, IdempotencyGate, IdempotencyCleanup];
const companies = [RegisterCompanyHandler, GetCompanyHandler, CompaniesProjectionRegistration];
const apiKeys = [ApiKeyIssuer, CreateApiKeyHandler, RevokeApiKeyHandler, BootstrapAdminKey];

@Module({
  imports: [
    AccessConfigModule,
    ThrottlerModule.forRootAsync({
      imports: [AccessConfigModule],
      inject: [ACCESS_CONFIG],
      useFactory: (config: AccessConfig) => rateLimitOptions(config),
    }),
    AuditModule,
  ],
  controllers: [RegisterCompanyController, GetCompanyController, CreateApiKeyController, RevokeApiKeyController, MeController],
  providers: [...guard, ...authentication, ...idempotency, ...companies, ...apiKeys],
  exports: [AccessConfigModule, ApiKeyIssuer, IdempotencyGate],
})
export class AccessModule {}
