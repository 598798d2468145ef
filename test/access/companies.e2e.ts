// Companies over HTTP (issue 3): registration answered from the new state, read-your-writes with
// ?minPosition=, identifier checks, mass assignment, and company scoping (R11).
import request from 'supertest';
import { bearer, countEvents, createKey, registerCompany } from './access-fixtures';
import { AccessTestApp, createAccessTestApp } from './access-test-app';

describe('companies (e2e)', () => {
  let testApp: AccessTestApp;
  let server: AccessTestApp['server'];
  let admin: string;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'access_companies' });
    server = testApp.server;
    admin = testApp.adminKey;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  describe('POST /v1/companies', () => {
    it('register_WhenValid_Then201FromNewState_WithLogPositionAndLocation', async () => {
      const response = await request(server)
        .post('/v1/companies')
        .set(bearer(admin))
        .send({ name: ' Kamoto Batteries SARL ', country: 'CD', lei: '7LTWFZYICNSX8D621K86' })
        .expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Kamoto Batteries SARL',
        country: 'CD',
        lei: '7LTWFZYICNSX8D621K86',
        registeredAt: expect.any(String),
      });
      expect(response.headers['x-log-position']).toMatch(/^\d+-\d+$/);
      expect(response.headers.location).toBe(`/v1/companies/${response.body.id}`);
    });

    it('get_WhenMinPositionOfTheRegistration_ThenTheProjectionHasIt', async () => {
      const created = await request(server).post('/v1/companies').set(bearer(admin)).send({ name: 'Volta Cells GmbH', country: 'DE' }).expect(201);
      const fetched = await request(server)
        .get(`/v1/companies/${created.body.id}`)
        .query({ minPosition: created.headers['x-log-position'] })
        .set(bearer(admin))
        .expect(200);
      expect(fetched.body).toEqual(created.body);
    });

    it('register_WhenLeiChecksumWrong_Then400WithStableCode', async () => {
      const response = await request(server)
        .post('/v1/companies')
        .set(bearer(admin))
        .send({ name: 'Bad LEI Ltd', country: 'GB', lei: '7LTWFZYICNSX8D621K87' })
        .expect(400);
      expect(response.body.error.code).toBe('ACCESS.INVALID_LEI');
    });

    it('register_WhenCountryUnassignedOrLowerCase_Then400', async () => {
      for (const country of ['XX', 'de', 'DEU']) {
        const response = await request(server).post('/v1/companies').set(bearer(admin)).send({ name: 'Nowhere Ltd', country }).expect(400);
        expect(response.body.error.code).toBe('REQUEST.VALIDATION_FAILED');
      }
    });

    it('register_WhenMassAssignedFields_Then400AndNothingRecorded', async () => {
      const before = await countEvents(testApp, 'CompanyRegistered');
      for (const extra of [{ role: 'admin' }, { id: '0190f1c2-0000-7000-8000-000000000001' }, { status: 'verified' }, { owner: 'me' }]) {
        const response = await request(server)
          .post('/v1/companies')
          .set(bearer(admin))
          .send({ name: 'Sneaky Ltd', country: 'GB', ...extra })
          .expect(400);
        expect(Object.keys(response.body.error.details.fields)).toEqual(Object.keys(extra));
      }
      expect(await countEvents(testApp, 'CompanyRegistered')).toBe(before);
    });

    it('get_WhenMinPositionMalformed_Then400', async () => {
      const id = await registerCompany(server, admin);
      const response = await request(server).get(`/v1/companies/${id}`).query({ minPosition: 'latest' }).set(bearer(admin)).expect(400);
      expect(response.body.error.code).toBe('REQUEST.INVALID_MIN_POSITION');
    });


    it('get_WhenIdIsNotAUuid_Then400_WhenUnknown_Then404', async () => {
      await request(server).get('/v1/companies/not-a-uuid').set(bearer(admin)).expect(400);
      const response = await request(server).get('/v1/companies/0190f1c2-0000-7000-8000-00000000abcd').set(bearer(admin)).expect(404);
      expect(response.body.error.code).toBe('ACCESS.COMPANY_NOT_FOUND');
    });
  });

  describe('company scoping (R11)', () => {
    it('get_WhenCompanyKeyReadsItsOwnCompany_Then200_AnotherCompany_ThenSame404AsUnknown', async () => {
      const ours = await registerCompany(server, admin, 'Ours GmbH');
      const theirs = await registerCompany(server, admin, 'Theirs Ltd');
      const { key } = await createKey(server, admin, 'company', ours);
      const own = await request(server).get(`/v1/companies/${ours}`).set(bearer(key)).expect(200);
      expect(own.body.name).toBe('Ours GmbH');
      const other = await request(server).get(`/v1/companies/${theirs}`).set(bearer(key)).expect(404);
      const unknown = await request(server).get('/v1/companies/0190f1c2-0000-7000-8000-00000000abcd').set(bearer(admin)).expect(404);
      expect(other.body).toEqual(unknown.body);
    });
  });

  describe('with a short read wait', () => {
    let shortWait: AccessTestApp;

    beforeAll(async () => {
      shortWait = await createAccessTestApp({ tag: 'access_companies_wait', env: { READ_WAIT_MS: '300' } });
    });

    afterAll(async () => {
      await shortWait?.close();
    });

    it('get_WhenMinPositionIsBeyondTheLog_ThenAfterTheBoundedWait503', async () => {
      const id = await registerCompany(shortWait.server, shortWait.adminKey);
      const started = Date.now();
      await request(shortWait.server).get(`/v1/companies/${id}`).query({ minPosition: '99999999999-1' }).set(bearer(shortWait.adminKey)).expect(503);
      // It waited for the read model rather than refusing at once (a floor, not a speed threshold).
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    });
  });
});
