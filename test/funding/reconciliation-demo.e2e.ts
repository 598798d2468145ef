// `npm run demo` (issue 5, item 8) against the real app on a local port: after the pilot sale, the
// EPRM grant, tranche, allocations, disbursement, a bank statement that auto-matches the pilot
// payment and the disbursement, the month closed, the grant report printed; and again, against
// the same server, in the month before.
import type { AddressInfo } from 'net';
import { runAppProcess } from '@test/support/app-process';
import { AccessTestApp, createAccessTestApp } from '../access/access-test-app';
import { countEvents } from '../access/access-fixtures';

const DEMO = 'src/ops/demo/main.ts';

function monthsBefore(count: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - count, 1)).toISOString().slice(0, 7);
}

describe('npm run demo: funding and reconciliation (e2e)', () => {
  let testApp: AccessTestApp;
  let baseUrl: string;

  beforeAll(async () => {
    testApp = await createAccessTestApp({ tag: 'recon_demo' });
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const demo = () => runAppProcess({ BASE_URL: baseUrl, DEMO_ADMIN_KEY: testApp.adminKey }, { entry: DEMO });

  it('demo_WhenRun_ThenGrantAllocationsStatementClosedPeriodAndGrantReport', async () => {
    const month = monthsBefore(1);
    const run = await demo();
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    const grantReference = `EPRM-2024-017-${month.replace('-', '')}`;
    for (const expected of [
      `Books: this run's money movements are dated in ${month}, the latest month that is over and not closed yet`,
      `Grant ${grantReference} from the European Partnership for Responsible Minerals: EUR 320,000.00`,
      `Tranche received on ${month}-03: EUR 160,000.00 (bank reference EPRM-${month}-T1)`,
      `Committee decision KAM-FAC-${month}-01 (${month}-05): EUR 40,000.00 of the grant to child rights at KAM: School fees and uniforms for the children of Kamilombe miners`,
      'Sale proceeds in KAM\'s pool: USD 11,400.00 received (USD 12,000.00 sold, USD 600.00 programme fee), USD 11,400.00 not yet allocated',
      `Committee decision KAM-FAC-${month}-02 (${month}-12): USD 6,000.00 of the sale proceeds to health and safety at KAM: Shaft ventilation and protective equipment`,
      `Disbursement on ${month}-20: EUR 25,000.00 to CMDS cooperative, Kamilombe school fund (bank reference KAM-CR-${month}-001)`,
      `Bank statement for ${month} imported: 4 lines, 3 matched automatically`,
      `  ${month}-03   EUR 160,000.00  EPRM-${month}-T1 -> matched to the tranche (auto, reconciled)`,
      `  ${month}-10    USD 12,000.00  Payment INV-KAM-2023-0001-00001 Volta Cells GmbH -> matched to the purchase (auto, reconciled)`,
      `  ${month}-20   EUR -25,000.00  KAM-CR-${month}-001 -> matched to the disbursement (auto, reconciled)`,
      `  ${month}-28       EUR -15.00  Account fee ${month} -> unmatched`,
      `Finance explains the Account fee ${month} line: monthly account fee of the bank -> explained`,
      `Closing ${month}: refused (422 FUNDING.PERIOD_HAS_OPEN_LINES), 1 line neither matched nor explained`,
      `Period ${month} closed: 4 statement lines, every one matched or explained`,
      `A payout dated ${month}-27 is refused from now on: 422 FUNDING.PERIOD_CLOSED`,
      `Grant report for ${grantReference} (CSV, as sent to the funder):`,
    ]) {
      expect(lines).toContain(expected);
    }
    const report = lines.slice(lines.indexOf(`Grant report for ${grantReference} (CSV, as sent to the funder):`) + 1, -1);
    expect(report[0]).toBe('  section,date,site_code,category,description,reference,id,currency,amount');
    expect(report.some((row) => row.startsWith(`  tranche,${month}-03,`) && row.endsWith(',EUR,160000.00'))).toBe(true);
    expect(report.some((row) => row.startsWith(`  allocation,${month}-05,KAM,child_rights,`) && row.endsWith(',EUR,40000.00'))).toBe(true);
    expect(report.some((row) => row.startsWith(`  disbursement,${month}-20,`) && row.endsWith(',EUR,25000.00'))).toBe(true);
    expect(lines[lines.length - 1]).toBe('Done.');
    // The statement reconciled the payment finance had recorded: one payment, one settlement.
    expect(await countEvents(testApp, 'PurchaseSettled')).toBe(1);
  });

  it('demo_WhenRunAgainOnTheSameServer_ThenItsBooksAreTheMonthBefore', async () => {
    const month = monthsBefore(2);
    const run = await demo();
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain(`Books: this run's money movements are dated in ${month}, the latest month that is over and not closed yet`);
    expect(lines).toContain(`  ${month}-10    USD 12,000.00  Payment INV-KAM-2023-0002-00001 Volta Cells GmbH -> matched to the purchase (auto, reconciled)`);
    expect(lines).toContain(`Period ${month} closed: 4 statement lines, every one matched or explained`);
  });
});
