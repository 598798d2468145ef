// Issuance over HTTP (issue 4): the chain milestone → site → batch with its serial block, batch
// numbering per site and vintage, R4 under concurrency, the batch supply read model, repricing,
// and bad input of every kind refused with a code and no event.
import { newId } from '@lib/kernel';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, streamEvents } from '../access/access-fixtures';
import { AccessTestApp, createAccessTestApp } from '../access/access-test-app';
import { createOperators, issueBatch, Operators, PILOT_PRICE, registerSite, verifiedMilestone } from './issuance.fixtures';

describe('issuance (e2e)', () => {
  let testApp: AccessTestApp;
  let server: AccessTestApp['server'];
  let operators: Operators;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'reg_issuance' });
    server = testApp.server;
    operators = await createOperators(server, testApp.adminKey);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const totalEvents = async (): Promise<number> => {
    const [row]: { count: number }[] = await testApp.app.get(DataSource).query('SELECT count(*)::int AS count FROM events');
    return row.count;
  };
  const issuances = (milestoneId: string, body: Record<string, unknown>, key = operators.proposer) =>
    request(server).post(`/v1/milestones/${milestoneId}/issuances`).set(bearer(key)).send({ vintage: 2023, price: PILOT_PRICE, ...body });

  it('issue_WhenProposedByOneOperatorVerifiedByAnother_ThenBatchWithSerialBlock_AndSupplyReadable', async () => {
    const siteId = await registerSite(server, operators.proposer, { code: 'KAM' });
    const milestoneId = await verifiedMilestone(server, operators, siteId);
    const issued = await issuances(milestoneId, { quantityKg: 2500 }).expect(201);
    const batch = {
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), siteId, siteCode: 'KAM', milestoneId, vintage: 2023, batchNo: 1,
      serialPrefix: 'RCC-KAM-2023-0001', serialBlock: 'RCC-KAM-2023-0001-000001..002500', pricePerTonne: PILOT_PRICE,
      issuedKg: 2500, availableKg: 2500, reservedKg: 0, soldKg: 0, heldKg: 0, retiredKg: 0, cancelledKg: 0, issuedAt: expect.any(String),
    };
    expect(issued.body).toEqual(batch);
    expect(issued.headers.location).toBe(`/v1/batches/${issued.body.id}`);
    const position = issued.headers['x-log-position'];
    const fetched = await request(server).get(`/v1/batches/${issued.body.id}`).query({ minPosition: position }).set(bearer(testApp.adminKey)).expect(200);
    expect(fetched.body).toEqual(issued.body);
    const milestone = await request(server).get(`/v1/milestones/${milestoneId}`).query({ minPosition: position }).set(bearer(testApp.adminKey)).expect(200);
    expect(milestone.body).toMatchObject({ status: 'verified', issuedKg: 2500, remainingKg: 0 });
    // One event per step, each caused by the same request (R9).
    const steps = [
      ...(await streamEvents(testApp, `milestone-${milestoneId}`)).filter((e) => e.type === 'MilestoneCreditsIssued'),
      ...(await streamEvents(testApp, `site-${siteId}`)).filter((e) => e.type === 'BatchNumberAssigned'),
      ...(await streamEvents(testApp, `batch-${issued.body.id}`)),
    ];
    expect(steps.map((e) => e.type)).toEqual(['MilestoneCreditsIssued', 'BatchNumberAssigned', 'BatchIssued']);
    expect(new Set(steps.map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(steps[2].data).toMatchObject({ batchNo: 1, serials: [{ from: 1, to: 2500 }], quantityKg: 2500 });
  });

  it('issue_WhenSeveralBatchesPerSiteAndVintage_ThenNumbered1to3PerVintage_AndPerSite', async () => {
    const siteId = await registerSite(server, operators.proposer, { code: 'NUM' });
    const otherSite = await registerSite(server, operators.proposer, { code: 'NUMB' });
    const spanning = await verifiedMilestone(server, operators, siteId, { periodStart: '2022-07-01', periodEnd: '2023-06-30', quantityKg: 1000 });
    const numbers: [number, number][] = [];
    for (const vintage of [2023, 2023, 2022, 2023, 2022]) {
      const issued = await issuances(spanning, { quantityKg: 100, vintage }).expect(201);
      numbers.push([issued.body.vintage, issued.body.batchNo]);
    }
    expect(numbers).toEqual([[2023, 1], [2023, 2], [2022, 1], [2023, 3], [2022, 2]]);
    const elsewhere = await verifiedMilestone(server, operators, otherSite, { quantityKg: 100 });
    const first = await issuances(elsewhere, { quantityKg: 100 }).expect(201);
    expect([first.body.batchNo, first.body.serialBlock]).toEqual([1, 'RCC-NUMB-2023-0001-000001..000100']);
    const list = await request(server).get('/v1/batches').query({ siteId, vintage: 2023, minPosition: first.headers['x-log-position'] }).set(bearer(testApp.adminKey)).expect(200);
    expect(list.body.items.map((b: { batchNo: number }) => b.batchNo)).toEqual([1, 2, 3]);
    expect(list.body.nextCursor).toBeNull();
  });

  it('issue_WhenParallelIssuancesExceedTheVerifiedQuantity_ThenOnlyThoseThatFitSucceed (R4)', async () => {
    const siteId = await registerSite(server, operators.proposer, { code: 'RFOUR' });
    const milestoneId = await verifiedMilestone(server, operators, siteId, { quantityKg: 2500 });
    // Any four of these exceed 2,500 kg, so at most three are appended and no request can lose the
    // optimistic-concurrency race more often than decideOnStream retries (5 attempts): the refusals
    // are all R4, never a 409.
    const requested = [1000, 1000, 1000, 700, 700, 900, 800, 650];
    const responses = await Promise.all(requested.map((quantityKg, i) => issuances(milestoneId, { quantityKg }, i % 2 === 0 ? operators.proposer : operators.verifier)));
    const accepted = responses.filter((r) => r.status === 201);
    for (const refused of responses.filter((r) => r.status !== 201)) {
      expect([refused.status, refused.body.error.code]).toEqual([422, 'REGISTRY.ISSUANCE_EXCEEDS_VERIFIED']);
    }
    const issuedKg = accepted.reduce((sum, r) => sum + (r.body.issuedKg as number), 0);
    expect(issuedKg).toBeLessThanOrEqual(2500);
    // Whatever is left is smaller than every refused request: only requests that did not fit were refused.
    const refusedKg = responses.filter((r) => r.status === 422).map((r) => requested[responses.indexOf(r)]);
    for (const kg of refusedKg) expect(kg).toBeGreaterThan(2500 - issuedKg);
    const recorded = (await streamEvents(testApp, `milestone-${milestoneId}`)).filter((e) => e.type === 'MilestoneCreditsIssued');
    expect(recorded.map((e) => (e.data as { quantityKg: number }).quantityKg).reduce((a, b) => a + b, 0)).toBe(issuedKg);
    // Each accepted issuance has exactly one batch and one batch number, numbers 1..n without gaps.
    const numbers = (await streamEvents(testApp, `site-${siteId}`)).filter((e) => e.type === 'BatchNumberAssigned');
    expect(numbers.map((e) => (e.data as { batchNo: number }).batchNo).sort((a, b) => a - b)).toEqual(accepted.map((_, i) => i + 1));
    for (const response of accepted) expect((await streamEvents(testApp, `batch-${response.body.id}`)).map((e) => e.type)).toEqual(['BatchIssued']);
  });

  it('issue_WhenRepeatedWithTheSameIdempotencyKey_ThenReplayedAndIssuedOnce (R12)', async () => {
    const siteId = await registerSite(server, operators.proposer, { code: 'IDEM' });
    const milestoneId = await verifiedMilestone(server, operators, siteId, { quantityKg: 1000 });
    const send = () => issuances(milestoneId, { quantityKg: 400 }).set('Idempotency-Key', 'issue-idem-1');
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers['x-log-position']).toBe(first.headers['x-log-position']);
    const recorded = (await streamEvents(testApp, `milestone-${milestoneId}`)).filter((e) => e.type === 'MilestoneCreditsIssued');
    expect(recorded).toHaveLength(1);
  });

  it('issue_WhenNotVerifiedRejectedOrVintageOutsidePeriod_Then422_WhenUnknown404_AndNoEvent', async () => {
    const siteId = await registerSite(server, operators.proposer, { code: 'REFUSE' });
    const proposed = (await request(server).post(`/v1/sites/${siteId}/milestones`).set(bearer(operators.proposer)).send({
      title: 'Pending', periodStart: '2023-01-01', periodEnd: '2023-12-31', quantityKg: 100,
      evidence: [{ uri: 'https://e.example/p.pdf', sha256: 'ab'.repeat(32) }],
    }).expect(201)).body.id as string;
    const rejected = (await request(server).post(`/v1/sites/${siteId}/milestones`).set(bearer(operators.proposer)).send({
      title: 'Rejected', periodStart: '2023-01-01', periodEnd: '2023-12-31', quantityKg: 100,
      evidence: [{ uri: 'https://e.example/r.pdf', sha256: 'cd'.repeat(32) }],
    }).expect(201)).body.id as string;
    await request(server).post(`/v1/milestones/${rejected}/reject`).set(bearer(operators.verifier)).send({ reason: 'No' }).expect(200);
    const verified = await verifiedMilestone(server, operators, siteId, { quantityKg: 100 });
    const before = await totalEvents();
    const cases: [string, Record<string, unknown>, number, string][] = [
      [proposed, { quantityKg: 10 }, 422, 'REGISTRY.MILESTONE_NOT_VERIFIED'],
      [rejected, { quantityKg: 10 }, 422, 'REGISTRY.MILESTONE_NOT_VERIFIED'],
      [verified, { quantityKg: 10, vintage: 2024 }, 422, 'REGISTRY.INVALID_VINTAGE'],
      [verified, { quantityKg: 10, vintage: 2022 }, 422, 'REGISTRY.INVALID_VINTAGE'],
      [verified, { quantityKg: 101 }, 422, 'REGISTRY.ISSUANCE_EXCEEDS_VERIFIED'],
      [newId(), { quantityKg: 10 }, 404, 'REGISTRY.MILESTONE_NOT_FOUND'],
      [verified, { quantityKg: 0 }, 400, 'REQUEST.VALIDATION_FAILED'],
      [verified, { quantityKg: 2.5 }, 400, 'REQUEST.VALIDATION_FAILED'],
      [verified, { quantityKg: '10' }, 400, 'REQUEST.VALIDATION_FAILED'],
      [verified, { quantityKg: 10, vintage: 23 }, 400, 'REQUEST.VALIDATION_FAILED'],
      [verified, { quantityKg: 10, price: { currency: 'USD', value: 0 } }, 400, 'REGISTRY.INVALID_PRICE'],
      [verified, { quantityKg: 10, price: { currency: 'USD', value: -480000 } }, 400, 'REGISTRY.INVALID_PRICE'],
      [verified, { quantityKg: 10, price: { currency: 'XYZ', value: 480000 } }, 400, 'MONEY.INVALID'],
      [verified, { quantityKg: 10, price: { currency: 'usd', value: 480000 } }, 400, 'REQUEST.VALIDATION_FAILED'],
      [verified, { quantityKg: 10, price: { currency: 'USD', value: 4800.5 } }, 400, 'REQUEST.VALIDATION_FAILED'],
      [verified, { quantityKg: 10, price: 480000 }, 400, 'REQUEST.VALIDATION_FAILED'],
      [verified, { quantityKg: 10, price: null }, 400, 'REQUEST.VALIDATION_FAILED'],
      [verified, { quantityKg: 10, batchNo: 7 }, 400, 'REQUEST.VALIDATION_FAILED'],
      ['not-a-uuid', { quantityKg: 10 }, 400, 'REQUEST.INVALID_ID'],
    ];
    for (const [milestoneId, body, status, code] of cases) {
      const response = await issuances(milestoneId, body);
      expect({ body, status: response.status, code: response.body.error?.code }).toEqual({ body, status, code });
    }
    expect(await totalEvents()).toBe(before);
  });

  describe('batches', () => {
    let batch: Record<string, unknown> & { id: string };
    let siteId: string;
    beforeAll(async () => {
      siteId = await registerSite(server, operators.proposer, { code: 'PRICE' });
      const milestoneId = await verifiedMilestone(server, operators, siteId, { quantityKg: 1000 });
      batch = await issueBatch(server, operators.proposer, milestoneId, { quantityKg: 1000 });
    });

    it('reprice_WhenNewPrice_Then200FromState_ThenReadModelFollows_SamePriceAgainNoEvent', async () => {
      const repriced = await request(server).put(`/v1/batches/${batch.id}/price`).set(bearer(operators.verifier)).send({ price: { currency: 'USD', value: 500000 } }).expect(200);
      expect(repriced.body).toEqual({ ...batch, pricePerTonne: { currency: 'USD', value: 500000 } });
      const fetched = await request(server).get(`/v1/batches/${batch.id}`).query({ minPosition: repriced.headers['x-log-position'] }).set(bearer(testApp.adminKey)).expect(200);
      expect(fetched.body.pricePerTonne).toEqual({ currency: 'USD', value: 500000 });
      const before = await totalEvents();
      const again = await request(server).put(`/v1/batches/${batch.id}/price`).set(bearer(operators.proposer)).send({ price: { currency: 'USD', value: 500000 } }).expect(200);
      expect(again.headers['x-log-position']).toBe(repriced.headers['x-log-position']);
      expect(await totalEvents()).toBe(before);
    });

    it('reprice_WhenBadInput_Then4xxWithCodeAndNoEvent', async () => {
      const before = await totalEvents();
      const cases: [string, unknown, number, string][] = [
        [batch.id, { price: { currency: 'EUR', value: 500000 } }, 400, 'REGISTRY.INVALID_PRICE'],
        [batch.id, { price: { currency: 'USD', value: 0 } }, 400, 'REGISTRY.INVALID_PRICE'],
        [batch.id, { price: { currency: 'USD' } }, 400, 'REQUEST.VALIDATION_FAILED'],
        [batch.id, {}, 400, 'REQUEST.VALIDATION_FAILED'],
        [batch.id, { price: { currency: 'USD', value: 1 }, batchId: newId() }, 400, 'REQUEST.VALIDATION_FAILED'],
        [newId(), { price: { currency: 'USD', value: 1 } }, 404, 'REGISTRY.BATCH_NOT_FOUND'],
        ['nope', { price: { currency: 'USD', value: 1 } }, 400, 'REQUEST.INVALID_ID'],
      ];
      for (const [id, body, status, code] of cases) {
        const response = await request(server).put(`/v1/batches/${id}/price`).set(bearer(operators.proposer)).send(body as object);
        expect({ body, status: response.status, code: response.body.error?.code }).toEqual({ body, status, code });
      }
      expect(await totalEvents()).toBe(before);
    });

    it('listBatches_WhenFilteredOrPaginated_ThenMatchingBatchesOnce', async () => {
      const bySite = await request(server).get('/v1/batches').query({ siteId }).set(bearer(testApp.adminKey)).expect(200);
      expect(bySite.body.items.map((b: { id: string }) => b.id)).toEqual([batch.id]);
      const none = await request(server).get('/v1/batches').query({ siteId, vintage: 2022 }).set(bearer(testApp.adminKey)).expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null });
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await request(server).get('/v1/batches').query({ limit: 3, ...(cursor ? { cursor } : {}) }).set(bearer(testApp.adminKey)).expect(200);
        ids.push(...page.body.items.map((b: { id: string }) => b.id));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain(batch.id);
      for (const [query, code] of [[{ vintage: 'x' }, 'REQUEST.VALIDATION_FAILED'], [{ siteId: 'x' }, 'REQUEST.VALIDATION_FAILED'], [{ cursor: 'abc' }, 'REQUEST.INVALID_CURSOR']] as const) {
        const response = await request(server).get('/v1/batches').query(query).set(bearer(testApp.adminKey)).expect(400);
        expect(response.body.error.code).toBe(code);
      }
      await request(server).get(`/v1/batches/${newId()}`).set(bearer(testApp.adminKey)).expect(404);
    });
  });
});
