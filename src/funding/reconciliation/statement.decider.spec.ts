// Given/when/then for statements: import, match (amount, currency, direction, once), explain.
import { Money } from '@lib/kernel';
import { deciderSpec } from '@lib/kernel/testing';
import { MatchLine, statementDecider } from './statement.decider';
import type { MatchTarget, StatementEvent, StatementLineRecord } from './statement.events';

const spec = deciderSpec(statementDecider);
const NOW = '2026-04-02T09:00:00.000Z';
const STATEMENT = '01900000-0000-7000-8000-0000000005a1';
const IN_LINE = '01900000-0000-7000-8000-00000000011a';
const OUT_LINE = '01900000-0000-7000-8000-00000000011b';
const TWIN_LINE = '01900000-0000-7000-8000-00000000011c';
const PURCHASE: MatchTarget = { kind: 'purchase', id: '01900000-0000-7000-8000-00000000d001' };
const DISBURSEMENT: MatchTarget = { kind: 'disbursement', id: '01900000-0000-7000-8000-00000000e001' };

const line = (lineId: string, lineNo: number, value: number, currency = 'USD'): StatementLineRecord => ({
  lineId, lineNo, date: '2026-03-05', amount: { currency, value }, reference: `ref-${lineNo}`, counterparty: 'CMDS',
});
const LINES = [line(IN_LINE, 2, 1_200_000), line(OUT_LINE, 3, -2_500_000, 'EUR'), line(TWIN_LINE, 4, 1_200_000)];
const imported: StatementEvent = { type: 'StatementImported', data: { statementId: STATEMENT, contentSha256: 'abc', lines: LINES, importedAt: NOW } };

const match = (lineId: string, target: MatchTarget, amount: Money): MatchLine => ({
  type: 'MatchLine', data: { lineId, target, targetAmount: amount, outcome: 'reconciled', mode: 'manual', now: NOW },
});
const matched = (lineId: string, target: MatchTarget): StatementEvent => ({
  type: 'LineMatched', data: { statementId: STATEMENT, lineId, target, outcome: 'reconciled', mode: 'manual', matchedAt: NOW },
});
const usd = (minor: number) => Money.of('USD', minor);
const eur = (minor: number) => Money.of('EUR', minor);

describe('statement decider', () => {
  it('Import_WhenNew_ThenLinesRecorded', () => {
    spec.given([]).when({ type: 'ImportStatement', data: { statementId: STATEMENT, contentSha256: 'abc', lines: LINES, now: NOW } }).then([imported]);
  });

  it('Import_WhenSameStatementAgain_ThenNoEvents', () => {
    spec.given([imported]).when({ type: 'ImportStatement', data: { statementId: STATEMENT, contentSha256: 'abc', lines: LINES, now: NOW } }).then([]);
  });

  it('Match_WhenInflowEqualsPayment_ThenLineMatched', () => {
    spec.given([imported]).when(match(IN_LINE, PURCHASE, usd(1_200_000))).then([matched(IN_LINE, PURCHASE)]);
  });

  it('Match_WhenOutflowEqualsDisbursement_ThenLineMatched', () => {
    spec.given([imported]).when(match(OUT_LINE, DISBURSEMENT, eur(2_500_000))).then([matched(OUT_LINE, DISBURSEMENT)]);
  });

  it('Match_WhenAmountDiffers_ThenRefused', () => {
    const error = spec.given([imported]).when(match(IN_LINE, PURCHASE, usd(1_199_999))).thenThrows('FUNDING.MATCH_AMOUNT_MISMATCH');
    expect(error).toMatchObject({ details: { line: 'USD 12,000.00', target: 'USD 11,999.99' } });
  });

  it('Match_WhenCurrencyDiffers_ThenRefusedWithoutConversion', () => {
    spec.given([imported]).when(match(IN_LINE, PURCHASE, eur(1_200_000))).thenThrows('FUNDING.MATCH_CURRENCY_MISMATCH');
  });

  it('Match_WhenMoneyGoesTheWrongWay_ThenRefused', () => {
    spec.given([imported]).when(match(OUT_LINE, { kind: 'tranche', id: PURCHASE.id }, eur(2_500_000))).thenThrows('FUNDING.MATCH_WRONG_DIRECTION');
    spec.given([imported]).when(match(IN_LINE, DISBURSEMENT, usd(1_200_000))).thenThrows('FUNDING.MATCH_WRONG_DIRECTION');
  });

  it('Match_WhenRetriedWithTheSameTarget_ThenNoEvents', () => {
    spec.given([imported, matched(IN_LINE, PURCHASE)]).when(match(IN_LINE, PURCHASE, usd(1_200_000))).then([]);
  });

  it('Match_WhenLineAlreadyMatchedElsewhere_ThenConflict', () => {
    const other: MatchTarget = { kind: 'tranche', id: DISBURSEMENT.id };
    spec.given([imported, matched(IN_LINE, PURCHASE)]).when(match(IN_LINE, other, usd(1_200_000))).thenThrows('FUNDING.LINE_ALREADY_RESOLVED');
  });

  it('Match_WhenTargetTakenByAnotherLine_ThenConflict', () => {
    const error = spec.given([imported, matched(IN_LINE, PURCHASE)]).when(match(TWIN_LINE, PURCHASE, usd(1_200_000))).thenThrows('FUNDING.TARGET_ALREADY_MATCHED');
    expect(error).toMatchObject({ details: { lineId: IN_LINE } });
  });

  it('Match_WhenUnknownLineOrStatement_ThenNotFound', () => {
    spec.given([imported]).when(match('01900000-0000-7000-8000-000000000000', PURCHASE, usd(1))).thenThrows('FUNDING.STATEMENT_LINE_NOT_FOUND');
    spec.given([]).when(match(IN_LINE, PURCHASE, usd(1))).thenThrows('FUNDING.STATEMENT_NOT_FOUND');
  });

  it('Explain_WhenUnmatched_ThenTrimmedExplanation', () => {
    spec.given([imported]).when({ type: 'ExplainLine', data: { lineId: OUT_LINE, explanation: '  bank fee  ', now: NOW } }).then([
      { type: 'LineExplained', data: { statementId: STATEMENT, lineId: OUT_LINE, explanation: 'bank fee', explainedAt: NOW } },
    ]);
  });

  it('Explain_WhenEmptyOrControlCharacters_ThenRefused', () => {
    for (const explanation of ['   ', 'a\nb', 'x'.repeat(501)]) {
      spec.given([imported]).when({ type: 'ExplainLine', data: { lineId: OUT_LINE, explanation, now: NOW } }).thenThrows('FUNDING.INVALID_EXPLANATION');
    }
  });

  it('Explain_WhenMatched_ThenConflict', () => {
    spec.given([imported, matched(IN_LINE, PURCHASE)]).when({ type: 'ExplainLine', data: { lineId: IN_LINE, explanation: 'x', now: NOW } }).thenThrows('FUNDING.LINE_ALREADY_RESOLVED');
  });
});
