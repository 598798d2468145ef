// Fonts for the letters DejaVu lacks: Chinese, Japanese, Korean, Thai… A beneficiary such as
// "宁德时代新能源科技股份有限公司" prints in the first fallback font that has each letter; a letter
// no font has still prints as an empty box, and the render reports it. CJK fonts are large (4-20 MB
// each), so none ships with the app: CERTIFICATE_FALLBACK_FONTS names font files, and by default
// the well-known system fonts below are used when installed. Loaded on the first certificate that
// needs one, then kept for the life of the process.
import { readFileSync } from 'fs';
import { create, Font } from 'fontkit';

/** Debian/Ubuntu font packages that cover what DejaVu does not, in order of preference. */
export const KNOWN_SYSTEM_FALLBACK_FONTS: readonly string[] = [
  // fonts-droid-fallback: Chinese (simplified and traditional) and Japanese.
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  // fonts-nanum: Korean.
  '/usr/share/fonts/truetype/nanum/NanumGothic.ttf',
];

/** A fallback font as a document registers it. */
export interface FallbackFont {
  /** Name to register it under in a document. */
  readonly name: string;
  readonly data: Buffer;
}

interface LoadedFont extends FallbackFont {
  readonly face: Font;
}

/** Parses a font file; throws when it is not a single TrueType/OpenType/WOFF font (a collection, say). */
export function parseFontFile(path: string): { data: Buffer; face: Font } {
  const data = readFileSync(path);
  const parsed = create(data);
  if (!('hasGlyphForCodePoint' in parsed)) throw new Error(`${path} is a font collection, not a single font`);
  return { data, face: parsed };
}

export class FallbackFonts {
  private loaded: readonly LoadedFont[] | null = null;

  constructor(readonly paths: readonly string[]) {}

  /** The first fallback font with a glyph for `codePoint`, or null when none has one. */
  fontFor(codePoint: number): FallbackFont | null {
    return this.fonts().find((font) => font.face.hasGlyphForCodePoint(codePoint)) ?? null;
  }

  private fonts(): readonly LoadedFont[] {
    this.loaded ??= this.paths.map((path, index) => ({ name: `Fallback${index + 1}`, ...parseFontFile(path) }));
    return this.loaded;
  }
}
