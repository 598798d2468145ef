// Crash-healing of the issuance chain: step 1 (`MilestoneCreditsIssued`) is appended alone, as if
// the process died right after it; the issuance completion reactor then numbers and issues the
// batch exactly once. Re-running the reactor over the whole log (a rebuild) adds nothing.
import { EventStore, LogPosition, RecordedEvent } from '@lib/event-store';
import { newId } from '@lib/kernel';
import { rebuildProjectionByName } from '@lib/projections';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../../src/ops/platform/platform.tokens';
import { ProjectionCatalog } from '../../src/ops/platform/projection-catalog';
import { ProjectionsHost } from '../../src/ops/platform/projections-host';
import { ISSUANCE_COMPLETION_PROJECTION } from '../../src/registry/issuance/issuance-completion/issuance-completion.projection';
import { issuanceBatchId } from '../../src/registry/issuance/issue-credits/issue-credits.handler';
import { bearer, createKey, streamEvents } from '../access/access-fixtures';
import { AccessTestApp, createAccessTestApp } from '../access/access-test-app';
import { createOperators, issueBatch, Operators, PILOT_PRICE, registerSite, verifiedMilestone } from './issuance.fixtures';

/** Generous: the reactor runs in the background of a machine shared with other suites. */
const REACTOR_WAIT_MS = 30_000;

