// Renders a certificate's content as a one-page A4 PDF (pdfkit) in embedded DejaVu fonts.
// Why embedded fonts: PDF's standard fonts (Helvetica, Courier) only know Windows-1252, so a
// beneficiary such as "Łódź Ogniwa Sp. z o.o.", "Győr Cells Kft." or "ООО Кобальт" was printed
// with wrong or missing letters on a public claim. DejaVu covers Latin (all European languages),
// Greek, Cyrillic and more; pdfkit embeds only the glyphs used (with their Unicode mapping, so the
// text can be searched and copied). Scripts it lacks (CJK, for instance) print as empty boxes.
// Deterministic for the same content: the creation date is the retirement's, pdfkit derives the
// file id from the document info and the font subset names from the fonts, so a re-render gives
// the same bytes and the same SHA-256.
import { readFileSync } from 'fs';
import PDFDocument from 'pdfkit';
import type { CertificateContent } from './certificate-content';

/** The fonts a certificate uses, by the name registered in each document. */
const FONT_FILES = {
  Body: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  Bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  Mono: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fontData: Record<FontName, Buffer> | null = null;

/** Read once per process (about 1.7 MB together), on the first certificate. */
function certificateFonts(): Record<FontName, Buffer> {
  fontData ??= {
    Body: readFileSync(require.resolve(FONT_FILES.Body)),
    Bold: readFileSync(require.resolve(FONT_FILES.Bold)),
    Mono: readFileSync(require.resolve(FONT_FILES.Mono)),
  };
  return fontData;
}

const MARGIN = 56;
const INK = '#1f2933';
const MUTED = '#616e7c';

export function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Retirement certificate ${content.certificateNo}`,
      Author: 'Fair Cobalt Alliance - Responsible Cobalt Credit registry',
      Subject: `Retirement of Responsible Cobalt Credits, certificate ${content.certificateNo}`,
      CreationDate: content.issuedAt,
      ModDate: content.issuedAt,
    },
  });
  for (const [name, data] of Object.entries(certificateFonts())) document.registerFont(name, data);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  document.fillColor(INK).font('Bold').fontSize(20).text(content.title);
  document.moveDown(0.3).font('Body').fontSize(10).fillColor(MUTED).text('Fair Cobalt Alliance - book-and-claim registry for artisanal cobalt');
  document.moveDown(1.5);
  for (const [label, value] of content.fields) {
    document.font('Bold').fontSize(10).fillColor(MUTED).text(label.toUpperCase());
    document.font('Body').fontSize(12).fillColor(INK).text(value).moveDown(0.6);
  }
  document.font('Bold').fontSize(10).fillColor(MUTED).text('SERIAL NUMBERS RETIRED');
  document.font('Mono').fontSize(10).fillColor(INK);
  for (const range of content.serialRanges) document.text(range);
  document.moveDown(1.2);
  document.font('Body').fontSize(10).fillColor(MUTED).text('Verify this certificate at:');
  document.fillColor('#0b5cad').text(content.verificationUrl, { link: content.verificationUrl, underline: true });
  document.moveDown(1.5).fillColor(MUTED).fontSize(8);
  document.text('One credit stands for one tonne of cobalt produced responsibly at a partner cooperative; one unit is one kilogram. Retired units can never be sold, transferred or retired again.');
  document.end();
  return done;
}
