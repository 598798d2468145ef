// Tamper evidence over HTTP (issue 3, item 5): events appended through the API verify; the public
// ledger head covers each new append; an event changed in the database by the superuser, behind
// the immutability trigger, makes /v1/audit/verify fail and name that event; only auditors and
// admins reach /v1/audit/*.
import { createHash } from 'crypto';
import { Client } from 'pg';
import request from 'supertest';
import { setTimeout as sleep } from 'timers/promises';
import { DataSource } from 'typeorm';
import { bearer, createKey, CreatedKey, registerCompany } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';

interface LedgerHeadBody {
  digest: string;
  algorithm: string;
  position: string | null;
  streams: number;
  events: number;
}

const POSITION = /^(\d+)-(\d+)$/;

function positionKey(position: string): [bigint, bigint] {
  const [, commit, prepare] = POSITION.exec(position) ?? [];
  return [BigInt(commit), BigInt(prepare)];
}

function reached(position: string | null, target: string): boolean {
  if (position === null) return false;
  const [[commit, prepare], [targetCommit, targetPrepare]] = [positionKey(position), positionKey(target)];
  return commit > targetCommit || (commit === targetCommit && prepare >= targetPrepare);
}

describe('tamper evidence (e2e)', () => {
  let testApp: AccessTestApp;
  let auditor: CreatedKey;
  let company: CreatedKey;

  beforeAll(async () => {
    // Polling the ledger head must not run into the rate limits.
    testApp = await createAccessTestApp({ tag: 'audit_chain', env: { RATE_LIMIT_PER_IP_PER_MINUTE: '100000', RATE_LIMIT_PER_KEY_PER_MINUTE: '100000' } });
    const companyId = await registerCompany(testApp.server, testApp.adminKey, 'Chain Cells GmbH');
    [auditor, company] = await Promise.all([createKey(testApp.server, testApp.adminKey, 'auditor'), createKey(testApp.server, testApp.adminKey, 'company', companyId)]);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function ledgerHead(): Promise<LedgerHeadBody> {
    return (await request(testApp.server).get('/v1/public/ledger-head').expect(200)).body as LedgerHeadBody;
  }

  /** The catch-up horizon is server-wide: another suite's open transaction can hold a fresh append back for a while. */
  async function ledgerHeadReaching(position: string): Promise<LedgerHeadBody> {
    for (let pause = 0; pause < 1000; pause += 1) {
      const head = await ledgerHead();
      if (reached(head.position, position)) return head;
      await sleep(20);
    }
    throw new Error(`the ledger head never reached ${position}`);
  }

  /** The published definition, computed from the table for the events up to `position`. */
  async function headFromTable(position: string): Promise<Pick<LedgerHeadBody, 'digest' | 'streams' | 'events'>> {
    const [commit, prepare] = positionKey(position);
    const rows: { stream_id: string; stream_revision: string; hash: string; events: number }[] = await testApp.app.get(DataSource).query(
      `SELECT DISTINCT ON (stream_id) stream_id, stream_revision::text, encode(hash, 'hex') AS hash,
              count(*) OVER ()::int AS events
       FROM events WHERE (tx_id, seq) <= ($1::text::xid8, $2::bigint) ORDER BY stream_id, stream_revision DESC`,
      [commit.toString(), prepare.toString()],
    );
    const lines = rows
      .sort((a, b) => Buffer.compare(Buffer.from(a.stream_id), Buffer.from(b.stream_id)))
      .map((row) => `${row.stream_id}:${row.stream_revision}:${row.hash}\n`)
      .join('');
    return { digest: createHash('sha256').update(lines).digest('hex'), streams: rows.length, events: rows[0]?.events ?? 0 };
  }

  it('auditRoutes_WhenCalledWithoutAKeyOrWithACompanyOrOperatorKey_Then401Or403', async () => {
    const operator = await createKey(testApp.server, testApp.adminKey, 'operator');
    for (const path of ['/v1/audit/verify', '/v1/audit/events']) {
      await request(testApp.server).get(path).expect(401);
      await request(testApp.server).get(path).set(bearer(company.key)).expect(403);
      await request(testApp.server).get(path).set(bearer(operator.key)).expect(403);
      await request(testApp.server).get(path).set(bearer(auditor.key)).expect(200);
      await request(testApp.server).get(path).set(bearer(testApp.adminKey)).expect(200);
    }
  });

  it('verify_WhenEveryEventWasAppendedThroughTheApi_ThenOkAndEveryStoredEventChecked', async () => {
    await registerCompany(testApp.server, testApp.adminKey, 'Verified Cells SA');
    const response = await request(testApp.server).get('/v1/audit/verify').set(bearer(auditor.key)).expect(200);
    const [{ events, streams }]: { events: number; streams: number }[] = await testApp.app
      .get(DataSource)
      .query('SELECT count(*)::int AS events, count(DISTINCT stream_id)::int AS streams FROM events');
    expect(response.body).toEqual({ ok: true, eventsChecked: events, streamsChecked: streams, brokenLinks: 0 });
  });

  it('ledgerHead_WhenAnEventIsAppended_ThenItCoversItWithANewDigestMatchingTheTable', async () => {
    const before = await ledgerHead();
    const registered = await request(testApp.server).post('/v1/companies').set(bearer(testApp.adminKey)).send({ name: 'Head Cells Oy', country: 'FI' }).expect(201);
    const after = await ledgerHeadReaching(registered.headers['x-log-position'] as string);

    expect(after.digest).not.toBe(before.digest);
    expect(after.algorithm).toBe('sha256');
    expect(after.streams).toBeGreaterThan(before.streams);
    expect(after.events).toBeGreaterThan(before.events);
    expect(after).toEqual({ ...(await headFromTable(after.position as string)), algorithm: 'sha256', position: after.position });
  });

  it('ledgerHead_WhenNothingIsAppendedInBetween_ThenTheSameHead_AndQueryParametersAreRefused', async () => {
    const first = await ledgerHead();
    expect(await ledgerHead()).toEqual(first);
    await request(testApp.server).get('/v1/public/ledger-head').query({ at: '1-1' }).expect(400);
  });

  // Last: it leaves the log of this suite's database tampered with.
  it('verify_WhenOneStoredEventWasChangedByTheSuperuserBehindTheTrigger_ThenNotOkAndNamesThatEvent', async () => {
    const companyId = await registerCompany(testApp.server, testApp.adminKey, 'Tampered Cells BV');
    const streamId = `company-${companyId}`;
    const client = new Client({ connectionString: testApp.database.url });
    await client.connect();
    let target: { event_id: string; position: string };
    try {
      [target] = (await client.query<{ event_id: string; position: string }>(`SELECT event_id::text, tx_id || '-' || seq AS position FROM events WHERE stream_id = $1`, [streamId])).rows;
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(`UPDATE events SET data = jsonb_set(data, '{name}', '"Forged Cells BV"') WHERE event_id = $1`, [target.event_id]);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }

    const response = await request(testApp.server).get('/v1/audit/verify').set(bearer(testApp.adminKey)).expect(200);
    expect(response.body).toMatchObject({
      ok: false,
      brokenLinks: 1,
      firstBrokenLink: { streamId, streamRevision: 0, eventId: target.event_id, position: target.position, reason: 'hash_mismatch' },
    });
  });
});
