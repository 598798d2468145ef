// Serial numbers of units (DESIGN §1): `RCC-{SITE}-{VINTAGE}-{BATCHNO}-{UNIT}`, e.g.
// `RCC-KAM-2023-0001-000417`; a range is `RCC-KAM-2023-0001-000001..002500`.
// Batch numbers are zero-padded to 4 digits and units to 6. Larger numbers widen the field
// (batch 12345 → `12345`, unit 1234567 → `1234567`) instead of truncating, so every serial stays
// unique; parsing accepts only the canonical text (no extra leading zeros), so that
// format(parse(text)) === text and one unit never has two spellings.
import { InvalidSerial } from './kernel.errors';

export const SERIAL_PREFIX = 'RCC';
/** Site codes: 2 to 8 upper-case letters or digits, e.g. `KAM`. */
export const SITE_CODE_PATTERN = /^[A-Z0-9]{2,8}$/;

const BATCH_NO_WIDTH = 4;
const UNIT_WIDTH = 6;
const MAX_BATCH_NO = 999_999_999;
const MAX_SERIAL_TEXT_LENGTH = 64;

const SERIAL_PATTERN = /^RCC-([A-Z0-9]{2,8})-(\d{4})-(\d{4,9})-(\d{6,16})$/;
const SERIAL_RANGE_PATTERN = /^RCC-([A-Z0-9]{2,8})-(\d{4})-(\d{4,9})-(\d{6,16})\.\.(\d{6,16})$/;

/** Identifies one batch: the part of a serial number before the unit. */
export interface BatchSerialPrefix {
  siteCode: string;
  /** Production year, four digits. */
  vintage: number;
  /** 1-based batch number at the site. */
  batchNo: number;
}

export interface SerialNumber extends BatchSerialPrefix {
  /** 1-based unit (kg) number within the batch. */
  unit: number;
}

export interface SerialNumberRange extends BatchSerialPrefix {
  from: number;
  to: number;
}

export function isSiteCode(value: unknown): value is string {
  return typeof value === 'string' && SITE_CODE_PATTERN.test(value);
}

export function formatSerial(serial: SerialNumber): string {
  return `${formatBatchPrefix(serial)}-${formatUnit(serial.unit)}`;
}

export function formatSerialRange(range: SerialNumberRange): string {
  if (range.from > range.to) throw new InvalidSerial('range starts after it ends', { ...range });
  return `${formatBatchPrefix(range)}-${formatUnit(range.from)}..${formatUnit(range.to)}`;
}

/** Strict: only the canonical form produced by `formatSerial`. Throws InvalidSerial. */
export function parseSerial(text: string): SerialNumber {
  const match = text.length <= MAX_SERIAL_TEXT_LENGTH ? SERIAL_PATTERN.exec(text) : null;
  if (match === null) throw new InvalidSerial('expected RCC-SITE-YYYY-NNNN-UUUUUU', { text: clip(text) });
  const serial: SerialNumber = {
    siteCode: match[1],
    vintage: Number(match[2]),
    batchNo: Number(match[3]),
    unit: Number(match[4]),
  };
  requireCanonical(text, () => formatSerial(serial));
  return serial;
}

/** Strict: only the canonical form produced by `formatSerialRange`. Throws InvalidSerial. */
export function parseSerialRange(text: string): SerialNumberRange {
  const match = text.length <= MAX_SERIAL_TEXT_LENGTH ? SERIAL_RANGE_PATTERN.exec(text) : null;
  if (match === null) {
    throw new InvalidSerial('expected RCC-SITE-YYYY-NNNN-UUUUUU..UUUUUU', { text: clip(text) });
  }
  const range: SerialNumberRange = {
    siteCode: match[1],
    vintage: Number(match[2]),
    batchNo: Number(match[3]),
    from: Number(match[4]),
    to: Number(match[5]),
  };
  requireCanonical(text, () => formatSerialRange(range));
  return range;
}

function formatBatchPrefix({ siteCode, vintage, batchNo }: BatchSerialPrefix): string {
  if (!isSiteCode(siteCode)) throw new InvalidSerial('site code must be 2-8 upper-case letters or digits');
  if (!Number.isInteger(vintage) || vintage < 1000 || vintage > 9999) {
    throw new InvalidSerial('vintage must be a four-digit year', { vintage: String(vintage) });
  }
  if (!Number.isInteger(batchNo) || batchNo < 1 || batchNo > MAX_BATCH_NO) {
    throw new InvalidSerial(`batch number must be 1 to ${MAX_BATCH_NO}`, { batchNo: String(batchNo) });
  }
  const paddedBatchNo = String(batchNo).padStart(BATCH_NO_WIDTH, '0');
  return `${SERIAL_PREFIX}-${siteCode}-${vintage}-${paddedBatchNo}`;
}

function formatUnit(unit: number): string {
  if (!Number.isSafeInteger(unit) || unit < 1) {
    throw new InvalidSerial('unit must be a whole number from 1', { unit: String(unit) });
  }
  return String(unit).padStart(UNIT_WIDTH, '0');
}

/** Re-formatting catches zero units, extra padding, unsafe integers and reversed ranges at once. */
function requireCanonical(text: string, format: () => string): void {
  const canonical = format();
  if (canonical !== text) throw new InvalidSerial('not in canonical form', { text: clip(text), canonical });
}

function clip(text: string): string {
  return text.length > MAX_SERIAL_TEXT_LENGTH ? `${text.slice(0, MAX_SERIAL_TEXT_LENGTH)}…` : text;
}