describe('issuance chain crash-healing (e2e)', () => {
  let testApp: AccessTestApp;
  let server: AccessTestApp['server'];
  let operators: Operators;
  let store: EventStore;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'reg_heal' });
    server = testApp.server;
    store = testApp.app.get<EventStore>(EVENT_STORE);
    operators = await createOperators(server, testApp.adminKey);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const totalEvents = async (): Promise<number> => {
    const [row]: { count: number }[] = await testApp.app.get(DataSource).query('SELECT count(*)::int AS count FROM events');
    return row.count;
  };

  /** Appends `events` to a stream at its current revision, with an operator's metadata. */
  async function appendAlone(streamId: string, events: { type: string; data: unknown }[]): Promise<LogPosition> {
    const current = await streamEvents(testApp, streamId);
    const metadata = { actorKeyId: null, actorRole: 'operator', companyId: null, correlationId: newId(), causationId: null, occurredAt: new Date().toISOString() };
    const result = await store.append(streamId, events.map((e) => ({ ...e, metadata })), current.length === 0 ? 'no_stream' : current.length - 1);
    return result.position;
  }

  async function reactorReached(position: LogPosition): Promise<void> {
    expect(await testApp.app.get(ProjectionsHost).waitForPosition(position, REACTOR_WAIT_MS, [ISSUANCE_COMPLETION_PROJECTION])).toBe(true);
  }

  const numbersOf = (events: RecordedEvent[], batchId: string) =>
    events.filter((e) => e.type === 'BatchNumberAssigned' && (e.data as { batchId: string }).batchId === batchId);

  const completion = async (batchId: string) => {
    const rows: { outcome: string; completed_by_reactor: boolean }[] = await testApp.app
      .get(DataSource)
      .query('SELECT outcome, completed_by_reactor FROM issuance_completions WHERE batch_id = $1', [batchId]);
    return rows[0];
  };

  it('heal_WhenOnlyStep1WasRecorded_ThenTheReactorIssuesTheBatchOnce_AndARerunAddsNothing', async () => {
    const siteId = await registerSite(server, operators.proposer, { code: 'HEAL' });
    const milestoneId = await verifiedMilestone(server, operators, siteId, { quantityKg: 2500 });
    const batchId = newId();
    const issuedAt = new Date().toISOString();
    const position = await appendAlone(`milestone-${milestoneId}`, [
      { type: 'MilestoneCreditsIssued', data: { milestoneId, batchId, quantityKg: 1000, vintage: 2023, pricePerTonne: PILOT_PRICE, issuedAt } },
    ]);
    await reactorReached(position);

    const batchEvents = await streamEvents(testApp, `batch-${batchId}`);
    expect(batchEvents.map((e) => e.type)).toEqual(['BatchIssued']);
    expect(batchEvents[0].data).toMatchObject({ siteId, siteCode: 'HEAL', milestoneId, vintage: 2023, batchNo: 1, quantityKg: 1000, serials: [{ from: 1, to: 1000 }], issuedAt });
    expect(batchEvents[0].metadata.causationId).not.toBeNull();
    expect(numbersOf(await streamEvents(testApp, `site-${siteId}`), batchId)).toHaveLength(1);
    expect(await completion(batchId)).toEqual({ outcome: 'complete', completed_by_reactor: true });
    const fetched = await request(server).get(`/v1/batches/${batchId}`).query({ minPosition: batchEvents[0].position.commit + '-' + batchEvents[0].position.prepare }).set(bearer(testApp.adminKey)).expect(200);
    expect(fetched.body).toMatchObject({ serialBlock: 'RCC-HEAL-2023-0001-000001..001000', availableKg: 1000 });

    // Run the reactor again over the whole log: every step finds its work done.
    const before = await totalEvents();
    await rebuildProjectionByName(ISSUANCE_COMPLETION_PROJECTION, {
      projections: testApp.app.get(ProjectionCatalog).seal(),
      dataSource: testApp.app.get(DataSource),
      eventStore: store,
      pollMs: 20,
    });
    expect(await totalEvents()).toBe(before);
    expect((await streamEvents(testApp, `batch-${batchId}`)).map((e) => e.type)).toEqual(['BatchIssued']);
    expect(numbersOf(await streamEvents(testApp, `site-${siteId}`), batchId)).toHaveLength(1);
    expect(await completion(batchId)).toEqual({ outcome: 'complete', completed_by_reactor: false });

    // The healed issuance counts against the milestone (R4) and numbering goes on after it.
    const next = await issueBatch(server, operators.proposer, milestoneId, { quantityKg: 1500 });
    expect(next).toMatchObject({ batchNo: 2 });
    const over = await request(server).post(`/v1/milestones/${milestoneId}/issuances`).set(bearer(operators.proposer)).send({ quantityKg: 1, vintage: 2023, price: PILOT_PRICE }).expect(422);
    expect(over.body.error.code).toBe('REGISTRY.ISSUANCE_EXCEEDS_VERIFIED');
  });

  it('heal_WhenSteps1And2WereRecorded_ThenTheBatchKeepsTheNumberAlreadyAssigned', async () => {
    const siteId = await registerSite(server, operators.proposer, { code: 'HEALTWO' });
    const milestoneId = await verifiedMilestone(server, operators, siteId, { quantityKg: 2500 });
    await issueBatch(server, operators.proposer, milestoneId, { quantityKg: 100 });
    const batchId = newId();
    await appendAlone(`milestone-${milestoneId}`, [
      { type: 'MilestoneCreditsIssued', data: { milestoneId, batchId, quantityKg: 200, vintage: 2023, pricePerTonne: PILOT_PRICE, issuedAt: new Date().toISOString() } },
    ]);
    const position = await appendAlone(`site-${siteId}`, [{ type: 'BatchNumberAssigned', data: { batchId, milestoneId, vintage: 2023, batchNo: 2 } }]);
    await reactorReached(position);
    const batchEvents = await streamEvents(testApp, `batch-${batchId}`);
    expect(batchEvents.map((e) => [e.type, (e.data as { batchNo: number }).batchNo])).toEqual([['BatchIssued', 2]]);
    expect(numbersOf(await streamEvents(testApp, `site-${siteId}`), batchId)).toHaveLength(1);
  });

  it('heal_WhenTheChainCannotBeCompleted_ThenRecordedAsFailed_AndLaterIssuancesStillComplete', async () => {
    // A milestone whose site was never registered (written straight to the log): step 2 is refused.
    const milestoneId = newId();
    const batchId = newId();
    const now = new Date().toISOString();
    await appendAlone(`milestone-${milestoneId}`, [
      {
        type: 'MilestoneProposed',
        data: {
          milestoneId, siteId: newId(), title: 'Orphan', periodStart: '2023-01-01', periodEnd: '2023-12-31', quantityKg: 100,
          evidence: [{ uri: 'https://e.example/o.pdf', sha256: 'ef'.repeat(32) }], proposedByKeyId: newId(), proposedAt: now,
        },
      },
      { type: 'MilestoneVerified', data: { milestoneId, verifiedByKeyId: newId(), verifiedAt: now } },
      { type: 'MilestoneCreditsIssued', data: { milestoneId, batchId, quantityKg: 100, vintage: 2023, pricePerTonne: PILOT_PRICE, issuedAt: now } },
    ]);
    const siteId = await registerSite(server, operators.proposer, { code: 'AFTER' });
    const later = await verifiedMilestone(server, operators, siteId, { quantityKg: 100 });
    const issued = await issueBatch(server, operators.proposer, later, { quantityKg: 100 });
    const position = await appendAlone(`test-marker-${newId()}`, [{ type: 'TestMarker', data: {} }]);
    await reactorReached(position);
    const rows: { outcome: string; error_code: string | null }[] = await testApp.app
      .get(DataSource)
      .query('SELECT outcome, error_code FROM issuance_completions WHERE batch_id = $1', [batchId]);
    expect(rows).toEqual([{ outcome: 'failed', error_code: 'REGISTRY.SITE_NOT_FOUND' }]);
    expect(await streamEvents(testApp, `batch-${batchId}`)).toEqual([]);
    expect(await completion(issued.id)).toEqual({ outcome: 'complete', completed_by_reactor: false });
  });

  it('retry_WhenARequestWithAnIdempotencyKeyDiedAfterStep1_ThenTheRetryContinuesThatIssuance', async () => {
    const siteId = await registerSite(server, operators.proposer, { code: 'RETRY' });
    const milestoneId = await verifiedMilestone(server, operators, siteId, { quantityKg: 1000 });
    const issuer = await createKey(server, testApp.adminKey, 'operator');
    const idempotencyKey = `issue-${newId()}`;
    // What the first attempt recorded before the process died: the batch id it derives from the key.
    const batchId = issuanceBatchId(milestoneId, { actorKeyId: issuer.id, idempotencyKey });
    await appendAlone(`milestone-${milestoneId}`, [
      { type: 'MilestoneCreditsIssued', data: { milestoneId, batchId, quantityKg: 600, vintage: 2023, pricePerTonne: PILOT_PRICE, issuedAt: new Date().toISOString() } },
    ]);
    const retried = await request(server)
      .post(`/v1/milestones/${milestoneId}/issuances`)
      .set(bearer(issuer.key))
      .set('Idempotency-Key', idempotencyKey)
      .send({ quantityKg: 600, vintage: 2023, price: PILOT_PRICE })
      .expect(201);
    expect(retried.body).toMatchObject({ id: batchId, issuedKg: 600, batchNo: 1 });
    const recorded = (await streamEvents(testApp, `milestone-${milestoneId}`)).filter((e) => e.type === 'MilestoneCreditsIssued');
    expect(recorded).toHaveLength(1);
    expect((await streamEvents(testApp, `batch-${batchId}`)).map((e) => e.type)).toEqual(['BatchIssued']);
  });

  it('issue_WhenHandlerAndReactorBothRunTheChain_ThenEachBatchHasOneNumberAndOneIssue', async () => {
    const siteId = await registerSite(server, operators.proposer, { code: 'BOTH' });
    const milestoneId = await verifiedMilestone(server, operators, siteId, { quantityKg: 500 });
    // Five writers on one milestone stream: each loses the race at most four times, within decideOnStream's five attempts.
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => request(server).post(`/v1/milestones/${milestoneId}/issuances`).set(bearer(operators.proposer)).send({ quantityKg: 100, vintage: 2023, price: PILOT_PRICE })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(5).fill(201));
    // A later event of an unrelated stream: once the reactor is past it, it has seen every issuance above.
    const last = await appendAlone(`test-marker-${newId()}`, [{ type: 'TestMarker', data: {} }]);
    await reactorReached(last);
    const numbers = (await streamEvents(testApp, `site-${siteId}`)).filter((e) => e.type === 'BatchNumberAssigned');
    expect(numbers.map((e) => (e.data as { batchNo: number }).batchNo).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    for (const response of responses) expect((await streamEvents(testApp, `batch-${response.body.id}`)).map((e) => e.type)).toEqual(['BatchIssued']);
  });
});
