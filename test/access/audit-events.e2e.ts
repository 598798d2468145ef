// GET /v1/audit/events over HTTP: the raw log as stored, with hashes, in log order; filters by
// stream and stream prefix; paging by position (`after`, `cursor`) that returns every event
// exactly once; and the refusals of malformed queries.
import request from 'supertest';
import { setTimeout as sleep } from 'timers/promises';
import { DataSource } from 'typeorm';
import { bearer, createKey, CreatedKey, registerCompany } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';

interface AuditEventBody {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamRevision: number;
  position: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  hash: string;
}

interface AuditPageBody {
  items: AuditEventBody[];
  nextCursor: string | null;
}

interface StoredRow {
  event_id: string;
  stream_id: string;
  position: string;
  hash: string;
  recorded_at: string;
}

describe('audit events (e2e)', () => {
  let testApp: AccessTestApp;
  let auditor: CreatedKey;
  let companyIds: string[];
  let stored: StoredRow[];

  async function page(query: Record<string, string | number>, key = auditor.key): Promise<AuditPageBody> {
    return (await request(testApp.server).get('/v1/audit/events').set(bearer(key)).query(query).expect(200)).body as AuditPageBody;
  }

  /** Every page from `query` on, following nextCursor. */
  async function allPages(query: Record<string, string | number>): Promise<AuditEventBody[]> {
    const items: AuditEventBody[] = [];
    let cursor: string | null = null;
    do {
      const body = await page(cursor === null ? query : { ...query, cursor });
      items.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor !== null);
    return items;
  }

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'audit_events', env: { RATE_LIMIT_PER_KEY_PER_MINUTE: '100000' } });
    companyIds = [];
    for (const name of ['Alpha Cells AG', 'Beta Cells SpA', 'Gamma Cells AB']) companyIds.push(await registerCompany(testApp.server, testApp.adminKey, name));
    auditor = await createKey(testApp.server, testApp.adminKey, 'auditor');
    stored = await testApp.app.get(DataSource).query(
      `SELECT event_id::text, stream_id, tx_id || '-' || seq AS position, encode(hash, 'hex') AS hash,
              to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at
       FROM events ORDER BY tx_id, seq`,
    );
    // The catch-up horizon is server-wide: wait until every stored event is listed (liveness bound about 20 s).
    const last = stored[stored.length - 1].event_id;
    for (let pause = 0; pause < 1000 && !(await allPages({ limit: 200 })).some((event) => event.eventId === last); pause += 1) await sleep(20);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('list_WhenPagedThroughWithCursors_ThenEveryStoredEventOnceInLogOrderWithItsHash', async () => {
    const items = await allPages({ limit: 2 });

    expect(items.map((event) => [event.eventId, event.streamId, event.position, event.hash, event.recordedAt])).toEqual(
      stored.map((row) => [row.event_id, row.stream_id, row.position, row.hash, row.recorded_at]),
    );
    const company = items.find((event) => event.streamId === `company-${companyIds[0]}`);
    expect(company).toMatchObject({ type: 'CompanyRegistered', schemaVersion: 1, streamRevision: 0, data: { companyId: companyIds[0], name: 'Alpha Cells AG' } });
    expect(company?.metadata).toMatchObject({ actorRole: 'admin', correlationId: expect.any(String) });
    expect(company?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('list_WhenFilteredByStreamIdOrPrefix_ThenOnlyThoseStreams', async () => {
    const streamId = `company-${companyIds[1]}`;
    expect((await page({ streamId })).items.map((event) => event.streamId)).toEqual([streamId]);

    const keyEvents = await allPages({ streamPrefix: 'api-key-', limit: 1 });
    expect(keyEvents.map((event) => event.eventId)).toEqual(stored.filter((row) => row.stream_id.startsWith('api-key-')).map((row) => row.event_id));
    expect(keyEvents.length).toBeGreaterThan(0);
    // A prefix is text, not a LIKE pattern.
    expect((await page({ streamPrefix: '%' })).items).toEqual([]);
  });

  it('list_WhenAfterAPosition_ThenOnlyLaterEvents', async () => {
    const items = await allPages({ after: stored[1].position });
    expect(items.map((event) => event.eventId)).toEqual(stored.slice(2).map((row) => row.event_id));
    expect(await page({ after: stored[stored.length - 1].position })).toEqual({ items: [], nextCursor: null });
  });

  it('list_WhenCalledByAnAdmin_ThenAllowedLikeAnAuditor', async () => {
    expect((await page({ limit: 1 }, testApp.adminKey)).items).toHaveLength(1);
  });

  it.each([
    ['AfterAndCursorTogether', { after: '1-1', cursor: '1-2' }],
    ['StreamIdAndStreamPrefixTogether', { streamId: 'a', streamPrefix: 'b' }],
    ['APageAbove200', { limit: 201 }],
    ['AnAfterThatIsNoPosition', { after: 'yesterday' }],
    ['ACursorThatIsNoPosition', { cursor: 'abc' }],
    ['AnEmptyStreamId', { streamId: '' }],
    ['AnUnknownParameter', { type: 'CompanyRegistered' }],
  ])('list_WhenGiven%s_Then400', async (_case, query) => {
    const response = await request(testApp.server).get('/v1/audit/events').set(bearer(auditor.key)).query(query).expect(400);
    expect(response.body.error.code).toMatch(/^REQUEST\./);
  });
});
