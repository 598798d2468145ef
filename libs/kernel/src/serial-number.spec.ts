import fc from 'fast-check';
import { InvalidSerial } from './kernel.errors';
import {
  formatSerial,
  formatSerialRange,
  isSiteCode,
  parseSerial,
  parseSerialRange,
  SerialNumber,
} from './serial-number';

const siteCode = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 2, maxLength: 8 });
const vintage = fc.integer({ min: 1000, max: 9999 });
const batchNo = fc.integer({ min: 1, max: 999_999_999 });
const unit = fc.oneof(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));

describe('serial numbers', () => {
  const pilot: SerialNumber = { siteCode: 'KAM', vintage: 2023, batchNo: 1, unit: 417 };

  it('formats and parses the DESIGN example', () => {
    expect(formatSerial(pilot)).toBe('RCC-KAM-2023-0001-000417');
    expect(parseSerial('RCC-KAM-2023-0001-000417')).toEqual(pilot);
  });

  it('formats and parses a range', () => {
    const range = { siteCode: 'KAM', vintage: 2023, batchNo: 1, from: 1, to: 2_500 };
    expect(formatSerialRange(range)).toBe('RCC-KAM-2023-0001-000001..002500');
    expect(parseSerialRange('RCC-KAM-2023-0001-000001..002500')).toEqual(range);
    expect(formatSerialRange({ ...range, from: 7, to: 7 })).toBe('RCC-KAM-2023-0001-000007..000007');
  });

  it('widens batch numbers above 9999 and units above 999999 instead of truncating', () => {
    expect(formatSerial({ ...pilot, batchNo: 12_345, unit: 1_234_567 })).toBe('RCC-KAM-2023-12345-1234567');
    expect(parseSerial('RCC-KAM-2023-12345-1234567')).toEqual({ ...pilot, batchNo: 12_345, unit: 1_234_567 });
    expect(formatSerialRange({ ...pilot, from: 999_999, to: 1_000_000 })).toBe(
      'RCC-KAM-2023-0001-999999..1000000',
    );
  });

  it.each([
    'RCC-KAM-2023-0001-00417', // unit too short
    'RCC-KAM-2023-001-000417', // batch too short
    'RCC-KAM-2023-00001-000417', // extra padding: not canonical
    'RCC-KAM-2023-0001-0000417',
    'RCC-KAM-2023-0000-000417', // batch 0
    'RCC-KAM-2023-0001-000000', // unit 0
    'RCC-kam-2023-0001-000417',
    'RCC-K-2023-0001-000417',
    'RCC-KAMILOMBE-2023-0001-000417',
    'RCC-KAM-23-0001-000417',
    'RCC-KAM-0999-0001-000417',
    'rcc-KAM-2023-0001-000417',
    ' RCC-KAM-2023-0001-000417',
    'RCC-KAM-2023-0001-000417 ',
    'RCC-KAM-2023-0001-000417\n',
    'RCC-KAM-2023-0001-+00417',
    'RCC-KAM-2023-0001-000417..000418',
    'RCC-KAM-2023-0001-9999999999999999', // beyond safe integers
    '',
  ])('refuses the serial %p', (text) => {
    expect(() => parseSerial(text)).toThrow(InvalidSerial);
  });

  it.each([
    'RCC-KAM-2023-0001-000010..000009', // reversed
    'RCC-KAM-2023-0001-000001-002500',
    'RCC-KAM-2023-0001-000001..2500',
    'RCC-KAM-2023-0001-000001...002500',
    'RCC-KAM-2023-0001-000417',
  ])('refuses the range %p', (text) => {
    expect(() => parseSerialRange(text)).toThrow(InvalidSerial);
  });

  it.each<[string, Partial<SerialNumber>]>([
    ['lower-case site', { siteCode: 'kam' }],
    ['long site', { siteCode: 'ABCDEFGHI' }],
    ['short vintage', { vintage: 999 }],
    ['fractional batch', { batchNo: 1.5 }],
    ['zero batch', { batchNo: 0 }],
    ['batch beyond nine digits', { batchNo: 1_000_000_000 }],
    ['zero unit', { unit: 0 }],
    ['unsafe unit', { unit: 2 ** 53 }],
  ])('refuses to format a serial with a %s', (_label, override) => {
    expect(() => formatSerial({ ...pilot, ...override })).toThrow(InvalidSerial);
  });

  it('checks site codes', () => {
    expect(['KAM', 'K2', 'ABCDEFGH'].every(isSiteCode)).toBe(true);
    expect(['K', 'kam', 'ABCDEFGHI', 'KA-M', '', 3].some(isSiteCode)).toBe(false);
  });

  it('parses what it formats, and formats what it parses', () => {
    fc.assert(
      fc.property(siteCode, vintage, batchNo, unit, (site, year, batch, u) => {
        const serial = { siteCode: site, vintage: year, batchNo: batch, unit: u };
        const text = formatSerial(serial);
        expect(parseSerial(text)).toEqual(serial);
        expect(formatSerial(parseSerial(text))).toBe(text);
      }),
    );
  });

  it('parses what it formats for ranges', () => {
    fc.assert(
      fc.property(siteCode, vintage, batchNo, unit, unit, (site, year, batch, a, b) => {
        const range = { siteCode: site, vintage: year, batchNo: batch, from: Math.min(a, b), to: Math.max(a, b) };
        expect(parseSerialRange(formatSerialRange(range))).toEqual(range);
      }),
    );
  });
});
