// Walks every route × every caller of route-matrix.table.ts against the running app and checks
// the status. Fails first when the app registers a route the table does not classify (or the
// table lists a route that no longer exists), so no route ships without a decision.
import request from 'supertest';
import { bearer, createKey, registerCompany, revokeKey } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';
import { RouteInventory, RouteInventoryModule } from './route-inventory';
import { CALLERS, Caller, MatrixFixture, MatrixRow, ROUTE_MATRIX } from './route-matrix.table';

describe('route × role matrix (e2e)', () => {
  let testApp: AccessTestApp;
  let fixture: MatrixFixture;
  let headersOf: Record<Caller, Record<string, string>>;

  beforeAll(async () => {
    // Three unauthenticated callers per row exceed the default per-IP budget; limits have their own suite.
    testApp = await createAccessTestApp({ tag: 'access_matrix', imports: [RouteInventoryModule], env: { RATE_LIMIT_PER_IP_PER_MINUTE: '100000' } });
    const { server, adminKey } = testApp;
    const ownCompanyId = await registerCompany(server, adminKey, 'Own Cells GmbH');
    const otherCompanyId = await registerCompany(server, adminKey, 'Other Cells SA');
    const memos = new Map<string, Promise<unknown>>();
    fixture = {
      server,
      adminKey,
      ownCompanyId,
      otherCompanyId,
      memo: <T>(name: string, create: () => Promise<T>) => {
        if (!memos.has(name)) memos.set(name, create());
        return memos.get(name) as Promise<T>;
      },
    };
    const [operator, finance, auditor, company, revoked] = await Promise.all([
      createKey(server, adminKey, 'operator'),
      createKey(server, adminKey, 'finance'),
      createKey(server, adminKey, 'auditor'),
      createKey(server, adminKey, 'company', ownCompanyId),
      createKey(server, adminKey, 'admin'),
    ]);
    await revokeKey(server, adminKey, revoked.id);
    headersOf = {
      admin: bearer(adminKey),
      operator: bearer(operator.key),
      finance: bearer(finance.key),
      auditor: bearer(auditor.key),
      company: bearer(company.key),
      companyOther: bearer(company.key),
      noKey: {},
      malformedKey: { Authorization: 'Bearer crk_this-is-not-a-key' },
      revokedKey: bearer(revoked.key),
    };
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('table_WhenComparedWithTheRegisteredRoutes_ThenEveryRouteHasExactlyOneRow', () => {
    const registered = testApp.app.get(RouteInventory).routes();
    const listed = ROUTE_MATRIX.map((row) => row.route);
    expect({ missingFromTable: registered.filter((route) => !listed.includes(route)) }).toEqual({ missingFromTable: [] });
    expect({ notRegistered: listed.filter((route) => !registered.includes(route)) }).toEqual({ notRegistered: [] });
    expect({ listedTwice: listed.filter((route, index) => listed.indexOf(route) !== index) }).toEqual({ listedTwice: [] });
  });

  async function send(row: MatrixRow, caller: Caller): Promise<number> {
    const [method, template] = row.route.split(' ');
    const target = row.request === undefined ? { path: template } : await row.request(fixture, caller);
    const call = request(testApp.server)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](target.path)
      .set({ ...headersOf[caller], ...target.headers })
      .query(target.query ?? {});
    const response = target.body === undefined ? await call : await call.send(target.body as string | object);
    return response.status;
  }

  it.each(ROUTE_MATRIX.map((row) => [row.route, row] as const))('%s_WhenCalledByEachCaller_ThenTheExpectedStatus', async (_route, row) => {
    const actual: Partial<Record<Caller, number>> = {};
    // One caller at a time: some rows change state (revocations) and answers must not race.
    for (const caller of CALLERS) actual[caller] = await send(row, caller);
    expect(actual).toEqual(row.expect);
  });
});
