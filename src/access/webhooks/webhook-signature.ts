// The delivery signature (as Stripe's): `X-RCC-Signature: t=<unix seconds>,v1=<hex>` where the hex
// is HMAC-SHA256(secret, `${t}.${body}`). Signing the timestamp lets receivers refuse replays.
import { createHmac, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'X-RCC-Signature';
export const EVENT_ID_HEADER = 'X-RCC-Event-Id';

export function signatureHex(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
}

export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${signatureHex(secret, timestampSeconds, body)}`;
}

/**
 * What a receiver does (documented in the README, used by the tests): parse the header, recompute
 * the HMAC over the raw body, compare in constant time, and refuse timestamps too far from now.
 */
export function verifySignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const fields = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(fields.get('t'));
  const given = fields.get('v1');
  if (!Number.isInteger(timestamp) || given === undefined || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureHex(secret, timestamp, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
