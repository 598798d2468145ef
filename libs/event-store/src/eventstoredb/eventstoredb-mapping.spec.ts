// Unit tests of the pure EventStoreDB translations; they run without a server.
import type { AllStreamRecordedEvent } from '@eventstore/db-client';
import { DuplicateEventId } from '../event-store.errors';
import type { EventMetadata, NewEvent } from '../event-store.port';
import {
  identifyEvents,
  isOurEvent,
  StoredMetadata,
  toActualRevision,
  toEsdbExpectedRevision,
  toEsdbReadPosition,
  toEventData,
  toLogPosition,
  toRecordedEvent,
  toStreamRevision,
} from './eventstoredb-mapping';
import { subscriptionFilter } from './eventstoredb-subscription';

const metadata: EventMetadata = {
  actorKeyId: 'key-1',
  actorRole: 'company',
  companyId: 'c0ffee00-0000-7000-8000-000000000001',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  idempotencyKey: 'idem-1',
  occurredAt: '2023-08-15T09:30:00.000Z',
};
const EVENT_ID = '0190f1c2-1111-7000-8000-000000000001';

function esdbEvent(overrides: Partial<AllStreamRecordedEvent> = {}): AllStreamRecordedEvent {
  const stored: StoredMetadata = { schemaVersion: 2, metadata, $correlationId: 'corr-1', $causationId: 'cause-1' };
  return {
    streamId: 'batch-1',
    id: EVENT_ID,
    isJson: true,
    revision: 4n,
    type: 'CreditsReserved',
    created: new Date('2023-08-15T09:30:01.000Z'),
    data: { quantityKg: 2500 },
    metadata: stored as unknown as AllStreamRecordedEvent['metadata'],
    position: { commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_993n },
    ...overrides,
  } as AllStreamRecordedEvent;
}

describe('EventStoreDB expected revisions', () => {
  it('toEsdbExpectedRevision_WhenGivenEachKind_ThenMapsToTheClientsConstantsOrABigint', () => {
    expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream');
    expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toEsdbExpectedRevision('any')).toBe('any');
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });

  it('toEsdbExpectedRevision_WhenTheRevisionIsNegativeOrFractional_ThenThrowsRangeError', () => {
    expect(() => toEsdbExpectedRevision(-1)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(1.5)).toThrow(RangeError);
  });

  it('toActualRevision_WhenTheServerReportsTheCurrentRevision_ThenGivesOursNumberOrNoStream', () => {
    expect(toActualRevision('no_stream')).toBe('no_stream');
    expect(toActualRevision(7n)).toBe(7);
  });

  it('toStreamRevision_WhenBeyondSafeIntegers_ThenThrowsRangeError', () => {
    expect(toStreamRevision(9_007_199_254_740_991n)).toBe(9_007_199_254_740_991);
    expect(() => toStreamRevision(9_007_199_254_740_992n)).toThrow(RangeError);
  });
});

describe('EventStoreDB positions', () => {
  it('toLogPosition_WhenGivenAServerPosition_ThenKeepsCommitAndPrepareExactly', () => {
    expect(toLogPosition({ commit: 18_446_744_073_709_551_615n, prepare: 42n })).toEqual({ commit: 18_446_744_073_709_551_615n, prepare: 42n });
  });

  it('toEsdbReadPosition_WhenNullOrAPosition_ThenStartsAtTheStartOrThatPosition', () => {
    expect(toEsdbReadPosition(null)).toBe('start');
    expect(toEsdbReadPosition({ commit: 10n, prepare: 9n })).toEqual({ commit: 10n, prepare: 9n });
  });
});

