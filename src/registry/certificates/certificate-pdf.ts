// Renders a certificate's content as a one-page A4 PDF (pdfkit) in embedded DejaVu fonts.
// Why embedded fonts: PDF's standard fonts (Helvetica, Courier) only know Windows-1252, so a
// beneficiary such as "Łódź Ogniwa Sp. z o.o.", "Győr Cells Kft." or "ООО Кобальт" was printed
// with wrong or missing letters on a public claim. DejaVu covers Latin (all European languages),
// Greek, Cyrillic and more; pdfkit embeds only the glyphs used (with their Unicode mapping, so the
// text can be searched and copied). Letters it lacks (CJK, Thai…) are printed in a fallback font
// (fallback-fonts.ts); those no font has print as empty boxes and are reported with the PDF.
// Deterministic for the same content: the creation date is the retirement's, pdfkit derives the
// file id from the document info and the font subset names from the fonts, so a re-render gives
// the same bytes and the same SHA-256.
import { readFileSync } from 'fs';
import { create, Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { CertificateContent } from './certificate-content';
import { FallbackFont, FallbackFonts } from './fallback-fonts';

/** The fonts a certificate uses, by the name registered in each document. */
const FONT_FILES = {
  Body: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  Bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  Mono: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fontData: Record<FontName, Buffer> | null = null;
let bodyFace: Font | null = null;

/** Read once per process (about 1.7 MB together), on the first certificate. */
function certificateFonts(): Record<FontName, Buffer> {
  fontData ??= {
    Body: readFileSync(require.resolve(FONT_FILES.Body)),
    Bold: readFileSync(require.resolve(FONT_FILES.Bold)),
    Mono: readFileSync(require.resolve(FONT_FILES.Mono)),
  };
  return fontData;
}

/** The body font parsed, to ask which letters it has. */
function bodyFont(): Font {
  bodyFace ??= create(certificateFonts().Body) as Font;
  return bodyFace;
}

/** A piece of text printed in one font. */
interface TextRun {
  font: string;
  text: string;
}

/**
 * Splits `text` into runs of the body font and of the fallback fonts that have the letters it
 * lacks; letters no font has stay in the body font (an empty box) and are added to `unprintable`.
 */
function textRuns(text: string, fallbacks: FallbackFonts, used: Map<string, FallbackFont>, unprintable: Set<string>): TextRun[] {
  const runs: TextRun[] = [];
  for (const letter of text) {
    const codePoint = letter.codePointAt(0) ?? 0;
    let font: string = 'Body';
    if (!bodyFont().hasGlyphForCodePoint(codePoint)) {
      const fallback = fallbacks.fontFor(codePoint);
      if (fallback === null) {
        unprintable.add(letter);
      } else {
        font = fallback.name;
        used.set(fallback.name, fallback);
      }
    }
    const last = runs[runs.length - 1];
    if (last !== undefined && last.font === font) last.text += letter;
    else runs.push({ font, text: letter });
  }
  return runs;
}

/** A rendered certificate, with the letters of its content that no font could print. */
export interface RenderedCertificate {
  pdf: Buffer;
  /** Distinct letters printed as empty boxes, in order of appearance; empty when all printed. */
  unprintable: string[];
}

const NO_FALLBACKS = new FallbackFonts([]);

const MARGIN = 56;
const INK = '#1f2933';
const MUTED = '#616e7c';

export async function renderCertificatePdf(content: CertificateContent, fallbacks: FallbackFonts = NO_FALLBACKS): Promise<RenderedCertificate> {
  // Every value may hold a name in any script; labels and fixed texts are ASCII.
  const usedFallbacks = new Map<string, FallbackFont>();
  const unprintable = new Set<string>();
  const fields = content.fields.map(([label, value]) => ({ label, runs: textRuns(value, fallbacks, usedFallbacks, unprintable) }));
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
  for (const fallback of usedFallbacks.values()) document.registerFont(fallback.name, fallback.data);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  document.fillColor(INK).font('Bold').fontSize(20).text(content.title);
  document.moveDown(0.3).font('Body').fontSize(10).fillColor(MUTED).text('Fair Cobalt Alliance - book-and-claim registry for artisanal cobalt');
  document.moveDown(1.5);
  for (const { label, runs } of fields) {
    document.font('Bold').fontSize(10).fillColor(MUTED).text(label.toUpperCase());
    document.fontSize(12).fillColor(INK);
    if (runs.length === 0) document.font('Body').text('');
    runs.forEach((run, index) => document.font(run.font).text(run.text, { continued: index < runs.length - 1 }));
    document.moveDown(0.6);
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
  return { pdf: await done, unprintable: [...unprintable] };
}
