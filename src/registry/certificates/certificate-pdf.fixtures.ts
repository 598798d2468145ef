// For specs and e2e suites: the text a PDF shows, read the honest way. pdfkit compresses streams
// and writes text in embedded fonts as glyph ids, so each font's ToUnicode map is read (object by
// object), the page's content stream is walked, and every text operator's glyphs are decoded with
// the map of the font selected at that point (`/F2 12 Tf`).
import { join } from 'path';
import { inflateSync } from 'zlib';

/**
 * A small font with the Thai letters DejaVu lacks, as a fallback font in tests (a dev dependency:
 * CJK fonts are 4-20 MB, and the tests must not depend on the machine's fonts).
 */
export const THAI_TEST_FONT = join(require.resolve('@fontsource/noto-sans-thai/package.json'), '..', 'files', 'noto-sans-thai-thai-400-normal.woff');

const OBJECT = /(\d+) 0 obj([\s\S]*?)endobj/g;
const STREAM = /stream\r?\n([\s\S]*?)\r?\nendstream/;
const FONT_RESOURCES = /\/Font\s*<<([^>]*)>>/g;
const FONT_REFERENCE = /\/(\w+)\s+(\d+)\s+0\s+R/g;
const TO_UNICODE = /\/ToUnicode\s+(\d+)\s+0\s+R/;
const BF_RANGE = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g;
const BF_CHAR = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F ]+)>/g;
/** A font selection (`/F2 12 Tf`) or a text array (`[<0001> 91.7 <0002>] TJ`), in drawing order. */
const CONTENT_OPERATORS = /\/(\w+)\s+[\d.]+\s+Tf|\[((?:\s*(?:<[0-9a-fA-F]*>|\([^)]*\)|-?\d+(?:\.\d+)?))*)\s*\]\s*TJ/g;
const HEX = /<([0-9a-fA-F]*)>/g;
/** A ToUnicode target: UTF-16 code units, several for a ligature (`<0066 0069>`). */
const UNITS = /<([0-9a-fA-F ]*)>/g;

type GlyphMap = Map<number, string>;

function objectsOf(pdf: Buffer): Map<number, string> {
  const text = pdf.toString('latin1');
  return new Map([...text.matchAll(OBJECT)].map((match) => [Number(match[1]), match[2]]));
}

function streamOf(object: string): string {
  const match = STREAM.exec(object);
  if (match === null) return '';
  const raw = Buffer.from(match[1], 'latin1');
  try {
    return inflateSync(raw).toString('latin1');
  } catch {
    return raw.toString('latin1');
  }
}

/** `<0046 0069>` (UTF-16 code units) → "fi". */
function unicodeOf(hexUnits: string): string {
  const units = hexUnits.replace(/\s+/g, '').match(/.{4}/g) ?? [];
  return String.fromCharCode(...units.map((unit) => parseInt(unit, 16)));
}

function toUnicodeMap(cmap: string): GlyphMap {
  const glyphs: GlyphMap = new Map();
  for (const section of cmap.split('beginbfrange').slice(1)) {
    for (const [, from, to, target] of section.split('endbfrange')[0].matchAll(BF_RANGE)) {
      const first = parseInt(from, 16);
      const last = parseInt(to, 16);
      if (target.startsWith('[')) {
        [...target.matchAll(UNITS)].forEach((entry, index) => glyphs.set(first + index, unicodeOf(entry[1])));
      } else {
        const start = parseInt(target.slice(1, -1), 16);
        for (let glyph = first; glyph <= last; glyph += 1) glyphs.set(glyph, String.fromCharCode(start + glyph - first));
      }
    }
  }
  for (const section of cmap.split('beginbfchar').slice(1)) {
    for (const [, glyph, target] of section.split('endbfchar')[0].matchAll(BF_CHAR)) glyphs.set(parseInt(glyph, 16), unicodeOf(target));
  }
  return glyphs;
}

/** Font resource name (`F2`) → its glyph map, for every font a page names. */
function fontMaps(objects: Map<number, string>): Map<string, GlyphMap> {
  const fonts = new Map<string, GlyphMap>();
  for (const object of objects.values()) {
    for (const [, references] of object.matchAll(FONT_RESOURCES)) {
      for (const [, name, id] of references.matchAll(FONT_REFERENCE)) {
        const toUnicode = TO_UNICODE.exec(objects.get(Number(id)) ?? '');
        if (toUnicode !== null) fonts.set(name, toUnicodeMap(streamOf(objects.get(Number(toUnicode[1])) ?? '')));
      }
    }
  }
  return fonts;
}

/** One entry per text-showing operator, in drawing order (pdfkit draws one per line). */
export function pdfTextLines(pdf: Buffer): string[] {
  const objects = objectsOf(pdf);
  const fonts = fontMaps(objects);
  const lines: string[] = [];
  for (const object of objects.values()) {
    if (!/\/Filter|stream/.test(object) || TO_UNICODE.test(object)) continue;
    const content = streamOf(object);
    if (!content.includes(' Tf')) continue;
    let glyphs: GlyphMap | undefined;
    for (const [, fontName, array] of content.matchAll(CONTENT_OPERATORS)) {
      if (fontName !== undefined) {
        glyphs = fonts.get(fontName);
        continue;
      }
      const codes = [...array.matchAll(HEX)].flatMap((hex) => hex[1].match(/.{4}/g) ?? []);
      lines.push(codes.map((code) => glyphs?.get(parseInt(code, 16)) ?? '\uFFFD').join(''));
    }
  }
  return lines;
}