describe('EventStoreDB event shape', () => {
  it('toEventDataAndToRecordedEvent_WhenRoundTripped_ThenKeepDataMetadataAndSchemaVersion', () => {
    const event = { eventId: EVENT_ID, type: 'CreditsReserved', schemaVersion: 2, data: { quantityKg: 2500 }, metadata };
    const written = toEventData(event);
    expect(written).toMatchObject({ id: EVENT_ID, contentType: 'application/json', type: 'CreditsReserved', data: { quantityKg: 2500 } });
    expect(written.metadata).toEqual({ schemaVersion: 2, metadata, $correlationId: 'corr-1', $causationId: 'cause-1' });

    const recorded = toRecordedEvent(esdbEvent({ metadata: written.metadata as AllStreamRecordedEvent['metadata'] }));
    expect(recorded).toEqual({
      eventId: EVENT_ID,
      type: 'CreditsReserved',
      schemaVersion: 2,
      streamId: 'batch-1',
      streamRevision: 4,
      position: { commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_993n },
      data: { quantityKg: 2500 },
      metadata,
      recordedAt: new Date('2023-08-15T09:30:01.000Z'),
    });
  });

  it('toEventData_WhenNoSchemaVersionOrCausation_ThenStoresVersion1AndNoCausationId', () => {
    const written = toEventData({ eventId: EVENT_ID, type: 'SiteRegistered', data: {}, metadata: { ...metadata, causationId: null } });
    expect(written.metadata).toEqual({ schemaVersion: 1, metadata: { ...metadata, causationId: null }, $correlationId: 'corr-1' });
  });

  it('toRecordedEvent_WhenTheEventWasNotWrittenByUs_ThenThrowsNamingIt', () => {
    expect(() => toRecordedEvent(esdbEvent({ metadata: undefined }))).toThrow(`Event ${EVENT_ID} has no registry metadata`);
    expect(() => toRecordedEvent(esdbEvent({ isJson: false } as Partial<AllStreamRecordedEvent>))).toThrow('is not JSON');
  });

  it('toRecordedEvent_WhenTheServerSendsNoPosition_ThenThrowsAskingForANewerServer', () => {
    expect(() => toRecordedEvent(esdbEvent({ position: { commit: 0n, prepare: 0n } }))).toThrow('22.6');
  });

  it('identifyEvents_WhenIdsAreMissing_ThenGivesUuidV7sAndKeepsGivenOnes', () => {
    const without: NewEvent = { type: 'SiteRegistered', data: {}, metadata };
    const [given, generated] = identifyEvents('site-1', [{ ...without, eventId: EVENT_ID }, without]);
    expect(given.eventId).toBe(EVENT_ID);
    expect(generated.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('identifyEvents_WhenTheBatchIsInvalid_ThenRefusesItBeforeAnyWrite', () => {
    const event: NewEvent = { eventId: EVENT_ID, type: 'SiteRegistered', data: {}, metadata };
    expect(() => identifyEvents('site-1', [])).toThrow(RangeError);
    expect(() => identifyEvents('site-1', [event, event])).toThrow(DuplicateEventId);
    expect(() => identifyEvents('site-1', [{ ...event, eventId: 'nope' }])).toThrow('eventId must be a UUID');
    expect(() => identifyEvents('$settings', [event])).toThrow('reserved');
    expect(() => identifyEvents('site-1', [{ ...event, type: '$metadata' }])).toThrow('reserved');
  });
});

describe('EventStoreDB event selection', () => {
  it('isOurEvent_WhenSystemStreamsOrTypes_ThenExcludesThem', () => {
    expect(isOurEvent({ streamId: 'batch-1', type: 'CreditsReserved' }, [])).toBe(true);
    expect(isOurEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' }, [])).toBe(false);
    expect(isOurEvent({ streamId: '$$batch-1', type: '$metadata' }, [])).toBe(false);
    expect(isOurEvent({ streamId: 'batch-1', type: '$>' }, [])).toBe(false);
  });

  it('isOurEvent_WhenStreamPrefixesAreConfigured_ThenKeepsOnlyThoseStreams', () => {
    expect(isOurEvent({ streamId: 'batch-1', type: 'CreditsReserved' }, ['batch-', 'site-'])).toBe(true);
    expect(isOurEvent({ streamId: 'grant-1', type: 'GrantAwarded' }, ['batch-', 'site-'])).toBe(false);
  });

  it('subscriptionFilter_WhenPrefixesOrNot_ThenFiltersStreamNamesOrExcludesSystemEventTypes', () => {
    expect(subscriptionFilter(['batch-'])).toMatchObject({ filterOn: 'streamName', prefixes: ['batch-'] });
    expect(subscriptionFilter([])).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });
});
