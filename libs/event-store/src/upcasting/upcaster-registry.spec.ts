import type { RecordedEvent } from '../event-store.port';
import type { Upcaster } from './upcaster';
import { UpcasterRegistry, upcastEvent } from './upcaster-registry';
import { InvalidUpcasterChain, MissingUpcaster } from './upcasting.errors';

// CreditsReserved history: v1 had `kg` as a number; v2 renamed it to `quantityKg`;
// v3 made the price an object with a currency.
const renameKg: Upcaster = {
  type: 'CreditsReserved',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => {
    const { kg, ...rest } = data as { kg: number };
    return { ...rest, quantityKg: kg };
  },
};
const priceWithCurrency: Upcaster = {
  type: 'CreditsReserved',
  fromVersion: 2,
  toVersion: 3,
  upcast: (data) => {
    const { priceUsdCents, ...rest } = data as { priceUsdCents: number };
    return { ...rest, price: { currency: 'USD', value: priceUsdCents } };
  },
};

function recorded(type: string, schemaVersion: number, data: unknown): RecordedEvent {
  return {
    eventId: '0190f1c2-0000-7000-8000-000000000001',
    type,
    schemaVersion,
    streamId: 'batch-1',
    streamRevision: 4,
    position: { commit: 5n, prepare: 5n },
    data,
    metadata: { actorKeyId: 'k', actorRole: 'company', companyId: 'c', correlationId: 'x', causationId: null, occurredAt: '2023-08-01T00:00:00.000Z' },
    recordedAt: new Date('2023-08-01T00:00:01.000Z'),
  };
}

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry([priceWithCurrency, renameKg]);

  it('upcast_WhenAnEventIsTwoVersionsOld_ThenAppliesTheWholeChainInOrder', () => {
    const event = recorded('CreditsReserved', 1, { kg: 2500, priceUsdCents: 480000 });
    const upcast = registry.upcast(event);
    expect(upcast.schemaVersion).toBe(3);
    expect(upcast.data).toEqual({ quantityKg: 2500, price: { currency: 'USD', value: 480000 } });
    expect({ ...upcast, data: null, schemaVersion: 0 }).toEqual({ ...event, data: null, schemaVersion: 0 });
  });

  it('upcast_WhenAnEventIsOneVersionOld_ThenAppliesOnlyTheRemainingStep', () => {
    const upcast = registry.upcast(recorded('CreditsReserved', 2, { quantityKg: 10, priceUsdCents: 1 }));
    expect(upcast).toMatchObject({ schemaVersion: 3, data: { quantityKg: 10, price: { currency: 'USD', value: 1 } } });
  });

  it('upcast_WhenUpcasting_ThenLeavesTheInputEventUntouched', () => {
    const event = recorded('CreditsReserved', 1, { kg: 7, priceUsdCents: 3 });
    registry.upcast(event);
    expect(event).toMatchObject({ schemaVersion: 1, data: { kg: 7, priceUsdCents: 3 } });
  });

  it('upcast_WhenTheEventIsAtOrPastTheLatestVersionOrHasNoUpcasters_ThenReturnsItUnchanged', () => {
    const latest = recorded('CreditsReserved', 3, { quantityKg: 1 });
    const newer = recorded('CreditsReserved', 4, { quantityKg: 1, extra: true });
    const other = recorded('SiteRegistered', 1, { code: 'KAM' });
    expect(registry.upcast(latest)).toBe(latest);
    expect(registry.upcast(newer)).toBe(newer);
    expect(registry.upcast(other)).toBe(other);
  });

  it('latestVersion_WhenAsked_ThenGivesTheEndOfTheChainOrUndefined', () => {
    expect(registry.latestVersion('CreditsReserved')).toBe(3);
    expect(registry.latestVersion('SiteRegistered')).toBeUndefined();
  });

  it('upcast_WhenAStepSkipsVersions_ThenFollowsIt', () => {
    const skipping = new UpcasterRegistry([
      { type: 'T', fromVersion: 1, toVersion: 3, upcast: (data) => ({ ...(data as object), via: '1→3' }) },
      { type: 'T', fromVersion: 3, toVersion: 4, upcast: (data) => ({ ...(data as object), then: '3→4' }) },
    ]);
    expect(skipping.upcast(recorded('T', 1, {}))).toMatchObject({ schemaVersion: 4, data: { via: '1→3', then: '3→4' } });
    expect(() => skipping.upcast(recorded('T', 2, {}))).toThrow(MissingUpcaster);
  });

  it('asEventUpcast_WhenGivenToAnAdapter_ThenUpcastsLikeTheRegistry', () => {
    const { asEventUpcast } = registry;
    expect(asEventUpcast(recorded('CreditsReserved', 2, { priceUsdCents: 5 })).data).toEqual({ price: { currency: 'USD', value: 5 } });
  });

  it('upcastEvent_WhenGivenAListOfUpcasters_ThenAppliesThem', () => {
    expect(upcastEvent(recorded('CreditsReserved', 1, { kg: 1, priceUsdCents: 2 }), [renameKg, priceWithCurrency]).schemaVersion).toBe(3);
    expect(upcastEvent(recorded('CreditsReserved', 1, { kg: 1 }), registry).data).toMatchObject({ quantityKg: 1 });
  });
});

describe('UpcasterRegistry construction', () => {
  const step = (fromVersion: number, toVersion: number): Upcaster => ({ type: 'T', fromVersion, toVersion, upcast: (data) => data });

  it('constructor_WhenTwoUpcastersStartFromTheSameVersion_ThenThrowsInvalidUpcasterChain', () => {
    expect(() => new UpcasterRegistry([step(1, 2), step(1, 3)])).toThrow(InvalidUpcasterChain);
  });

  it('constructor_WhenAnUpcasterDoesNotRaiseTheVersion_ThenThrowsInvalidUpcasterChain', () => {
    expect(() => new UpcasterRegistry([step(2, 2)])).toThrow(InvalidUpcasterChain);
    expect(() => new UpcasterRegistry([step(3, 1)])).toThrow(InvalidUpcasterChain);
  });

  it('constructor_WhenVersionsAreNotPositiveIntegers_ThenThrowsInvalidUpcasterChain', () => {
    expect(() => new UpcasterRegistry([step(0, 1)])).toThrow(InvalidUpcasterChain);
    expect(() => new UpcasterRegistry([step(1.5, 2)])).toThrow(InvalidUpcasterChain);
  });

  it('constructor_WhenTheChainHasAGap_ThenThrowsNamingTheStrandedVersion', () => {
    const error = (() => {
      try {
        new UpcasterRegistry([step(1, 2), step(3, 4)]);
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidUpcasterChain);
    expect((error as InvalidUpcasterChain).message).toContain('version 1 stops at 2');
    expect((error as InvalidUpcasterChain).code).toBe('EVENT_STORE.INVALID_UPCASTER_CHAIN');
  });
});
