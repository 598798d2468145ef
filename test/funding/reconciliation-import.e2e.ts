// Statement import over HTTP (issue 5, item 6): text/csv parsing end to end, all-or-nothing
// refusals with every bad line, idempotent re-import by content, the period view and its totals.
import request from 'supertest';
import { bearer, issueKey } from '../access/access-fixtures';
import { countEvents, createReconciliationApp, csv, CSV_HEADER, getPeriod, postStatement, ReconciliationApp, streamEvents } from './reconciliation.fixtures';

describe('reconciliation: statement import (e2e)', () => {
  let app: ReconciliationApp;

  beforeAll(async () => {
    app = await createReconciliationApp('recon_import');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('import_WhenValidCsv_Then201WithEveryLineUnmatchedAndExactAmounts', async () => {
    const body = csv('2026-01-05,"+1200.50",USD,"Wire, ref ""A-1""",Volta Cells', '2026-01-06,-35.10,EUR,Bank fee,Banque');
    const response = await postStatement(app, body).expect(201);
    expect(response.headers['x-log-position']).toMatch(/^\d+-\d+$/);
    expect(response.body).toMatchObject({ duplicate: false, autoMatch: 'done', lineCount: 2, resolvedCount: 0 });
    expect(response.body.lines).toEqual([
      expect.objectContaining({ lineNo: 2, date: '2026-01-05', period: '2026-01', amount: { currency: 'USD', value: 120050 }, reference: 'Wire, ref "A-1"', counterparty: 'Volta Cells', status: 'unmatched', match: null }),
      expect.objectContaining({ lineNo: 3, date: '2026-01-06', amount: { currency: 'EUR', value: -3510 }, reference: 'Bank fee', status: 'unmatched' }),
    ]);
    const [imported] = await streamEvents(app, `statement-${response.body.id}`);
    expect(imported).toMatchObject({ type: 'StatementImported', metadata: { actorRole: 'finance' } });
    expect(await streamEvents(app, 'period-2026-01')).toEqual([expect.objectContaining({ type: 'StatementRegistered', data: { period: '2026-01', statementId: response.body.id, lineCount: 2 } })]);
  });

  it('import_WhenSameContentAgainWithCrlfBomAndBlankLines_Then200DuplicateAndNothingNew', async () => {
    const first = await postStatement(app, csv('2026-01-09,10.00,USD,R-9,C')).expect(201);
    const before = await countEvents(app, 'StatementImported');
    const again = await postStatement(app, `\uFEFF${CSV_HEADER}\r\n\r\n"2026-01-09",10.00,USD,R-9,C\r\n\r\n`).expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true, lineCount: 1 });
    expect(again.body.lines[0].id).toBe(first.body.lines[0].id);
    expect(await countEvents(app, 'StatementImported')).toBe(before);
  });

  it('import_WhenSeveralBadLines_Then400WithEveryLineAndNothingImported', async () => {
    const before = { statements: await countEvents(app, 'StatementImported'), registrations: await countEvents(app, 'StatementRegistered') };
    const body = csv(
      '2026-02-01,100.00,USD,fine,fine',
      '2026-02-02,"1,000.00",USD,quoted thousands,x',
      '2026-02-03,1,000.00,USD,unquoted thousands,x',
      '2026-02-04,-5.00,XYZ,unknown currency,x',
      '2026-02-31,5.00,USD,no such day,x',
      '2026-02-05,5.00,USD,too few columns',
      '2026-02-06,0.00,USD,zero,x',
      '2099-01-01,5.00,USD,future,x',
    );
    const response = await postStatement(app, body).expect(400);
    expect(response.body.error.code).toBe('FUNDING.INVALID_STATEMENT');
    const problems = response.body.error.details.problems as { line: number; reasons: string[] }[];
    expect(problems.map((problem) => problem.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(problems[0].reasons[0]).toMatch(/thousands separator: write it without one, e\.g\. 1000\.00/);
    expect(problems[1].reasons[0]).toMatch(/found 6; the amount seems to contain a thousands separator/);
    expect(problems[2].reasons[0]).toMatch(/unknown currency "XYZ"/);
    expect(problems[3].reasons[0]).toMatch(/calendar day/);
    expect(problems[4].reasons[0]).toMatch(/expected 5 columns/);
    expect(problems[5].reasons).toEqual(['amount must not be zero']);
    expect(problems[6].reasons).toEqual(['date 2099-01-01 is in the future']);
    expect(await countEvents(app, 'StatementImported')).toBe(before.statements);
    expect(await countEvents(app, 'StatementRegistered')).toBe(before.registrations);
  });

  it('import_WhenEmptyHeaderOnlyOrHeaderMissing_Then400', async () => {
    const empty = await postStatement(app, '').expect(400);
    expect(empty.body.error.details.problems).toEqual([{ line: 1, reasons: ['the statement is empty'] }]);
    const headerOnly = await postStatement(app, `${CSV_HEADER}\r\n`).expect(400);
    expect(headerOnly.body.error.details.problems).toEqual([{ line: 1, reasons: ['the statement has a header but no lines'] }]);
    const noHeader = await postStatement(app, '2026-02-01,100.00,USD,r,c\n').expect(400);
    expect(noHeader.body.error.details.problems).toEqual([{ line: 1, reasons: [`expected the header "${CSV_HEADER}"`] }]);
  });

  it('import_WhenNotCsv_Then415AndJsonRoutesUnaffected', async () => {
    const json = await request(app.server).post('/v1/reconciliation/statements').set(bearer(app.financeKey)).send({ csv: 'x' }).expect(415);
    expect(json.body.error.code).toBe('FUNDING.STATEMENT_NOT_CSV');
    // A JSON route still parses JSON, and still refuses a CSV body by its content type.
    const { key: adminKey } = await issueKey(app, 'admin');
    const refused = await request(app.server).post('/v1/companies').set(bearer(adminKey)).set('Content-Type', 'text/csv').send('name,country').expect(415);
    expect(refused.body.error.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    await request(app.server).post('/v1/companies').set(bearer(adminKey)).send({ name: 'Still JSON Ltd', country: 'GB' }).expect(201);
  });

  it('import_WhenBodyLargerThanTheCap_Then413AndNothingImported', async () => {
    const before = await countEvents(app, 'StatementImported');
    const line = `2026-02-01,1.00,USD,${'r'.repeat(190)},${'c'.repeat(190)}`;
    const response = await postStatement(app, csv(...Array.from({ length: 3_000 }, () => line))).expect(413);
    expect(response.body.error.code).toBe('REQUEST.BODY_TOO_LARGE');
    expect(await countEvents(app, 'StatementImported')).toBe(before);
  });

  it('periodView_WhenLinesInSeveralCurrencies_ThenTotalsPerCurrencyAndPages', async () => {
    const imported = await postStatement(app, csv('2026-04-01,100.00,USD,a,x', '2026-04-02,-40.00,USD,b,x', '2026-04-02,7.00,EUR,c,x', '2026-05-01,1.00,USD,next month,x')).expect(201);
    const position = imported.headers['x-log-position'] as string;
    const first = await getPeriod(app, '2026-04', { minPosition: position, limit: '2' }).expect(200);
    expect(first.body).toMatchObject({ period: '2026-04', status: 'open', closedAt: null });
    expect(first.body.totals).toEqual([
      { currency: 'EUR', inflows: { currency: 'EUR', value: 700 }, outflows: { currency: 'EUR', value: 0 }, matched: { currency: 'EUR', value: 0 }, unmatched: { currency: 'EUR', value: 700 }, lineCount: 1, openLineCount: 1 },
      { currency: 'USD', inflows: { currency: 'USD', value: 10000 }, outflows: { currency: 'USD', value: 4000 }, matched: { currency: 'USD', value: 0 }, unmatched: { currency: 'USD', value: 6000 }, lineCount: 2, openLineCount: 2 },
    ]);
    expect(first.body.lines.map((line: { reference: string }) => line.reference)).toEqual(['a', 'b']);
    const second = await getPeriod(app, '2026-04', { cursor: first.body.nextCursor }).expect(200);
    expect(second.body.lines.map((line: { reference: string }) => line.reference)).toEqual(['c']);
    expect(second.body.nextCursor).toBeNull();
    const auditor = await request(app.server).get('/v1/reconciliation/periods/2026-05').set(bearer(app.auditorKey)).expect(200);
    expect(auditor.body.lines).toHaveLength(1);
  });

  it('periodView_WhenPeriodOrCursorMalformed_Then400', async () => {
    expect((await getPeriod(app, '2026-13').expect(400)).body.error.code).toBe('FUNDING.INVALID_PERIOD');
    await getPeriod(app, '2026-04', { cursor: 'bm90LWEtY3Vyc29y' }).expect(400);
  });
});
