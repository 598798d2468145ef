// Public read routes (issue 4, part C), called without a key: the status of a unit by its serial
// (available, reserved, held, retired with its certificate), never naming the company behind it
// (R11); retirement records, filtered and paginated, and by certificate number.
import request from 'supertest';
import { AccessTestApp, createAccessTestApp } from '../access/access-test-app';
import { buy, company, CompanyCast, issue, IssuedBatch, registryCast, RegistryCast, reserve, retire, Retirement, retirementProjected, verifiedMilestone } from './public-fixtures';

describe('public routes (e2e)', () => {
  let testApp: AccessTestApp;
  let cast: RegistryCast;
  let volta: CompanyCast;
  let other: CompanyCast;
  let pilot: IssuedBatch;
  let second: IssuedBatch;
  let pilotRetirement: Retirement;
  let partialRetirement: Retirement;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'public' });
    cast = await registryCast(testApp);
    volta = await company(testApp, 'Volta Cells GmbH');
    other = await company(testApp, 'Other Motors AG');
    const kam2023 = await verifiedMilestone(testApp, cast, 'KAM', 2023, 3500);
    // The pilot: 2,500 kg bought and retired for 2023.
    pilot = await issue(testApp, cast, kam2023, 2500, 2023);
    await buy(testApp, cast, volta, pilot.id, 2500);
    pilotRetirement = await retire(testApp, volta, pilot.id, 2500, 2023);
    // A second batch with units in every other state: 1-100 retired (2024), 101-300 held, 301-500
    // reserved by another company, 501-1000 available.
    second = await issue(testApp, cast, kam2023, 1000, 2023);
    await buy(testApp, cast, volta, second.id, 300);
    await reserve(testApp, other, second.id, 200);
    partialRetirement = await retire(testApp, volta, second.id, 100, 2024, { name: 'Volta Cells Polska sp. z o.o.' });
    const kol2024 = await verifiedMilestone(testApp, cast, 'KOL', 2024, 50);
    const kolwezi = await issue(testApp, cast, kol2024, 50, 2024);
    await buy(testApp, cast, other, kolwezi.id, 50);
    await retirementProjected(testApp, other, await retire(testApp, other, kolwezi.id, 50, 2024, { name: 'Other Motors AG' }));
    await retirementProjected(testApp, volta, pilotRetirement);
    await retirementProjected(testApp, volta, partialRetirement);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const lookUp = (serial: string) => request(testApp.server).get(`/v1/public/serials/${serial}`);
  const unit = (batch: IssuedBatch, n: number) => `${batch.serialPrefix}-${String(n).padStart(6, '0')}`;

  describe('GET /v1/public/serials/:serial', () => {
    it('lookUp_WhenRetiredUnit_ThenRetiredWithCertificateClaimYearAndBeneficiary_AndTheSiteAndBatch', async () => {
      const response = await lookUp(unit(pilot, 417)).expect(200);
      expect(response.body).toEqual({
        serial: 'RCC-KAM-2023-0001-000417',
        status: 'retired',
        batch: { id: pilot.id, siteCode: 'KAM', vintage: 2023, batchNo: 1, issuedKg: 2500, serialRange: 'RCC-KAM-2023-0001-000001..002500', issuedAt: expect.any(String) },
        site: { code: 'KAM', name: 'Kamilombe', cooperative: 'CMDS', province: 'Lualaba', country: 'CD' },
        retirement: {
          certificateNo: pilotRetirement.certificateNo,
          claimYear: 2023,
          beneficiaryName: 'Volta Cells GmbH',
          retiredAt: expect.any(String),
          retirementPath: `/v1/public/retirements/${pilotRetirement.certificateNo}`,
        },
      });
    });

    it('lookUp_WhenUnitsInEveryOtherState_ThenThatStatus_NeverTheCompany', async () => {
      const expected: Array<[number, string]> = [
        [1, 'retired'],
        [100, 'retired'],
        [101, 'held'],
        [300, 'held'],
        [301, 'reserved'],
        [500, 'reserved'],
        [501, 'available'],
        [1000, 'available'],
      ];
      for (const [n, status] of expected) {
        const response = await lookUp(unit(second, n)).expect(200);
        expect({ n, status: response.body.status }).toEqual({ n, status });
        const text = JSON.stringify(response.body);
        for (const secret of [volta.id, other.id, 'Other Motors', 'companyId']) expect(text).not.toContain(secret);
        if (status === 'retired') expect(response.body.retirement).toMatchObject({ certificateNo: partialRetirement.certificateNo, claimYear: 2024, beneficiaryName: 'Volta Cells Polska sp. z o.o.' });
        else expect(response.body.retirement).toBeNull();
      }
    });

    it('lookUp_WhenUnitBeyondTheBatchOrNoSuchBatch_Then404SerialNotFound', async () => {
      for (const serial of [unit(pilot, 2501), 'RCC-KAM-2023-0009-000001', 'RCC-ZZZ-2023-0001-000001', 'RCC-KAM-2019-0001-000001']) {
        const response = await lookUp(serial).expect(404);
        expect(response.body.error.code).toBe('REGISTRY.SERIAL_NOT_FOUND');
      }
    });

    it('lookUp_WhenMalformedOrNotCanonical_Then400', async () => {
      for (const serial of ['RCC-KAM-2023-0001-417', 'RCC-KAM-2023-0001-000000', 'rcc-kam-2023-0001-000417', 'KAM-2023-0001-000417', 'RCC-KAM-2023-00001-000417', 'x'.repeat(80)]) {
        const response = await lookUp(serial).expect(400);
        expect(response.body.error.code).toBe('SERIAL.INVALID');
      }
      await request(testApp.server).get(`/v1/public/serials/${unit(pilot, 1)}`).query({ include: 'owner' }).expect(400);
    });
  });

  describe('GET /v1/public/retirements', () => {
    it('list_WhenNoFilter_ThenEveryRetirementNewestFirst_WithoutTheCompany', async () => {
      const response = await request(testApp.server).get('/v1/public/retirements').expect(200);
      expect(response.body.items).toHaveLength(3);
      expect(response.body.nextCursor).toBeNull();
      expect(response.body.items[2]).toEqual({
        certificateNo: pilotRetirement.certificateNo,
        quantityKg: 2500,
        claimYear: 2023,
        beneficiary: { name: 'Volta Cells GmbH', lei: null },
        purpose: 'Cobalt footprint 2023',
        retiredAt: expect.any(String),
        siteCode: 'KAM',
        vintage: 2023,
        batchNo: 1,
        serialRanges: ['RCC-KAM-2023-0001-000001..002500'],
      });
      const text = JSON.stringify(response.body);
      for (const hidden of [volta.id, other.id, 'companyId']) expect(text).not.toContain(hidden);
    });

    it('list_WhenFilteredByClaimYearAndSiteCode_ThenOnlyThose', async () => {
      const byYear = await request(testApp.server).get('/v1/public/retirements').query({ claimYear: '2024' }).expect(200);
      expect(byYear.body.items.map((item: { claimYear: number }) => item.claimYear)).toEqual([2024, 2024]);
      const bySite = await request(testApp.server).get('/v1/public/retirements').query({ claimYear: '2024', siteCode: 'KOL' }).expect(200);
      expect(bySite.body.items.map((item: { siteCode: string; quantityKg: number }) => [item.siteCode, item.quantityKg])).toEqual([['KOL', 50]]);
      const none = await request(testApp.server).get('/v1/public/retirements').query({ claimYear: '2030' }).expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });

    it('list_WhenPaged_ThenTheCursorWalksEveryRecordOnce', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await request(testApp.server).get('/v1/public/retirements').query(cursor === null ? { limit: '1' } : { limit: '1', cursor }).expect(200);
        seen.push(...page.body.items.map((item: { certificateNo: string }) => item.certificateNo));
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      expect(seen).toHaveLength(3);
      expect(new Set(seen).size).toBe(3);
    });

    it('list_WhenBadFilters_Then400', async () => {
      for (const query of [{ claimYear: 'twenty' }, { claimYear: '99999' }, { siteCode: 'kam' }, { limit: '201' }, { cursor: 'bm90LWEtY3Vyc29y' }, { companyId: volta.id }]) {
        await request(testApp.server).get('/v1/public/retirements').query(query).expect(400);
      }
    });

    it('get_WhenCertificateNo_ThenTheRecord_WhenUnknown_Then404_WhenMalformed_Then400', async () => {
      const found = await request(testApp.server).get(`/v1/public/retirements/${pilotRetirement.certificateNo}`).expect(200);
      expect(found.body).toMatchObject({ certificateNo: pilotRetirement.certificateNo, quantityKg: 2500, claimYear: 2023, beneficiary: { name: 'Volta Cells GmbH' } });
      const unknown = await request(testApp.server).get('/v1/public/retirements/RCC-RET-KAM-2023-0001-00099').expect(404);
      expect(unknown.body.error.code).toBe('REGISTRY.CERTIFICATE_NOT_FOUND');
      const malformed = await request(testApp.server).get('/v1/public/retirements/not-a-certificate').expect(400);
      expect(malformed.body.error.code).toBe('REGISTRY.INVALID_CERTIFICATE_NO');
    });
  });
});
