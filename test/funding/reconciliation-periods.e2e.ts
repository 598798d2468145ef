// Reconciliation periods: a month closes only when every statement line in it is matched or
// explained, and once closed nothing dated in it can be recorded (statement lines, purchase
// payments; PeriodGuard for every money movement). Closing races imports without losing a line.
import { decideOnStream } from '@lib/event-store';
import request from 'supertest';
import { bearer, issueKey } from '../access/access-fixtures';
import { allocate, disburse, eur, receiveTranche, registerGrant } from './funding-fixtures';
import { PeriodGuard } from '../../src/funding/periods/period-guard';
import { periodDecider } from '../../src/funding/periods/period.decider';
import { parseStatementCsv } from '../../src/funding/reconciliation/import-statement/statement-csv';
import { draftStatement } from '../../src/funding/reconciliation/import-statement/statement-draft';
import {
  closePeriod,
  countEvents,
  createReconciliationApp,
  csv,
  getPeriod,
  issueBatch,
  matchLine,
  metadataOf,
  postStatement,
  ReconciliationApp,
  reserve,
  streamEvents,
} from './reconciliation.fixtures';

describe('reconciliation: periods (e2e)', () => {
  let app: ReconciliationApp;

  beforeAll(async () => {
    app = await createReconciliationApp('recon_periods');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('close_WhenLinesOpen_Then422WithTheirIdsThenClosedOnceMatchedOrExplained', async () => {
    const batchId = await issueBatch(app);
    const purchase = await reserve(app, batchId, 100); // USD 480.00
    const imported = await postStatement(app, csv('2025-01-10,-3.00,USD,FEE,Bank', '2025-01-11,480.00,USD,transfer 1,Volta', '2025-02-01,5.00,USD,next month,x')).expect(201);
    const [fee, payment] = imported.body.lines as { id: string }[];
    const refused = await closePeriod(app, '2025-01').expect(422);
    expect(refused.body.error).toMatchObject({ code: 'FUNDING.PERIOD_HAS_OPEN_LINES', details: { period: '2025-01' } });
    expect([...refused.body.error.details.openLineIds].sort()).toEqual([fee.id, payment.id].sort());

    await matchLine(app, fee.id, { explanation: 'Bank fee' }).expect(200);
    expect((await closePeriod(app, '2025-01').expect(422)).body.error.details.openLineIds).toEqual([payment.id]);
    await matchLine(app, payment.id, { purchaseId: purchase.purchaseId }).expect(200);
    const closed = await closePeriod(app, '2025-01').expect(200);
    expect(closed.body).toMatchObject({ period: '2025-01', status: 'closed', statementIds: [imported.body.id], lineCount: 2 });
    // Closing again answers the same closure and records nothing.
    expect((await closePeriod(app, '2025-01').expect(200)).body).toEqual(closed.body);
    expect((await streamEvents(app, 'period-2025-01')).filter((event) => event.type === 'PeriodClosed')).toHaveLength(1);
    const view = await getPeriod(app, '2025-01').expect(200);
    expect(view.body).toMatchObject({ status: 'closed', closedAt: closed.body.closedAt });
    // The next month is not affected.
    expect((await getPeriod(app, '2025-02').expect(200)).body.status).toBe('open');
  });

  it('close_WhenMonthNotOverOrMalformed_ThenRefused', async () => {
    const thisMonth = new Date().toISOString().slice(0, 7);
    expect((await closePeriod(app, thisMonth).expect(422)).body.error.code).toBe('FUNDING.PERIOD_NOT_ENDED');
    expect((await closePeriod(app, '2025-1').expect(400)).body.error.code).toBe('FUNDING.INVALID_PERIOD');
  });

  it('import_WhenAnyLineFallsInAClosedMonth_Then422AndNothingRecordedAnywhere', async () => {
    await closePeriod(app, '2025-03').expect(200);
    const before = { statements: await countEvents(app, 'StatementImported'), registrations: await countEvents(app, 'StatementRegistered') };
    const refused = await postStatement(app, csv('2025-04-02,1.00,USD,open month,x', '2025-03-31,2.00,USD,closed month,x')).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'FUNDING.PERIOD_CLOSED', details: { period: '2025-03', lines: [3] } });
    expect(await countEvents(app, 'StatementImported')).toBe(before.statements);
    expect(await countEvents(app, 'StatementRegistered')).toBe(before.registrations);
  });

  it('payment_WhenReceivedInAClosedMonth_Then422AndNotSettled', async () => {
    await closePeriod(app, '2025-05').expect(200);
    const purchase = await reserve(app, await issueBatch(app), 100);
    const pay = (receivedAt: string) =>
      request(app.server).post(`/v1/purchases/${purchase.purchaseId}/payments`).set(bearer(app.financeKey)).send({ amount: purchase.amount.toJSON(), receivedAt, bankRef: 'WIRE-55' });
    const before = await countEvents(app, 'PurchaseSettled');
    // 23:30 at UTC-2 on 30 April is 1 May in UTC: the UTC day decides the period.
    const refused = await pay('2025-04-30T23:30:00-02:00').expect(422);
    expect(refused.body.error).toMatchObject({ code: 'FUNDING.PERIOD_CLOSED', details: { period: '2025-05', field: 'receivedAt' } });
    expect(await countEvents(app, 'PurchaseSettled')).toBe(before);
    await pay('2025-06-02T09:00:00Z').expect(200);
    expect(await countEvents(app, 'PurchaseSettled')).toBe(before + 1);
  });

  it('fundingMovements_WhenDatedInAClosedMonth_ThenTranchesAndDisbursementsRefusedButAllocationsDecided', async () => {
    const operator = await issueKey(app, 'operator');
    const site = await request(app.server)
      .post('/v1/sites')
      .set(bearer(operator.key))
      .send({ code: 'RECP', name: 'Reconciliation Pit', cooperative: 'CMDS', province: 'Lualaba', country: 'CD', feeBps: 500 })
      .expect(201);
    const grant = await registerGrant(app.server, app.financeKey, { funder: 'EPRM', reference: 'EPRM-RECON-1', total: eur(320_000) });
    await receiveTranche(app.server, app.financeKey, grant.id, { amount: eur(160_000), receivedAt: '2025-10-03', bankRef: 'EPRM-T1' }).expect(201);
    await closePeriod(app, '2025-11').expect(200);

    const tranche = await receiveTranche(app.server, app.financeKey, grant.id, { amount: eur(10_000), receivedAt: '2025-11-15', bankRef: 'EPRM-T2' }).expect(422);
    expect(tranche.body.error).toMatchObject({ code: 'FUNDING.PERIOD_CLOSED', details: { period: '2025-11' } });
    // An allocation is a committee decision, not a money movement: its date is not guarded.
    const allocation = await allocate(app.server, operator.key, {
      siteId: site.body.id, source: { type: 'grant', grantId: grant.id }, category: 'child_rights', amount: eur(40_000), decidedAt: '2025-11-20',
    }).expect(201);
    const refused = await disburse(app.server, app.financeKey, allocation.body.id, { amount: eur(25_000), paidAt: '2025-11-25' }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'FUNDING.PERIOD_CLOSED', details: { period: '2025-11' } });
    await disburse(app.server, app.financeKey, allocation.body.id, { amount: eur(25_000), paidAt: '2025-12-01' }).expect(201);
  });

  it('periodGuard_WhenDatesAroundAClosedMonth_ThenOnlyThatMonthRefused', async () => {
    await closePeriod(app, '2025-07').expect(200);
    const guard = app.app.get(PeriodGuard);
    await expect(guard.assertOpen('2025-07-31')).rejects.toMatchObject({ code: 'FUNDING.PERIOD_CLOSED', details: { period: '2025-07', date: '2025-07-31' } });
    await expect(guard.assertOpen('2025-07-01T00:00:00Z', 'paidAt')).rejects.toMatchObject({ details: { field: 'paidAt' } });
    await expect(guard.assertOpen('2025-06-30')).resolves.toBeUndefined();
    await expect(guard.assertOpen('2025-08-01')).resolves.toBeUndefined();
    await expect(guard.assertOpen('not a date')).rejects.toMatchObject({ code: 'FUNDING.INVALID_PERIOD' });
  });

  it('close_WhenAStatementRegisteredButNotRecorded_Then409UntilTheSameFileIsPostedAgain', async () => {
    const body = csv('2025-09-03,-7.00,USD,FEE SEPT,Bank');
    const parsed = parseStatementCsv(body);
    if (!parsed.ok) throw new Error('fixture CSV refused');
    const { statementId } = draftStatement(parsed.lines);
    // An import that stopped after registering on the period stream, before recording its lines.
    await decideOnStream(app.eventStore, 'period-2025-09', periodDecider, { type: 'RegisterStatement', data: { period: '2025-09', statementId, lineCount: 1 } }, metadataOf(app));
    const incomplete = await closePeriod(app, '2025-09').expect(409);
    expect(incomplete.body.error).toMatchObject({ code: 'FUNDING.STATEMENT_IMPORT_INCOMPLETE', details: { statementIds: [statementId] } });
    const completed = await postStatement(app, body).expect(201);
    expect(completed.body.id).toBe(statementId);
    await matchLine(app, completed.body.lines[0].id, { explanation: 'Bank fee' }).expect(200);
    await closePeriod(app, '2025-09').expect(200);
  });

  it('close_WhenRacingImportsIntoTheSameMonth_ThenNeverAClosedMonthWithAnOpenLine', async () => {
    const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
    for (const month of months) {
      const [close, imported] = await Promise.all([closePeriod(app, month), postStatement(app, csv(`${month}-15,9.99,USD,race ${month},x`))]);
      expect([200, 409, 422]).toContain(close.status);
      expect([201, 422]).toContain(imported.status);
      const view = await getPeriod(app, month, { minPosition: (imported.headers['x-log-position'] as string | undefined) ?? '0-0' }).expect(200);
      if (view.body.status === 'closed') {
        expect(imported.status).toBe(422);
        expect(view.body.lines).toEqual([]);
      } else {
        expect(imported.status).toBe(201);
        expect(view.body.lines).toHaveLength(1);
      }
    }
  });
});
