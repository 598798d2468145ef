// The marketplace's small pure pieces: configuration, request date-times, the expiry job route.
import type { RecordedEvent } from '@lib/event-store';
import { canonicalDateTime } from './date-time';
import { expireReservationRoute, RESERVATIONS_QUEUE } from './expire-reservation/expire-reservation.job';
import { DEFAULT_RESERVATION_TTL_SECONDS, loadMarketConfig } from './market-config';

describe('market config', () => {
  it('Ttl_WhenUnset_Then72Hours_WhenGiven_ThenThatMany', () => {
    expect(loadMarketConfig({}).reservationTtlSeconds).toBe(DEFAULT_RESERVATION_TTL_SECONDS);
    expect(DEFAULT_RESERVATION_TTL_SECONDS).toBe(259_200);
    expect(loadMarketConfig({ RESERVATION_TTL_SECONDS: ' 1 ' }).reservationTtlSeconds).toBe(1);
  });

  it('Ttl_WhenNotAnIntegerOrOutOfRange_ThenOneLineNamingTheVariable', () => {
    for (const value of ['0', '-1', '1.5', 'soon', '2592001', '99999999999']) {
      expect(() => loadMarketConfig({ RESERVATION_TTL_SECONDS: value })).toThrow(/^Invalid configuration: RESERVATION_TTL_SECONDS must be/);
    }
  });
});

describe('canonicalDateTime', () => {
  it('DateTime_WhenZoned_ThenCanonicalUtc', () => {
    expect(canonicalDateTime('2026-03-10T09:30:00Z')).toBe('2026-03-10T09:30:00.000Z');
    expect(canonicalDateTime('2026-03-10T09:30+01:00')).toBe('2026-03-10T08:30:00.000Z');
    expect(canonicalDateTime('2024-02-29T00:00:00.123Z')).toBe('2024-02-29T00:00:00.123Z');
  });

  it('DateTime_WhenNoZoneImpossibleDateOrNotADate_ThenNull', () => {
    for (const text of ['2026-03-10T09:30:00', '2026-03-10', '2026-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2026-03-10T24:00:00Z', 'yesterday', '']) {
      expect(canonicalDateTime(text)).toBeNull();
    }
  });
});

describe('expireReservationRoute', () => {
  it('Route_WhenCreditsReserved_ThenOneDelayedJobDueAtReservedUntil', () => {
    const event = {
      eventId: '0190f1c2-0000-7000-8000-0000000000e1',
      type: 'CreditsReserved',
      metadata: { correlationId: 'req-1' },
      data: { batchId: 'b-1', purchaseId: 'p-1', reservedUntil: '2026-03-13T12:00:00.000Z' },
    } as unknown as RecordedEvent;
    expect(expireReservationRoute(event)).toEqual([
      { queue: RESERVATIONS_QUEUE, name: 'expire-reservation', data: { batchId: 'b-1', purchaseId: 'p-1', correlationId: 'req-1' }, runAt: new Date('2026-03-13T12:00:00.000Z') },
    ]);
  });
});
