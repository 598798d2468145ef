// Retirement certificates (DESIGN §3.5, §4): a PDF per retirement rendered by the `certificates`
// worker from the `CreditsRetired` event, served by GET /v1/retirements/:id/certificate.
import { Module } from '@nestjs/common';
import type { AppConfig } from '../../ops/config/app-config';
import { APP_CONFIG } from '../../ops/platform/platform.tokens';
import { AccessConfigModule } from '../../access/access-config.module';
import { CertificateRendering } from './certificate-rendering.job';
import { CertificateStore } from './certificate.store';
import { CERTIFICATES_CONFIG, loadCertificatesConfig } from './certificates-config';
import { GetCertificateController } from './get-certificate/get-certificate.http';

@Module({
  imports: [AccessConfigModule],
  controllers: [GetCertificateController],
  providers: [
    { provide: CERTIFICATES_CONFIG, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadCertificatesConfig(config.environment) },
    CertificateStore,
    CertificateRendering,
  ],
  exports: [CERTIFICATES_CONFIG],
})
export class CertificatesModule {}
