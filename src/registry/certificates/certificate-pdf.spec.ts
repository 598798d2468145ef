import { createHash } from 'crypto';
import { certificateContent, CertificateFacts, quantityText } from './certificate-content';
import { renderCertificatePdf } from './certificate-pdf';
import { pdfTextLines, THAI_TEST_FONT } from './certificate-pdf.fixtures';
import { FallbackFonts } from './fallback-fonts';

const THAI_NAME = 'บริษัท โคบอลต์ไทย จำกัด';

const facts: CertificateFacts = {
  retirement: {
    batchId: '01900000-0000-7000-8000-000000000001',
    retirementId: '01900000-0000-7000-8000-00000000e001',
    certificateNo: 'RCC-RET-KAM-2023-0001-00001',
    companyId: '01900000-0000-7000-8000-00000000c001',
    quantityKg: 2500,
    serials: [
      { from: 1, to: 2000 },
      { from: 2101, to: 2600 },
    ],
    claimYear: 2023,
    beneficiary: { name: 'Volta Cells GmbH', lei: '7LTWFZYICNSX8D621K86' },
    purpose: 'Cobalt footprint 2023 of the EV battery line',
    retiredAt: '2026-03-10T12:00:00.000Z',
  },
  batch: { siteCode: 'KAM', vintage: 2023, batchNo: 1 },
  site: { name: 'Kamilombe', cooperative: 'CMDS', province: 'Lualaba', country: 'CD' },
  company: { name: 'Volta Cells GmbH', lei: null },
  publicBaseUrl: 'https://registry.example.org',
};

