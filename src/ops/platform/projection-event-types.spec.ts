// Projections that declare `eventTypes` are not given batches without one of those types (the
// runner passes over them with no transaction). That is only safe if such a batch would have
// changed nothing: here every declaring projection is fed each other event type the product
// records, through a context that fails on any read or write, and must leave it untouched.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import type { EventMetadata, RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';
import { companiesProjection } from '../../access/companies/get-company/companies.projection';
import { footprintsProjection } from '../../registry/footprints/get-footprints/footprints.projection';
import { holdingsProjection } from '../../registry/holdings/holdings.projection';
import { issuanceCompletionProjection, IssuanceCompletionDeps } from '../../registry/issuance/issuance-completion/issuance-completion.projection';
import { milestonesProjection } from '../../registry/milestones/get-milestone/milestones.projection';
import { retirementsProjection } from '../../registry/retirements/get-retirement/retirements.projection';
import { sitesProjection } from '../../registry/sites/get-site/sites.projection';
import { fundingLedgerProjection } from '../../funding/pools/funding-ledger/funding-ledger.projection';

const SRC = join(__dirname, '..', '..');

/** Every quoted PascalCase name in the contexts' *.events.ts files: the event types, and then some. */
function recordedEventTypes(directory: string = SRC): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) for (const name of recordedEventTypes(path)) names.add(name);
    else if (entry.endsWith('.events.ts')) for (const match of readFileSync(path, 'utf8').matchAll(/'([A-Z][A-Za-z]+)'/g)) names.add(match[1]);
  }
  return names;
}

function untouchable(): ProjectionContext {
  const refuse = (what: string) => () => {
    throw new Error(`${what} used for an event the projection does not declare`);
  };
  const context: ProjectionContext = {
    get manager(): never {
      return refuse('manager')();
    },
    query: refuse('query'),
    table: (name: string) => name,
    rebuilding: false,
  };
  return context;
}

const METADATA: EventMetadata = {
  actorKeyId: null,
  actorRole: 'operator',
  companyId: null,
  correlationId: 'event-types-spec',
  causationId: null,
  occurredAt: '2026-01-01T00:00:00.000Z',
};

function eventOf(type: string, ordinal: number): RecordedEvent {
  return {
    eventId: `00000000-0000-7000-8000-${String(ordinal).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    streamId: `spec-${ordinal}`,
    streamRevision: 0,
    position: { commit: BigInt(ordinal + 1), prepare: BigInt(ordinal + 1) },
    data: {},
    metadata: METADATA,
    recordedAt: new Date('2026-01-01T00:00:00.000Z'),
  };
}

const refusingDeps = new Proxy({} as IssuanceCompletionDeps, {
  get: (_target, property) => {
    throw new Error(`issuance-completion used ${String(property)} for an event it does not declare`);
  },
});

const declaring: Projection[] = [
  companiesProjection,
  sitesProjection,
  milestonesProjection,
  retirementsProjection,
  holdingsProjection,
  footprintsProjection,
  fundingLedgerProjection,
  issuanceCompletionProjection(refusingDeps),
];

describe('projections that declare eventTypes', () => {
  const universe = recordedEventTypes();

  it('recordedEventTypes_WhenScanningTheContexts_ThenFindsTheEventsOfEveryContext', () => {
    for (const type of ['CompanyRegistered', 'ApiKeyCreated', 'CreditsReserved', 'ReservationExpired', 'StatementImported', 'DisbursementRecorded', 'PeriodClosed']) {
      expect(universe).toContain(type);
    }
  });

  it.each(declaring.map((projection) => [projection.name, projection] as const))('apply_WhenABatchHoldsOnlyUndeclaredTypes_ThenTouchesNothing (%s)', async (_name, projection) => {
    const declared = new Set(projection.eventTypes);
    expect(declared.size).toBeGreaterThan(0);
    const others = [...universe].filter((type) => !declared.has(type));
    const batch = others.map((type, ordinal) => eventOf(type, ordinal));
    await expect(projection.apply(batch, untouchable())).resolves.toBeUndefined();
  });
});
