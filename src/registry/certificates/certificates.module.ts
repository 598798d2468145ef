// Retirement certificates (DESIGN §3.5, §4): a PDF per retirement rendered by the `certificates`
// worker from the `CreditsRetired` event, served by GET /v1/retirements/:id/certificate.
import { Module } from '@nestjs/common';
import { AccessConfigModule } from '../../access/access-config.module';
import { CertificateRendering } from './certificate-rendering.job';
import { CertificateStore } from './certificate.store';
import { CERTIFICATES_CONFIG, loadCertificatesConfig } from './certificates-config';
import { GetCertificateController } from './get-certificate/get-certificate.http';

@Module({
  imports: [AccessConfigModule],
  controllers: [GetCertificateController],
  providers: [
    // Read when the app is built, so an e2e suite can set PUBLIC_BASE_URL just before createTestApp.
    { provide: CERTIFICATES_CONFIG, useFactory: () => loadCertificatesConfig(process.env) },
    CertificateStore,
    CertificateRendering,
  ],
  exports: [CERTIFICATES_CONFIG],
})
export class CertificatesModule {}
