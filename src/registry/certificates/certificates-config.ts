// Settings of certificates: the public base URL printed as the verification link, and the fonts
// for letters the embedded DejaVu fonts lack.
import { existsSync } from 'fs';
import { isAbsolute } from 'path';
import { ConfigError, Environment } from '../../ops/config/app-config';
import { KNOWN_SYSTEM_FALLBACK_FONTS, parseFontFile } from './fallback-fonts';

export interface CertificatesConfig {
  /**
   * `PUBLIC_BASE_URL`: where the public API is reached from outside, without a trailing slash;
   * certificates link to `{PUBLIC_BASE_URL}/v1/public/retirements/{certificateNo}`.
   * Default `http://localhost:{PORT}`.
   */
  publicBaseUrl: string;
  /**
   * `CERTIFICATE_FALLBACK_FONTS`: comma-separated absolute paths of TrueType, OpenType or WOFF
   * font files, tried in order for letters DejaVu lacks (CJK, Thai…). Default: those of
   * KNOWN_SYSTEM_FALLBACK_FONTS installed on this machine. `none`: no fallback.
   */
  fallbackFonts: readonly string[];
}

export function loadCertificatesConfig(env: Environment): CertificatesConfig {
  const given = env.PUBLIC_BASE_URL?.trim();
  const value = given === undefined || given === '' ? `http://localhost:${env.PORT?.trim() || '3000'}` : given;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('PUBLIC_BASE_URL', 'must be an absolute URL such as https://registry.faircobalt.org');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('PUBLIC_BASE_URL', 'must use http or https');
  if (url.search !== '' || url.hash !== '' || url.username !== '') throw new ConfigError('PUBLIC_BASE_URL', 'must be a plain base URL (no query, fragment or credentials)');
  return { publicBaseUrl: url.href.replace(/\/+$/, ''), fallbackFonts: fallbackFontsOf(env) };
}

function fallbackFontsOf(env: Environment): readonly string[] {
  const given = env.CERTIFICATE_FALLBACK_FONTS?.trim();
  if (given === undefined || given === '') return KNOWN_SYSTEM_FALLBACK_FONTS.filter((path) => existsSync(path));
  if (given === 'none') return [];
  const paths = given.split(',').map((path) => path.trim());
  for (const path of paths) {
    if (!isAbsolute(path)) throw new ConfigError('CERTIFICATE_FALLBACK_FONTS', `must list absolute paths of font files, got "${path}"`);
    if (!existsSync(path)) throw new ConfigError('CERTIFICATE_FALLBACK_FONTS', `names ${path}, which does not exist`);
    // Parsed once at boot, so a wrong file stops the process now rather than failing certificates later.
    try {
      parseFontFile(path);
    } catch (error) {
      const reason = typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : String(error);
      throw new ConfigError('CERTIFICATE_FALLBACK_FONTS', `cannot use ${path} as a font (${reason})`);
    }
  }
  return paths;
}

export const CERTIFICATES_CONFIG = Symbol('CERTIFICATES_CONFIG');
