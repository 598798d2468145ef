// The route × role matrix (issue 3): one row per route the app registers, with the status each
// caller must get. route-role-matrix.e2e.ts discovers the routes of the running app and fails on
// any route missing here, so every issue that adds a route adds its row (and, if it needs objects
// to act on, builds them in `request` through the fixture).
import type { Role } from '../../src/access/auth/actor';
import { createKey, HttpServer } from './access-fixtures';

/**
 * - admin … auditor: a valid key of that staff role.
 * - company: a company key acting on its own company's object (or on no object).
 * - companyOther: the same company key, on another company's object (R11: 404, never 403).
 * - noKey, malformedKey, revokedKey (an admin key, revoked): never authenticated.
 */
export const CALLERS = ['admin', 'operator', 'finance', 'auditor', 'company', 'companyOther', 'noKey', 'malformedKey', 'revokedKey'] as const;
export type Caller = (typeof CALLERS)[number];

export interface MatrixRequest {
  /** The concrete path, e.g. `/v1/companies/0190…`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export interface MatrixFixture {
  server: HttpServer;
  adminKey: string;
  /** The company of the `company` caller, and a company that is not its own. */
  ownCompanyId: string;
  otherCompanyId: string;
  /** Creates (once per name) and remembers an object several rows or callers share. */
  memo<T>(name: string, create: () => Promise<T>): Promise<T>;
}

export interface MatrixRow {
  /** `METHOD /path/:param` exactly as registered (the Fastify route template). */
  route: string;
  expect: Readonly<Record<Caller, number>>;
  /** The request to send for a caller; defaults to the route itself with no body. */
  request?: (fixture: MatrixFixture, caller: Caller) => MatrixRequest | Promise<MatrixRequest>;
}

const STAFF: readonly Role[] = ['admin', 'operator', 'finance', 'auditor'];
const NEVER_AUTHENTICATED = { noKey: 401, malformedKey: 401, revokedKey: 401 } as const;

/** Open to everyone, key or not, valid or not. */
export function everyone(status: number): Record<Caller, number> {
  return Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Record<Caller, number>;
}

/**
 * `status` for the roles listed, 403 for the others, 401 without a valid key. A company caller
 * gets the same answer for `companyOther` unless `companyOther` says otherwise (objects owned by
 * a company: 404).
 */
export function only(status: number, roles: readonly Role[], overrides: Partial<Record<Caller, number>> = {}): Record<Caller, number> {
  const byRole = (role: Role) => (roles.includes(role) ? status : 403);
  return {
    admin: byRole('admin'),
    operator: byRole('operator'),
    finance: byRole('finance'),
    auditor: byRole('auditor'),
    company: byRole('company'),
    companyOther: byRole('company'),
    ...NEVER_AUTHENTICATED,
    ...overrides,
  };
}

const companyPath = (fixture: MatrixFixture, caller: Caller) =>
  `/v1/companies/${caller === 'companyOther' ? fixture.otherCompanyId : fixture.ownCompanyId}`;

export const ROUTE_MATRIX: readonly MatrixRow[] = [
  // Ops: /health open for liveness probes; /ready and /metrics need a staff key (issue 3).
  { route: 'GET /health', expect: everyone(200) },
  { route: 'GET /ready', expect: only(200, STAFF) },
  { route: 'GET /metrics', expect: only(200, STAFF) },
  { route: 'GET /docs-json', expect: everyone(200) },

  // Access (issue 3).
  {
    route: 'POST /v1/companies',
    expect: only(201, ['admin', 'operator']),
    request: () => ({ path: '/v1/companies', body: { name: 'Matrix Batteries Ltd', country: 'GB' } }),
  },
  {
    route: 'GET /v1/companies/:id',
    expect: only(200, [...STAFF, 'company'], { companyOther: 404 }),
    request: (fixture, caller) => ({ path: companyPath(fixture, caller) }),
  },
  {
    route: 'POST /v1/api-keys',
    expect: only(201, ['admin']),
    request: () => ({ path: '/v1/api-keys', body: { role: 'auditor', label: 'matrix' } }),
  },
  {
    route: 'DELETE /v1/api-keys/:id',
    expect: only(200, ['admin']),
    request: async (fixture) => {
      // One target for every caller: revoking an already revoked key still answers 200.
      const target = await fixture.memo('revocable key', () => createKey(fixture.server, fixture.adminKey, 'finance'));
      return { path: `/v1/api-keys/${target.id}` };
    },
  },
  { route: 'GET /v1/me', expect: only(200, [...STAFF, 'company']) },
];