describe('certificate content and PDF', () => {
  it('content_WhenPilotRetirement_ThenEveryFieldTheCertificateMustShow', () => {
    const content = certificateContent(facts);
    expect(Object.fromEntries(content.fields)).toEqual({
      'Certificate number': 'RCC-RET-KAM-2023-0001-00001',
      'Retired by': 'Volta Cells GmbH',
      Beneficiary: 'Volta Cells GmbH (LEI 7LTWFZYICNSX8D621K86)',
      'Claim year': '2023',
      Quantity: '2,500 kg (2.5 t of cobalt)',
      Site: 'Kamilombe (KAM), cooperative CMDS, Lualaba, CD',
      Vintage: '2023',
      Purpose: 'Cobalt footprint 2023 of the EV battery line',
      'Issue date': '2026-03-10',
    });
    expect(content.serialRanges).toEqual(['RCC-KAM-2023-0001-000001..002000', 'RCC-KAM-2023-0001-002101..002600']);
    expect(content.verificationUrl).toBe('https://registry.example.org/v1/public/retirements/RCC-RET-KAM-2023-0001-00001');
  });

  it('quantityText_WhenNotWholeTonnes_ThenExactTonnesWithoutRounding', () => {
    expect(quantityText(1)).toBe('1 kg (0.001 t of cobalt)');
    expect(quantityText(1337)).toBe('1,337 kg (1.337 t of cobalt)');
    expect(quantityText(2500)).toBe('2,500 kg (2.5 t of cobalt)');
    expect(quantityText(1_000_000)).toBe('1,000,000 kg (1000 t of cobalt)');
  });

  it('render_WhenPilotRetirement_ThenAPdfShowingNumberBeneficiaryRangesAndLink', async () => {
    const { pdf } = await renderCertificatePdf(certificateContent(facts));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = pdfTextLines(pdf);
    for (const expected of [
      'RCC-RET-KAM-2023-0001-00001',
      'Volta Cells GmbH (LEI 7LTWFZYICNSX8D621K86)',
      '2,500 kg (2.5 t of cobalt)',
      'RCC-KAM-2023-0001-000001..002000',
      'RCC-KAM-2023-0001-002101..002600',
      'https://registry.example.org/v1/public/retirements/RCC-RET-KAM-2023-0001-00001',
      '2026-03-10',
    ]) {
      expect(lines).toContain(expected);
    }
  });

  it('render_WhenNamesAreBeyondWindows1252_ThenPrintedLetterForLetter', async () => {
    // Polish, Hungarian, Czech, Turkish and Russian names: PDF's standard fonts lose these letters.
    const names = ['Łódź Ogniwa Sp. z o.o.', 'Győri Akkumulátor Kft.', 'Žďár Články s.r.o.', 'İzmir Pil Şirketi', 'ООО «Кобальт-Сибирь»'];
    for (const name of names) {
      const content = certificateContent({ ...facts, retirement: { ...facts.retirement, beneficiary: { name }, purpose: `Claim of ${name}` } });
      const lines = pdfTextLines((await renderCertificatePdf(content)).pdf);
      expect(lines).toContain(name);
      expect(lines).toContain(`Claim of ${name}`);
    }
  });

  it('render_WhenSameContentTwice_ThenSameBytes', async () => {
    const [first, second] = (await Promise.all([renderCertificatePdf(certificateContent(facts)), renderCertificatePdf(certificateContent(facts))])).map((rendered) => rendered.pdf);
    expect(createHash('sha256').update(first).digest('hex')).toBe(createHash('sha256').update(second).digest('hex'));
  });

  it('render_WhenSiteUnknown_ThenTheSiteCodeIsPrinted', async () => {
    const lines = pdfTextLines((await renderCertificatePdf(certificateContent({ ...facts, site: null }))).pdf);
    expect(lines).toContain('KAM');
  });

  describe('letters DejaVu lacks', () => {
    const named = (name: string) => certificateContent({ ...facts, retirement: { ...facts.retirement, beneficiary: { name }, purpose: `Claim of ${name}` } });
    // Thai vowel signs are placed as their own pieces of text: compare the page's text run together.
    const pageText = (pdf: Buffer) => pdfTextLines(pdf).join('');

    it('render_WhenAFallbackFontHasThem_ThenPrintedInItBesideTheBodyFont_AndNothingUnprintable', async () => {
      const { pdf, unprintable } = await renderCertificatePdf(named(`${THAI_NAME} (Łódź branch)`), new FallbackFonts([THAI_TEST_FONT]));
      expect(unprintable).toEqual([]);
      expect(pageText(pdf)).toContain(`${THAI_NAME} (Łódź branch)`);
      expect(pageText(pdf)).toContain(`Claim of ${THAI_NAME} (Łódź branch)`);
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansThai/);
    });

    it('render_WhenNoFontHasThem_ThenTheyAreReportedOnceEach_AndTheRestPrints', async () => {
      const { pdf, unprintable } = await renderCertificatePdf(named('한국 코발트 Łódź'), new FallbackFonts([THAI_TEST_FONT]));
      expect(unprintable).toEqual(['한', '국', '코', '발', '트']);
      expect(pageText(pdf)).toContain('Łódź');
      const withoutFallback = await renderCertificatePdf(named(THAI_NAME));
      expect(withoutFallback.unprintable).toEqual([...new Set(THAI_NAME.replace(/ /g, ''))]);
    });

    it('render_WhenOnlyLatinLetters_ThenNoFallbackFontIsLoadedOrEmbedded', async () => {
      const fallbacks = new FallbackFonts(['/nonexistent/font.ttf']);
      const { pdf, unprintable } = await renderCertificatePdf(certificateContent(facts), fallbacks);
      expect(unprintable).toEqual([]);
      expect(pdf.toString('latin1')).not.toMatch(/NotoSans/);
    });

    it('render_WhenSameContentWithFallbacksTwice_ThenSameBytes', async () => {
      const [first, second] = await Promise.all([
        renderCertificatePdf(named(THAI_NAME), new FallbackFonts([THAI_TEST_FONT])),
        renderCertificatePdf(named(THAI_NAME), new FallbackFonts([THAI_TEST_FONT])),
      ]);
      expect(Buffer.compare(first.pdf, second.pdf)).toBe(0);
    });
  });
});
