// Names of the PostgreSQL event-store schema that the adapter depends on, and the migrations that
// create it (run them with TypeORM at boot, or `runMigrations` from @test/support in tests).
import type { MigrationInterface } from 'typeorm';
import { AddHashChain1767225600050 } from './add-hash-chain.migration';
import { AddReadHorizon1767225600060 } from './add-read-horizon.migration';
import { AddMultiStreamAppend1767225600070 } from './add-multi-stream-append.migration';
import { CreateEventStore1767225600000 } from './create-event-store.migration';

/** In the order they must run; later schema changes append here. */
export const eventStoreMigrations: ReadonlyArray<new () => MigrationInterface> = [
  CreateEventStore1767225600000,
  AddHashChain1767225600050,
  AddReadHorizon1767225600060,
  AddMultiStreamAppend1767225600070,
];

/** LISTEN/NOTIFY channel on which committed appends are announced (no payload). */
export const EVENTS_APPENDED_CHANNEL = 'events_appended';

/** Unique constraint whose violation means the event id is already stored. */
export const EVENT_ID_CONSTRAINT = 'events_pkey';

/** Unique constraint whose violation means another writer took the stream revision first. */
export const STREAM_REVISION_CONSTRAINT = 'events_stream_revision_key';
