// For specs and e2e suites: the text a PDF shows, read the honest way (inflate its content streams,
// decode the strings of its text operators), since pdfkit compresses streams and hex-encodes text.
import { inflateSync } from 'zlib';

const STREAM = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
const TEXT_ARRAY = /\[((?:\s*(?:<[0-9a-fA-F]*>|\([^)]*\)|-?\d+(?:\.\d+)?))*)\s*\]\s*TJ/g;
const HEX = /<([0-9a-fA-F]*)>/g;

function contentStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(STREAM)].map((match) => {
    const raw = Buffer.from(match[1], 'latin1');
    try {
      return inflateSync(raw).toString('latin1');
    } catch {
      return raw.toString('latin1');
    }
  });
}

/** One entry per text-showing operator, in drawing order (pdfkit draws one per line). */
export function pdfTextLines(pdf: Buffer): string[] {
  return contentStreams(pdf).flatMap((stream) =>
    [...stream.matchAll(TEXT_ARRAY)].map((array) => [...array[1].matchAll(HEX)].map((hex) => Buffer.from(hex[1], 'hex').toString('latin1')).join('')),
  );
}
