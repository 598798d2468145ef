// Renders a certificate's content as a one-page A4 PDF (pdfkit, standard Helvetica: no font files).
// Deterministic for the same content: the creation date is the retirement's and pdfkit derives the
// file id from the document info, so a re-render gives the same bytes and the same SHA-256.
import PDFDocument from 'pdfkit';
import type { CertificateContent } from './certificate-content';

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
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  document.fillColor(INK).font('Helvetica-Bold').fontSize(20).text(content.title);
  document.moveDown(0.3).font('Helvetica').fontSize(10).fillColor(MUTED).text('Fair Cobalt Alliance - book-and-claim registry for artisanal cobalt');
  document.moveDown(1.5);
  for (const [label, value] of content.fields) {
    document.font('Helvetica-Bold').fontSize(10).fillColor(MUTED).text(label.toUpperCase());
    document.font('Helvetica').fontSize(12).fillColor(INK).text(value).moveDown(0.6);
  }
  document.font('Helvetica-Bold').fontSize(10).fillColor(MUTED).text('SERIAL NUMBERS RETIRED');
  document.font('Courier').fontSize(10).fillColor(INK);
  for (const range of content.serialRanges) document.text(range);
  document.moveDown(1.2);
  document.font('Helvetica').fontSize(10).fillColor(MUTED).text('Verify this certificate at:');
  document.fillColor('#0b5cad').text(content.verificationUrl, { link: content.verificationUrl, underline: true });
  document.moveDown(1.5).fillColor(MUTED).fontSize(8);
  document.text('One credit stands for one tonne of cobalt produced responsibly at a partner cooperative; one unit is one kilogram. Retired units can never be sold, transferred or retired again.');
  document.end();
  return done;
}
