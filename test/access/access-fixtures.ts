// Shared steps of the access e2e suites: the first admin key (through the issuer, as the CLI does),
// companies and keys of every role over HTTP, and reading back what the event store recorded.
import { EventStore, RecordedEvent, StreamNotFound } from '@lib/event-store';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiKeyIssuer } from '../../src/access/api-keys/api-key-issuer';
import { systemMetadata } from '../../src/access/api-keys/system-metadata';
import type { Role } from '../../src/access/auth/actor';
import { CLOCK } from '../../src/access/access.tokens';
import type { AppClock } from '../../src/access/app-clock';
import { EVENT_STORE } from '../../src/ops/platform/platform.tokens';
import type { TestApp } from '@test/support/test-app';

export type HttpServer = TestApp['server'];

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/** A key created directly through the issuer (as `keys:create-admin` does), without an HTTP request. */
export async function issueKey(testApp: TestApp, role: Exclude<Role, 'company'>, label = `e2e ${role}`): Promise<CreatedKey> {
  const issuer = testApp.app.get(ApiKeyIssuer);
  const clock = testApp.app.get<AppClock>(CLOCK);
  const issued = await issuer.create({ role, companyId: null, label, expiresAt: null }, systemMetadata(clock));
  return { id: issued.view.id, key: issued.token };
}

/** The first admin key: no key exists yet to create it over HTTP. */
export async function createAdminKey(testApp: TestApp): Promise<string> {
  return (await issueKey(testApp, 'admin')).key;
}

/** Registers a company and waits until the companies read model shows it. */
export async function registerCompany(server: HttpServer, adminKey: string, name = 'Volta Cells GmbH'): Promise<string> {
  const response = await request(server).post('/v1/companies').set(bearer(adminKey)).send({ name, country: 'DE' }).expect(201);
  const { id } = response.body as { id: string };
  await request(server).get(`/v1/companies/${id}`).query({ minPosition: response.headers['x-log-position'] }).set(bearer(adminKey)).expect(200);
  return id;
}

export interface CreatedKey {
  id: string;
  key: string;
}

export async function createKey(server: HttpServer, adminKey: string, role: Role, companyId?: string): Promise<CreatedKey> {
  const body = { role, label: `${role} key`, ...(companyId === undefined ? {} : { companyId }) };
  const response = await request(server).post('/v1/api-keys').set(bearer(adminKey)).send(body).expect(201);
  return response.body as CreatedKey;
}

export async function revokeKey(server: HttpServer, adminKey: string, keyId: string): Promise<void> {
  await request(server).delete(`/v1/api-keys/${keyId}`).set(bearer(adminKey)).expect(200);
}

/** The events of one stream (none when it does not exist), read straight from the stream. */
export async function streamEvents(testApp: TestApp, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await testApp.app.get<EventStore>(EVENT_STORE).readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

/**
 * How many events of a type are stored. Counted in the PostgreSQL adapter's table rather than
 * through readAll, whose catch-up rule may hold back a just-committed event while any older
 * transaction is open.
 */
export async function countEvents(testApp: TestApp, type: string): Promise<number> {
  const [row]: { count: number }[] = await testApp.app.get(DataSource).query('SELECT count(*)::int AS count FROM events WHERE type = $1', [type]);
  return row.count;
}

export function appClock(testApp: TestApp): AppClock {
  return testApp.app.get<AppClock>(CLOCK);
}
