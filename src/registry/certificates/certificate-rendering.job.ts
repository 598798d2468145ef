// Certificate rendering (DESIGN §3.5): the jobs dispatcher routes every `CreditsRetired` to the
// `certificates` queue (jobId = event id); the worker gathers the facts (batch stream, site stream,
// companies read model), renders the PDF and stores it once. A re-run finds it stored and stops.
import { Inject, Injectable } from '@nestjs/common';
import { EventStore, loadStream, RecordedEvent } from '@lib/event-store';
import type { Clock } from '@lib/kernel';
import type { JobRoutes, QueuedJob } from '@lib/jobs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CLOCK } from '../../access/access.tokens';
import { JobCatalog } from '../../ops/platform/job-catalog';
import { APP_LOGGER, EVENT_STORE } from '../../ops/platform/platform.tokens';
import { batchDecider } from '../batches/batch.decider';
import { batchStreamId, CreditsRetired } from '../batches/batch.events';
import { readSiteProfile } from '../public/site-profile';
import { CertificateFacts, certificateContent } from './certificate-content';
import { renderCertificatePdf } from './certificate-pdf';
import { CertificateStore } from './certificate.store';
import { CERTIFICATES_CONFIG, CertificatesConfig } from './certificates-config';
import { FallbackFonts } from './fallback-fonts';

export const CERTIFICATES_QUEUE = 'certificates';

export type CertificateJob = CreditsRetired['data'];

export const certificateRoutes: JobRoutes = {
  CreditsRetired: (event: RecordedEvent) => [{ queue: CERTIFICATES_QUEUE, name: 'render-certificate', data: event.data as CertificateJob }],
};

/** A fact the certificate needs is not readable yet (e.g. the companies read model lags): retry later. */
export class CertificateFactsMissing extends Error {
  constructor(what: string) {
    super(`Cannot render the certificate yet: ${what}`);
    this.name = 'CertificateFactsMissing';
  }
}

@Injectable()
export class CertificateRendering {
  private readonly fallbackFonts: FallbackFonts;
  private readonly logger: Logger;

  constructor(
    catalog: JobCatalog,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CERTIFICATES_CONFIG) private readonly config: CertificatesConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly certificates: CertificateStore,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.fallbackFonts = new FallbackFonts(config.fallbackFonts);
    this.logger = logger.child({ context: CertificateRendering.name });
    catalog.registerRoutes(certificateRoutes);
    // Rendering is CPU work on the event loop: two at a time keeps requests responsive.
    catalog.registerProcessor({ queue: CERTIFICATES_QUEUE, process: (job) => this.run(job as QueuedJob<CertificateJob>), concurrency: 2 });
  }

  async run(job: QueuedJob<CertificateJob>): Promise<'rendered' | 'already_rendered'> {
    const retirement = job.data;
    if (await this.certificates.exists(retirement.retirementId)) return 'already_rendered';
    const { pdf, unprintable } = await renderCertificatePdf(certificateContent(await this.factsOf(retirement)), this.fallbackFonts);
    if (unprintable.length > 0) {
      // Stored anyway (the retirement happened); the letters are named by code point, so the line
      // tells an operator which script needs a font.
      this.logger.warn(
        { certificateNo: retirement.certificateNo, codePoints: unprintable.map(codePointOf) },
        'certificate printed letters no font has as empty boxes: set CERTIFICATE_FALLBACK_FONTS (README)',
      );
    }
    await this.certificates.insert({
      retirementId: retirement.retirementId,
      certificateNo: retirement.certificateNo,
      companyId: retirement.companyId,
      batchId: retirement.batchId,
      pdf,
      renderedAt: this.clock.now(),
    });
    return 'rendered';
  }

  private async factsOf(retirement: CertificateJob): Promise<CertificateFacts> {
    const { state } = await loadStream(this.eventStore, batchStreamId(retirement.batchId), batchDecider);
    if (state.status !== 'issued') throw new CertificateFactsMissing(`batch ${retirement.batchId} is not readable`);
    const companies: Array<{ name: string; lei: string | null }> = await this.dataSource.query('SELECT name, lei FROM companies WHERE id = $1', [retirement.companyId]);
    if (companies.length === 0) throw new CertificateFactsMissing(`company ${retirement.companyId} is not in the companies read model yet`);
    return {
      retirement,
      batch: { siteCode: state.siteCode, vintage: state.vintage, batchNo: state.batchNo },
      // Null (the site code alone is printed) if the site stream cannot be read.
      site: await readSiteProfile(this.eventStore, state.siteId),
      company: { name: companies[0].name, lei: companies[0].lei?.trim() ?? null },
      publicBaseUrl: this.config.publicBaseUrl,
    };
  }
}

/** `U+AC00` for "가". */
function codePointOf(letter: string): string {
  return `U+${(letter.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
