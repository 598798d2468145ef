// Retirement certificates (issue 4, part C): the dispatcher routes CreditsRetired to the
// `certificates` queue and the worker renders and stores the PDF once; until then the route
// answers 202. The certificate shows its number, the parties, the claim and a verification link.
import { createHash } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { JobQueues, QueuedJob } from '@lib/jobs';
import { JOB_QUEUES } from '../../src/ops/platform/platform.tokens';
import { CERTIFICATES_QUEUE, CertificateJob, CertificateRendering } from '../../src/registry/certificates/certificate-rendering.job';
import { pdfTextLines, THAI_TEST_FONT } from '../../src/registry/certificates/certificate-pdf.fixtures';
import { bearer, streamEvents } from '../access/access-fixtures';
import { AccessTestApp, createAccessTestApp } from '../access/access-test-app';
import { captureLogs } from '@test/support';
import { buy, company, CompanyCast, issue, registryCast, RegistryCast, retire, Retirement, verifiedMilestone } from './public-fixtures';

const PUBLIC_BASE_URL = 'https://registry.faircobalt.example';

/** Supertest hands unknown content types back as text; a PDF must stay bytes. */
function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  // At parse time superagent hands over the raw Node response stream.
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('retirement certificates (e2e)', () => {
  let testApp: AccessTestApp;
  let cast: RegistryCast;
  let volta: CompanyCast;
  let other: CompanyCast;
  let retirement: Retirement;
  let batchId: string;
  let certificates: ReturnType<JobQueues['get']>;
  const logs = captureLogs();

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'certificates', env: { PUBLIC_BASE_URL, CERTIFICATE_FALLBACK_FONTS: THAI_TEST_FONT }, logDestination: logs.stream });
    // Held back so the suite can see the answer before rendering; resumed in the test that renders.
    certificates = testApp.app.get<JobQueues>(JOB_QUEUES).get(CERTIFICATES_QUEUE);
    await certificates.pause();
    cast = await registryCast(testApp);
    volta = await company(testApp, 'Volta Cells GmbH');
    other = await company(testApp, 'Other Motors AG');
    const milestoneId = await verifiedMilestone(testApp, cast, 'KAM', 2023, 2500);
    const batch = await issue(testApp, cast, milestoneId, 2500, 2023);
    batchId = batch.id;
    await buy(testApp, cast, volta, batch.id, 2500);
    retirement = await retire(testApp, volta, batch.id, 2500, 2023, { name: 'Volta Cells GmbH', lei: '7LTWFZYICNSX8D621K86' });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  /** Waits until the worker has rendered the retirement's certificate (read-your-writes from its position). */
  const rendered = async (key: string, { id, position }: Retirement): Promise<request.Response> => {
    const get = () => certificate(key, id).query({ minPosition: position });
    let response = await get();
    for (const deadline = Date.now() + 30_000; response.status === 202 && Date.now() < deadline; response = await get()) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return response;
  };

  const certificate = (key: string, id = retirement.id) => request(testApp.server).get(`/v1/retirements/${id}/certificate`).set(bearer(key)).buffer(true).parse(binary);

  it('get_WhenNotRenderedYet_Then202WithRetryAfterAndTheCertificateNumber', async () => {
    const response = await certificate(volta.key).query({ minPosition: retirement.position }).expect(202);
    expect(response.headers['retry-after']).toBe('2');
    expect(JSON.parse((response.body as Buffer).toString('utf8'))).toEqual({ status: 'rendering', retirementId: retirement.id, certificateNo: retirement.certificateNo, retryAfterSeconds: 2 });
    expect(retirement.certificateNo).toBe('RCC-RET-KAM-2023-0001-00001');
  });

  it('get_WhenAnotherCompanysOrUnknown_ThenTheSame404', async () => {
    const foreign = await request(testApp.server).get(`/v1/retirements/${retirement.id}/certificate`).set(bearer(other.key)).expect(404);
    const unknown = await request(testApp.server).get('/v1/retirements/0190f1c2-0000-7000-8000-00000000abcd/certificate').set(bearer(other.key)).expect(404);
    expect(foreign.body.error.code).toBe('REGISTRY.RETIREMENT_NOT_FOUND');
    expect(unknown.body.error.code).toBe('REGISTRY.RETIREMENT_NOT_FOUND');
    await request(testApp.server).get('/v1/retirements/not-a-uuid/certificate').set(bearer(volta.key)).expect(400);
  });

  it('render_WhenTheWorkerRuns_ThenAStoredPdfWithEveryFactAndTheVerificationLink', async () => {
    await certificates.resume();
    let response = await certificate(volta.key);
    for (const deadline = Date.now() + 30_000; response.status === 202 && Date.now() < deadline; response = await certificate(volta.key)) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = pdfTextLines(pdf);
    for (const expected of [
      'RCC-RET-KAM-2023-0001-00001',
      'Volta Cells GmbH',
      'Volta Cells GmbH (LEI 7LTWFZYICNSX8D621K86)',
      '2023',
      '2,500 kg (2.5 t of cobalt)',
      'Kamilombe (KAM), cooperative CMDS, Lualaba, CD',
      'RCC-KAM-2023-0001-000001..002500',
      `${PUBLIC_BASE_URL}/v1/public/retirements/RCC-RET-KAM-2023-0001-00001`,
    ]) {
      expect(lines).toContain(expected);
    }
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(response.headers['x-certificate-sha256']).toBe(sha256);
    const rows: Array<{ sha256: string; certificate_no: string; size_bytes: number }> = await testApp.app
      .get(DataSource)
      .query('SELECT sha256, certificate_no, size_bytes FROM certificates WHERE retirement_id = $1', [retirement.id]);
    expect(rows).toEqual([{ sha256, certificate_no: 'RCC-RET-KAM-2023-0001-00001', size_bytes: pdf.length }]);
  });

  it('get_WhenRenderedAndStaffOrOwner_ThenThePdf_AnotherCompany_Then404', async () => {
    const auditor = await certificate(cast.auditor).expect(200);
    const owner = await certificate(volta.key).expect(200);
    expect(Buffer.compare(auditor.body as Buffer, owner.body as Buffer)).toBe(0);
    const foreign = await request(testApp.server).get(`/v1/retirements/${retirement.id}/certificate`).set(bearer(other.key)).expect(404);
    expect(foreign.body.error.code).toBe('REGISTRY.RETIREMENT_NOT_FOUND');
  });

  it('render_WhenTheJobRunsAgain_ThenTheFirstPdfIsKept', async () => {
    const retired = (await streamEvents(testApp, `batch-${batchId}`)).find((event) => event.type === 'CreditsRetired');
    const job = { data: retired?.data, attemptsMade: 0 } as unknown as QueuedJob<CertificateJob>;
    const before: Array<{ sha256: string }> = await testApp.app.get(DataSource).query('SELECT sha256 FROM certificates');
    expect(await testApp.app.get(CertificateRendering).run(job)).toBe('already_rendered');
    expect(await testApp.app.get(DataSource).query('SELECT sha256 FROM certificates')).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it('render_WhenTheBeneficiaryIsInScriptsDejaVuLacks_ThenFallbackFontsPrintThem_AndLettersNoFontHasAreLogged', async () => {
    // Thai is in the configured fallback font; Hangul is in none of the fonts given to this app.
    const name = 'บริษัท โคบอลต์ไทย จำกัด 한국';
    const milestoneId = await verifiedMilestone(testApp, cast, 'BKK', 2023, 10);
    const batch = await issue(testApp, cast, milestoneId, 10, 2023);
    await buy(testApp, cast, volta, batch.id, 10);
    const thai = await retire(testApp, volta, batch.id, 10, 2023, { name });
    const response = await rendered(volta.key, thai);
    expect(response.status).toBe(200);
    // Thai vowel signs are placed as their own pieces of text: compare the page's text run together.
    const text = pdfTextLines(response.body as Buffer).join('');
    expect(text).toContain('บริษัท โคบอลต์ไทย จำกัด');
    const warnings = logs.lines<{ msg: string; certificateNo: string; codePoints: string[] }>().filter((line) => line.certificateNo === thai.certificateNo);
    expect(warnings.map((line) => line.codePoints)).toEqual([['U+D55C', 'U+AD6D']]);
    expect(warnings[0].msg).toMatch(/CERTIFICATE_FALLBACK_FONTS/);
  });
});
