// Matching statement lines (DESIGN §4): auto-match settles a reserved purchase or reconciles a
// payment finance already recorded (never a second payment), outflows match disbursements and
// inflows grant tranches by bank reference; the rest wait for a person, who matches or explains.
import { Money } from '@lib/kernel';
import { rebuildProjectionByName } from '@lib/projections';
import { DataSource } from 'typeorm';
import { reconciliationProjection } from '../../src/funding/reconciliation/read-model/reconciliation.projection';
import {
  cancel,
  countEvents,
  createReconciliationApp,
  csv,
  getPeriod,
  issueBatch,
  matchLine,
  postStatement,
  recordDisbursement,
  recordPayment,
  recordTranche,
  ReconciliationApp,
  reserve,
  streamEvents,
} from './reconciliation.fixtures';

interface LineBody {
  id: string;
  reference: string;
  status: string;
  match: { kind: string; id: string; outcome: string; mode: string } | null;
}

const byReference = (lines: LineBody[], reference: string): LineBody => {
  const found = lines.find((line) => line.reference === reference);
  if (found === undefined) throw new Error(`no line ${reference}`);
  return found;
};

describe('reconciliation: matching (e2e)', () => {
  let app: ReconciliationApp;
  let batchId: string;

  beforeAll(async () => {
    app = await createReconciliationApp('recon_match');
    batchId = await issueBatch(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('autoMatch_WhenInflowCarriesTheInvoiceOfAReservedPurchase_ThenPaymentRecordedAndSettledOnce', async () => {
    const purchase = await reserve(app, batchId, 2_500); // USD 12,000.00, the pilot sale
    const before = await countEvents(app, 'PurchaseSettled');
    const response = await postStatement(app, csv(`2026-03-05,12000.00,USD,Payment ${purchase.invoiceRef} thank you,Volta Cells`)).expect(201);
    const [line] = response.body.lines as LineBody[];
    expect(line).toMatchObject({ status: 'matched', match: { kind: 'purchase', id: purchase.purchaseId, outcome: 'payment_recorded', mode: 'auto' } });
    expect(await countEvents(app, 'PurchaseSettled')).toBe(before + 1);
    const settled = (await streamEvents(app, `batch-${batchId}`)).find((event) => event.type === 'PurchaseSettled' && (event.data as { purchaseId: string }).purchaseId === purchase.purchaseId);
    expect(settled?.data).toMatchObject({
      amount: { currency: 'USD', value: 1_200_000 },
      payment: { amount: { currency: 'USD', value: 1_200_000 }, receivedAt: '2026-03-05T00:00:00.000Z', bankRef: `Payment ${purchase.invoiceRef} thank you` },
    });
    expect(settled?.metadata.actorRole).toBe('finance');

    // The same payment in a later statement (overlapping export): no second payment, the line waits.
    const again = await postStatement(app, csv(`2026-03-05,12000.00,USD,Payment ${purchase.invoiceRef} thank you,Volta Cells`, '2026-03-07,1.00,USD,other,x')).expect(201);
    expect(byReference(again.body.lines, `Payment ${purchase.invoiceRef} thank you`).status).toBe('unmatched');
    expect(await countEvents(app, 'PurchaseSettled')).toBe(before + 1);
    const manual = await matchLine(app, byReference(again.body.lines, `Payment ${purchase.invoiceRef} thank you`).id, { purchaseId: purchase.purchaseId }).expect(409);
    expect(manual.body.error).toMatchObject({ code: 'FUNDING.TARGET_ALREADY_MATCHED', details: { lineId: line.id } });
  });

  it('autoMatch_WhenFinanceAlreadyRecordedThePayment_ThenReconciledWithoutASecondPayment', async () => {
    const purchase = await reserve(app, batchId, 500); // USD 2,400.00
    await recordPayment(app, purchase, 'FIN-ENTERED-1');
    const before = await countEvents(app, 'PurchaseSettled');
    const response = await postStatement(app, csv(`2026-03-06,2400.00,USD,${purchase.invoiceRef.toLowerCase()},Volta`)).expect(201);
    expect(response.body.lines[0]).toMatchObject({ status: 'matched', match: { kind: 'purchase', id: purchase.purchaseId, outcome: 'reconciled', mode: 'auto' } });
    expect(await countEvents(app, 'PurchaseSettled')).toBe(before);
  });

  it('autoMatch_WhenAmountOrCurrencyDiffersFromTheInvoice_ThenLineWaits', async () => {
    const purchase = await reserve(app, batchId, 100); // USD 480.00
    const response = await postStatement(app, csv(`2026-03-08,479.99,USD,${purchase.invoiceRef},Volta`, `2026-03-08,480.00,EUR,${purchase.invoiceRef},Volta`)).expect(201);
    expect((response.body.lines as LineBody[]).map((line) => line.status)).toEqual(['unmatched', 'unmatched']);
    const wrongAmount = await matchLine(app, response.body.lines[0].id, { purchaseId: purchase.purchaseId }).expect(422);
    expect(wrongAmount.body.error.code).toBe('FUNDING.MATCH_AMOUNT_MISMATCH');
    const wrongCurrency = await matchLine(app, response.body.lines[1].id, { purchaseId: purchase.purchaseId }).expect(422);
    expect(wrongCurrency.body.error.code).toBe('FUNDING.MATCH_CURRENCY_MISMATCH');
    expect((await streamEvents(app, `reconciliation-target-purchase-${purchase.purchaseId}`)).length).toBe(0);
  });

  it('autoMatch_WhenOutflowAndInflowCarryBankReferences_ThenDisbursementAndTrancheMatched', async () => {
    const disbursementId = await recordDisbursement(app, Money.of('EUR', 2_500_000), 'DISB-KAM-0001');
    const trancheId = await recordTranche(app, Money.of('EUR', 16_000_000), 'EPRM-T1');
    const response = await postStatement(app, csv('2026-06-10,-25000.00,EUR, disb-kam-0001 ,CMDS', '2026-06-02,160000.00,EUR,EPRM-T1,EPRM', '2026-06-11,-25000.00,EUR,DISB-UNKNOWN,CMDS')).expect(201);
    const lines = response.body.lines as LineBody[];
    expect(byReference(lines, 'disb-kam-0001').match).toEqual({ kind: 'disbursement', id: disbursementId, outcome: 'reconciled', mode: 'auto' });
    expect(byReference(lines, 'EPRM-T1').match).toEqual({ kind: 'tranche', id: trancheId, outcome: 'reconciled', mode: 'auto' });
    expect(byReference(lines, 'DISB-UNKNOWN').status).toBe('unmatched');
    const view = await getPeriod(app, '2026-06', { minPosition: response.headers['x-log-position'] as string }).expect(200);
    expect(view.body.totals).toHaveLength(1);
    expect(view.body.totals[0]).toMatchObject({ inflows: { value: 16_000_000 }, outflows: { value: 5_000_000 }, matched: { value: 13_500_000 }, unmatched: { value: -2_500_000 } });
  });

  it('manualMatch_WhenReservedPurchase_ThenSettlesLikeThePaymentRoute', async () => {
    const purchase = await reserve(app, batchId, 1_000); // USD 4,800.00
    const response = await postStatement(app, csv('2026-03-12,4800.00,USD,TRANSFER 88812,Volta')).expect(201);
    const line = response.body.lines[0] as LineBody;
    expect(line.status).toBe('unmatched');
    const before = await countEvents(app, 'PurchaseSettled');
    const matched = await matchLine(app, line.id, { purchaseId: purchase.purchaseId }).expect(200);
    expect(matched.body).toMatchObject({ id: line.id, status: 'matched', match: { kind: 'purchase', outcome: 'payment_recorded', mode: 'manual' } });
    expect(matched.headers['x-log-position']).toMatch(/^\d+-\d+$/);
    // Repeating the same match changes nothing.
    await matchLine(app, line.id, { purchaseId: purchase.purchaseId }).expect(200);
    expect(await countEvents(app, 'PurchaseSettled')).toBe(before + 1);
  });

  it('manualMatch_WhenPurchaseCancelledOrDirectionWrongOrUnknown_ThenRefusedAndLineStillOpen', async () => {
    const purchase = await reserve(app, batchId, 10); // USD 48.00
    await cancel(app, purchase);
    const disbursementId = await recordDisbursement(app, Money.of('USD', 4_800), 'DISB-X');
    const response = await postStatement(app, csv('2026-03-13,48.00,USD,no ref,Volta')).expect(201);
    const lineId = (response.body.lines[0] as LineBody).id;
    expect((await matchLine(app, lineId, { purchaseId: purchase.purchaseId }).expect(422)).body.error.code).toBe('FUNDING.PURCHASE_NOT_PAYABLE');
    expect((await matchLine(app, lineId, { disbursementId }).expect(422)).body.error.code).toBe('FUNDING.MATCH_WRONG_DIRECTION');
    expect((await matchLine(app, lineId, { trancheId: disbursementId }).expect(404)).body.error.code).toBe('FUNDING.MATCH_TARGET_NOT_FOUND');
    expect((await matchLine(app, '0190f1c2-0000-7000-8000-00000000abcd', { explanation: 'x' }).expect(404)).body.error.code).toBe('FUNDING.STATEMENT_LINE_NOT_FOUND');
    expect((await matchLine(app, lineId, { purchaseId: purchase.purchaseId, explanation: 'both' }).expect(400)).body.error.code).toBe('REQUEST.VALIDATION_FAILED');
    await matchLine(app, lineId, {}).expect(400);
    const view = await getPeriod(app, '2026-03', { limit: '200' }).expect(200);
    expect(byReference(view.body.lines, 'no ref').status).toBe('unmatched');
  });

  it('explain_WhenUnmatchedLine_ThenExplainedOnceAndNotRematched', async () => {
    const response = await postStatement(app, csv('2026-03-14,-12.50,USD,MONTHLY FEE,Bank')).expect(201);
    const lineId = (response.body.lines[0] as LineBody).id;
    const explained = await matchLine(app, lineId, { explanation: '  Bank charges for March ' }).expect(200);
    expect(explained.body).toMatchObject({ status: 'explained', explanation: 'Bank charges for March', match: null });
    await matchLine(app, lineId, { explanation: 'Bank charges for March' }).expect(200);
    expect((await matchLine(app, lineId, { explanation: 'Something else' }).expect(409)).body.error.code).toBe('FUNDING.LINE_ALREADY_RESOLVED');
    const events = await streamEvents(app, `statement-${response.body.id}`);
    expect(events.map((event) => event.type)).toEqual(['StatementImported', 'LineExplained']);
  });

  it('matching_WhenTwoLinesRaceForOnePurchase_ThenOneWinsAndOnePayment', async () => {
    const purchase = await reserve(app, batchId, 200); // USD 960.00
    const statements = await Promise.all([
      postStatement(app, csv('2026-03-15,960.00,USD,wire A,Volta')).expect(201),
      postStatement(app, csv('2026-03-15,960.00,USD,wire B,Volta')).expect(201),
    ]);
    const before = await countEvents(app, 'PurchaseSettled');
    const answers = await Promise.all(statements.map((statement) => matchLine(app, statement.body.lines[0].id, { purchaseId: purchase.purchaseId })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await countEvents(app, 'PurchaseSettled')).toBe(before + 1);
    const matchedLines = await Promise.all(statements.map(async (statement) => (await streamEvents(app, `statement-${statement.body.id}`)).filter((event) => event.type === 'LineMatched')));
    expect(matchedLines.flat()).toHaveLength(1);
  });

  it('rebuild_WhenTheReconciliationReadModelIsRebuilt_ThenPeriodsAndTargetsAreIdentical', async () => {
    const dataSource = app.app.get(DataSource);
    const snapshot = async () => ({
      march: (await getPeriod(app, '2026-03', { limit: '200' }).expect(200)).text,
      june: (await getPeriod(app, '2026-06', { limit: '200' }).expect(200)).text,
      targets: await dataSource.query('SELECT * FROM reconciliation_targets ORDER BY kind, target_id'),
    });
    const last = await postStatement(app, csv('2026-03-31,-1.00,USD,LAST FEE,Bank')).expect(201);
    await getPeriod(app, '2026-03', { minPosition: last.headers['x-log-position'] as string }).expect(200);
    const before = await snapshot();
    const result = await rebuildProjectionByName(reconciliationProjection.name, { dataSource, eventStore: app.eventStore, projections: [reconciliationProjection], pollMs: 50 });
    expect(result.rebuiltBy).toBe('runner');
    expect(await snapshot()).toEqual(before);
  });
});
