import { existsSync } from 'fs';
import { join } from 'path';
import { ConfigError } from '../../ops/config/app-config';
import { THAI_TEST_FONT } from './certificate-pdf.fixtures';
import { loadCertificatesConfig } from './certificates-config';
import { KNOWN_SYSTEM_FALLBACK_FONTS } from './fallback-fonts';

const THAI_TEST_FONT_WOFF2 = THAI_TEST_FONT.replace(/\.woff$/, '.woff2');

function fallbackFontsFor(value: string | undefined): readonly string[] {
  return loadCertificatesConfig({ CERTIFICATE_FALLBACK_FONTS: value }).fallbackFonts;
}

function configErrorFor(value: string): string {
  try {
    fallbackFontsFor(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`CERTIFICATE_FALLBACK_FONTS=${value} was accepted`);
}

describe('certificates config: CERTIFICATE_FALLBACK_FONTS', () => {
  it('fallbackFonts_WhenUnset_ThenTheKnownSystemFontsInstalledHere', () => {
    expect(fallbackFontsFor(undefined)).toEqual(KNOWN_SYSTEM_FALLBACK_FONTS.filter((path) => existsSync(path)));
    expect(fallbackFontsFor('  ')).toEqual(fallbackFontsFor(undefined));
  });

  it('fallbackFonts_WhenNone_ThenNoFallback', () => {
    expect(fallbackFontsFor('none')).toEqual([]);
  });

  it('fallbackFonts_WhenFontFilesAreListed_ThenThoseInOrder', () => {
    expect(fallbackFontsFor(` ${THAI_TEST_FONT_WOFF2} , ${THAI_TEST_FONT}`)).toEqual([THAI_TEST_FONT_WOFF2, THAI_TEST_FONT]);
  });

  it('fallbackFonts_WhenAPathIsRelativeMissingOrNotAFont_ThenAConfigErrorNamingIt', () => {
    expect(configErrorFor('fonts/Thai.ttf')).toBe('Invalid configuration: CERTIFICATE_FALLBACK_FONTS must list absolute paths of font files, got "fonts/Thai.ttf"');
    expect(configErrorFor('/nonexistent/Thai.ttf')).toBe('Invalid configuration: CERTIFICATE_FALLBACK_FONTS names /nonexistent/Thai.ttf, which does not exist');
    const notAFont = join(__dirname, 'certificates-config.ts');
    expect(configErrorFor(`${THAI_TEST_FONT},${notAFont}`)).toMatch(new RegExp(`cannot use ${notAFont.replace(/[.\\/]/g, '\\$&')} as a font`));
  });
});
