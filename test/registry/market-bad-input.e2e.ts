// Bad input of every kind on the marketplace routes → 4xx with a stable code, and not one event
// recorded (R10). Each case is a request a careless or hostile client might send.
import request from 'supertest';
import { bearer, buy, Buyer, createBuyer, createMarketApp, issueBatch, MarketApp, Purchase, reserve, totalEvents } from './market-fixtures';

interface BadRequest {
  name: string;
  method: 'post' | 'put' | 'get';
  path: () => string;
  key: () => string;
  /** A thunk when the body needs what beforeAll created. */
  body?: unknown;
  rawBody?: string;
  query?: Record<string, string>;
  status: number;
  code: string;
}

describe('marketplace bad input (e2e)', () => {
  let app: MarketApp;
  let buyer: Buyer;
  let batchId: string;
  let purchase: Purchase;
  let retireBase: Record<string, unknown>;

  beforeAll(async () => {
    app = await createMarketApp('market_bad_input');
    buyer = await createBuyer(app, 'Careless Client Ltd');
    batchId = await issueBatch(app, { quantityKg: 1000, vintage: 2024 });
    await buy(app, buyer, batchId, 100);
    purchase = await reserve(app, buyer, batchId, 100);
    retireBase = { batchId, quantityKg: 1, claimYear: 2025, beneficiary: { name: 'Careless Client Ltd' }, purpose: 'claim' };
  });

  afterAll(async () => {
    await app?.close();
  });

  const company = () => buyer.key;
  const finance = () => app.financeKey;
  const purchases = () => '/v1/purchases';
  const payments = () => `/v1/purchases/${purchase.id}/payments`;
  const payment = (overrides: Record<string, unknown>) => ({ amount: { currency: 'USD', value: 48000 }, receivedAt: '2026-01-05T10:00:00Z', bankRef: 'B-1', ...overrides });
  const retire = (overrides: Record<string, unknown>) => () => ({ ...retireBase, ...overrides });
  const footprint = (year: string) => () => `/v1/companies/${buyer.companyId}/footprints/${year}`;
  const V = 'REQUEST.VALIDATION_FAILED';

  const cases: BadRequest[] = [
    { name: 'reserve: no body', method: 'post', path: purchases, key: company, status: 400, code: V },
    { name: 'reserve: batchId not a UUID', method: 'post', path: purchases, key: company, body: { batchId: 'batch-1', quantityKg: 1 }, status: 400, code: V },
    ...[0, -1, 1.5, '100', 1e21, null].map((quantityKg): BadRequest => ({
      name: `reserve: quantityKg ${JSON.stringify(quantityKg)}`, method: 'post', path: purchases, key: company, body: { batchId: 'x', quantityKg }, status: 400, code: V,
    })),
    { name: 'reserve: mass-assigned companyId', method: 'post', path: purchases, key: company, body: () => ({ batchId, quantityKg: 1, companyId: '0190f1c2-0000-7000-8000-000000000001' }), status: 400, code: V },
    { name: 'reserve: malformed JSON', method: 'post', path: purchases, key: company, rawBody: '{"batchId": ', status: 400, code: 'REQUEST.MALFORMED_JSON' },
    { name: 'reserve: unknown batch', method: 'post', path: purchases, key: company, body: { batchId: '0190f1c2-0000-7000-8000-00000000beef', quantityKg: 1 }, status: 404, code: 'REGISTRY.BATCH_NOT_FOUND' },
    { name: 'reserve: by a staff key', method: 'post', path: purchases, key: finance, body: { batchId: '0190f1c2-0000-7000-8000-00000000beef', quantityKg: 1 }, status: 403, code: 'ACCESS.FORBIDDEN' },
    { name: 'pay: id not a UUID', method: 'post', path: () => '/v1/purchases/p-1/payments', key: finance, body: payment({}), status: 400, code: 'REQUEST.INVALID_ID' },
    { name: 'pay: no amount', method: 'post', path: payments, key: finance, body: { receivedAt: '2026-01-05T10:00:00Z', bankRef: 'B' }, status: 400, code: V },
    { name: 'pay: amount as a string', method: 'post', path: payments, key: finance, body: payment({ amount: 'USD 480.00' }), status: 400, code: V },
    ...[-48000, 0, 480.5, '48000'].map((value): BadRequest => ({
      name: `pay: amount value ${JSON.stringify(value)}`, method: 'post', path: payments, key: finance, body: payment({ amount: { currency: 'USD', value } }), status: 400, code: V,
    })),
    { name: 'pay: currency lower case', method: 'post', path: payments, key: finance, body: payment({ amount: { currency: 'usd', value: 48000 } }), status: 400, code: V },
    { name: 'pay: unknown currency', method: 'post', path: payments, key: finance, body: payment({ amount: { currency: 'XYZ', value: 48000 } }), status: 400, code: 'MONEY.INVALID' },
    ...['2026-01-05', '2026-01-05T10:00:00', '2026-02-30T10:00:00Z', 'yesterday'].map((receivedAt): BadRequest => ({
      name: `pay: receivedAt ${receivedAt}`, method: 'post', path: payments, key: finance, body: payment({ receivedAt }), status: 400, code: receivedAt === '2026-02-30T10:00:00Z' ? 'REGISTRY.INVALID_PAYMENT_DATE' : V,
    })),
    { name: 'pay: receivedAt in the future', method: 'post', path: payments, key: finance, body: payment({ receivedAt: '2999-01-01T00:00:00Z' }), status: 400, code: 'REGISTRY.INVALID_PAYMENT_DATE' },
    ...['', 'x'.repeat(101), 'B\n1'].map((bankRef): BadRequest => ({
      name: `pay: bankRef ${JSON.stringify(bankRef).slice(0, 12)}`, method: 'post', path: payments, key: finance, body: payment({ bankRef }), status: 400, code: V,
    })),
    { name: 'pay: by the buyer', method: 'post', path: payments, key: company, body: payment({}), status: 403, code: 'ACCESS.FORBIDDEN' },
    { name: 'cancel: id not a UUID', method: 'post', path: () => '/v1/purchases/nope/cancel', key: company, status: 400, code: 'REQUEST.INVALID_ID' },
    { name: 'transfer: toCompanyId missing', method: 'post', path: () => '/v1/transfers', key: company, body: () => ({ batchId, quantityKg: 1 }), status: 400, code: V },
    { name: 'transfer: quantityKg 0', method: 'post', path: () => '/v1/transfers', key: company, body: { batchId: '0190f1c2-0000-7000-8000-00000000beef', toCompanyId: '0190f1c2-0000-7000-8000-00000000beef', quantityKg: 0 }, status: 400, code: V },
    { name: 'transfer: fromCompanyId smuggled in', method: 'post', path: () => '/v1/transfers', key: company, body: { batchId: '0190f1c2-0000-7000-8000-00000000beef', toCompanyId: '0190f1c2-0000-7000-8000-00000000beef', quantityKg: 1, fromCompanyId: '0190f1c2-0000-7000-8000-00000000beef' }, status: 400, code: V },
    { name: 'retire: claimYear as text', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ claimYear: '2025' }), status: 400, code: V },
    { name: 'retire: claimYear 3 digits', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ claimYear: 999 }), status: 400, code: V },
    { name: 'retire: beneficiary missing', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ beneficiary: undefined }), status: 400, code: V },
    { name: 'retire: beneficiary a string', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ beneficiary: 'Me' }), status: 400, code: V },
    { name: 'retire: beneficiary name blank', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ beneficiary: { name: '   ' } }), status: 400, code: V },
    { name: 'retire: beneficiary name with control characters', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ beneficiary: { name: 'A\u0007B' } }), status: 400, code: V },
    { name: 'retire: beneficiary with an extra field', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ beneficiary: { name: 'A', companyId: 'x' } }), status: 400, code: V },
    { name: 'retire: LEI lower case', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ beneficiary: { name: 'A', lei: '7ltwfzyicnsx8d621k86' } }), status: 400, code: V },
    { name: 'retire: LEI check digits wrong', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ beneficiary: { name: 'A', lei: '7LTWFZYICNSX8D621K87' } }), status: 400, code: 'REGISTRY.INVALID_BENEFICIARY_LEI' },
    { name: 'retire: purpose too long', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ purpose: 'p'.repeat(501) }), status: 400, code: V },
    { name: 'retire: certificateNo chosen by the caller', method: 'post', path: () => '/v1/retirements', key: company, body: retire({ certificateNo: 'RCC-RET-FAKE' }), status: 400, code: V },
    ...['abcd', '1999', '20255', '-2025'].map((year): BadRequest => ({
      name: `footprint: year ${year}`, method: 'put', path: footprint(year), key: company, body: { cobaltKg: 1 }, status: 400, code: 'REGISTRY.INVALID_FOOTPRINT_YEAR',
    })),
    { name: 'footprint: year not begun', method: 'put', path: footprint('2999'), key: company, body: { cobaltKg: 1 }, status: 400, code: 'REGISTRY.INVALID_FOOTPRINT_YEAR' },
    ...[0, 2.5, '10', -3].map((cobaltKg): BadRequest => ({
      name: `footprint: cobaltKg ${JSON.stringify(cobaltKg)}`, method: 'put', path: footprint('2025'), key: company, body: { cobaltKg }, status: 400, code: V,
    })),
    { name: 'footprint: company id not a UUID', method: 'put', path: () => '/v1/companies/acme/footprints/2025', key: company, body: { cobaltKg: 1 }, status: 400, code: 'REQUEST.INVALID_ID' },
    { name: 'list: limit 0', method: 'get', path: purchases, key: company, query: { limit: '0' }, status: 400, code: V },
    { name: 'list: limit 201', method: 'get', path: purchases, key: company, query: { limit: '201' }, status: 400, code: V },
    { name: 'list: unknown status', method: 'get', path: purchases, key: company, query: { status: 'paid' }, status: 400, code: V },
    { name: 'list: unknown parameter', method: 'get', path: purchases, key: company, query: { sort: 'amount' }, status: 400, code: V },
    { name: 'list: forged cursor', method: 'get', path: purchases, key: company, query: { cursor: Buffer.from('{"before":"x"}').toString('base64url') }, status: 400, code: V },
    { name: 'get: minPosition malformed', method: 'get', path: () => `/v1/purchases/${purchase.id}`, key: company, query: { minPosition: 'latest' }, status: 400, code: 'REQUEST.INVALID_MIN_POSITION' },
    { name: 'holdings: unknown parameter', method: 'get', path: () => `/v1/companies/${buyer.companyId}/holdings`, key: company, query: { batchId: 'x' }, status: 400, code: V },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s_ThenRefusedWithACodeAndNoEvent', async (_name, bad) => {
    const before = await totalEvents(app);
    let call = request(app.server)[bad.method](bad.path()).set(bearer(bad.key())).query(bad.query ?? {});
    if (bad.rawBody !== undefined) call = call.set('Content-Type', 'application/json').send(bad.rawBody);
    else if (bad.body !== undefined) call = call.send((typeof bad.body === 'function' ? (bad.body as () => unknown)() : bad.body) as object);
    const response = await call;
    expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status: bad.status, code: bad.code });
    expect(await totalEvents(app)).toBe(before);
  });
});
