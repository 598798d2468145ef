// Settings of certificates: the public base URL printed as the verification link.
import { ConfigError, Environment } from '../../ops/config/app-config';

export interface CertificatesConfig {
  /**
   * `PUBLIC_BASE_URL`: where the public API is reached from outside, without a trailing slash;
   * certificates link to `{PUBLIC_BASE_URL}/v1/public/retirements/{certificateNo}`.
   * Default `http://localhost:{PORT}`.
   */
  publicBaseUrl: string;
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
  return { publicBaseUrl: url.href.replace(/\/+$/, '') };
}

export const CERTIFICATES_CONFIG = Symbol('CERTIFICATES_CONFIG');
