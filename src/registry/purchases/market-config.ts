// Settings of the marketplace, read from the environment when the app is built (an e2e suite may
// set process.env just before createTestApp) and checked like the app's own configuration.
import { ConfigError, Environment } from '../../ops/config/app-config';

export const MARKET_CONFIG = Symbol('MARKET_CONFIG');

export interface MarketConfig {
  /** `RESERVATION_TTL_SECONDS`: how long reserved units wait for payment before they expire. */
  reservationTtlSeconds: number;
}

/** 72 h: time for a bank transfer to arrive (DESIGN §3.5). */
export const DEFAULT_RESERVATION_TTL_SECONDS = 72 * 60 * 60;
/** A reservation holds units others cannot buy: never more than 30 days. */
const MAX_RESERVATION_TTL_SECONDS = 30 * 24 * 60 * 60;

export function loadMarketConfig(env: Environment): MarketConfig {
  const text = env.RESERVATION_TTL_SECONDS?.trim();
  if (text === undefined || text === '') return { reservationTtlSeconds: DEFAULT_RESERVATION_TTL_SECONDS };
  if (!/^\d{1,8}$/.test(text) || Number(text) < 1 || Number(text) > MAX_RESERVATION_TTL_SECONDS) {
    throw new ConfigError('RESERVATION_TTL_SECONDS', `must be an integer between 1 and ${MAX_RESERVATION_TTL_SECONDS} (got "${text.slice(0, 16)}")`);
  }
  return { reservationTtlSeconds: Number(text) };
}
