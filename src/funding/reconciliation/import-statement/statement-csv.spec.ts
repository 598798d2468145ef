// Statement CSV: RFC 4180 quoting, exact amounts, and every refusal with its line number.
import { Money } from '@lib/kernel';
import { LineProblem, MAX_STATEMENT_LINES, parseStatementCsv, StatementParse } from './statement-csv';

const HEADER = 'date,amount,currency,reference,counterparty';

function lines(parse: StatementParse) {
  if (!parse.ok) throw new Error(`refused: ${JSON.stringify(parse.problems)}`);
  return parse.lines.map((line) => ({ ...line, amount: line.amount.format() }));
}

function problems(parse: StatementParse): LineProblem[] {
  if (parse.ok) throw new Error('expected the statement to be refused');
  return parse.problems;
}

describe('statement CSV', () => {
  it('Parse_WhenPlainLines_ThenSignedExactAmounts', () => {
    const parse = parseStatementCsv(`${HEADER}\n2026-03-05,12000.00,USD,INV-KAM-2023-0001-00001,Volta Cells\n2026-03-06,-25000.00,EUR,DISB-7,CMDS\n`);
    expect(lines(parse)).toEqual([
      { lineNo: 2, date: '2026-03-05', amount: 'USD 12,000.00', reference: 'INV-KAM-2023-0001-00001', counterparty: 'Volta Cells' },
      { lineNo: 3, date: '2026-03-06', amount: 'EUR -25,000.00', reference: 'DISB-7', counterparty: 'CMDS' },
    ]);
  });

  it('Parse_WhenAmountAtTheLimitOfExactJson_ThenExactMinorUnits', () => {
    const parse = parseStatementCsv(`${HEADER}\n2026-03-05,-90071992547409.91,USD,big,x`);
    if (!parse.ok) throw new Error('refused');
    expect(parse.lines[0].amount.equals(Money.of('USD', -9007199254740991n))).toBe(true);
  });

  it('Parse_WhenAmountBeyondExactJson_ThenRefusedAsTooLarge', () => {
    expect(problems(parseStatementCsv(`${HEADER}\n2026-03-05,90071992547409.93,USD,big,x`))).toEqual([
      { line: 2, reasons: ['amount "90071992547409.93" is too large'] },
    ]);
  });

  it('Parse_WhenQuotedFieldsWithCommasAndEscapedQuotes_ThenRfc4180Values', () => {
    const parse = parseStatementCsv(`${HEADER}\n"2026-03-05","+480.00","USD","INV-1, part ""A""","Volta Cells, GmbH"`);
    expect(lines(parse)).toEqual([
      { lineNo: 2, date: '2026-03-05', amount: 'USD 480.00', reference: 'INV-1, part "A"', counterparty: 'Volta Cells, GmbH' },
    ]);
  });

  it('Parse_WhenCrlfBomAndTrailingBlankLines_ThenSameAsPlain', () => {
    const plain = parseStatementCsv(`${HEADER}\n2026-03-05,1.50,EUR,r1,c1\n2026-03-06,-2,EUR,r2,c2`);
    const windows = parseStatementCsv(`\uFEFF${HEADER}\r\n2026-03-05,1.50,EUR,r1,c1\r\n\r\n2026-03-06,-2,EUR,r2,c2\r\n\r\n`);
    expect(lines(windows).map(({ lineNo: _lineNo, ...rest }) => rest)).toEqual(lines(plain).map(({ lineNo: _lineNo, ...rest }) => rest));
    expect(lines(windows).map((line) => line.lineNo)).toEqual([2, 4]);
  });

  it('Parse_WhenHeaderInOtherCaseAndSpaces_ThenAccepted', () => {
    expect(lines(parseStatementCsv('Date, Amount ,CURRENCY,Reference,Counterparty\n2026-03-05, 700 ,JPY, r ,c')).map((l) => [l.amount, l.reference])).toEqual([['JPY 700', 'r']]);
  });

  it('Parse_WhenQuotedThousandsSeparator_ThenRefusedWithAdvice', () => {
    expect(problems(parseStatementCsv(`${HEADER}\n2026-03-05,"1,000.00",USD,r,c`))).toEqual([
      { line: 2, reasons: ['amount "1,000.00" has a thousands separator: write it without one, e.g. 1000.00'] },
    ]);
  });

  it('Parse_WhenUnquotedThousandsSeparator_ThenWrongColumnCountWithHint', () => {
    const [problem] = problems(parseStatementCsv(`${HEADER}\n2026-03-05,1,000.00,USD,r,c`));
    expect(problem.line).toBe(2);
    expect(problem.reasons[0]).toMatch(/expected 5 columns .* found 6; the amount seems to contain a thousands separator/);
  });

  it('Parse_WhenLocaleOrFloatNotation_ThenRefused', () => {
    const refused = problems(parseStatementCsv(`${HEADER}\n2026-03-05,"1.000,00",EUR,r,c\n2026-03-05,1e3,EUR,r,c\n2026-03-05,12.345,EUR,r,c\n2026-03-05,0.00,EUR,r,c`));
    expect(refused.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(refused[2].reasons[0]).toMatch(/more than 2 decimal places/);
    expect(refused[3].reasons).toEqual(['amount must not be zero']);
  });

  it('Parse_WhenSeveralBadLines_ThenEveryLineAndReasonAndNothingElse', () => {
    const text = [
      HEADER,
      '2026-03-05,10.00,USD,ok,ok',
      '2026-02-30,10.00,XXX,r,c',
      '2026-03-05,10.00,USD,r',
      '2026-03-05,ten,USD,r,c',
      '2026-03-05,10.00,usd,r,c',
    ].join('\n');
    expect(problems(parseStatementCsv(text))).toEqual([
      { line: 3, reasons: ['date must be a calendar day YYYY-MM-DD, got "2026-02-30"', 'unknown currency "XXX" (an upper-case ISO 4217 code the registry accepts)'] },
      { line: 4, reasons: ['expected 5 columns (date,amount,currency,reference,counterparty), found 4'] },
      { line: 5, reasons: ['amount must be a signed decimal number such as -1234.56 (a point for decimals), got "ten"'] },
      { line: 6, reasons: ['unknown currency "usd" (an upper-case ISO 4217 code the registry accepts)'] },
    ]);
  });

  it('Parse_WhenDateAfterTheLatestDay_ThenRefused', () => {
    const text = `${HEADER}\n2026-03-11,1.00,USD,r,c\n2026-03-12,1.00,USD,r,c`;
    expect(problems(parseStatementCsv(text, { latestDay: '2026-03-11' }))).toEqual([{ line: 3, reasons: ['date 2026-03-12 is in the future'] }]);
  });

  it('Parse_WhenEmptyOrBlank_ThenRefusedAsEmpty', () => {
    for (const text of ['', '\uFEFF', '\r\n\n  \n']) {
      expect(problems(parseStatementCsv(text))).toEqual([{ line: 1, reasons: ['the statement is empty'] }]);
    }
  });

  it('Parse_WhenHeaderOnly_ThenRefusedAsWithoutLines', () => {
    expect(problems(parseStatementCsv(`${HEADER}\r\n`))).toEqual([{ line: 1, reasons: ['the statement has a header but no lines'] }]);
  });

  it('Parse_WhenHeaderMissing_ThenLineOneNamed', () => {
    const refused = problems(parseStatementCsv('2026-03-05,10.00,USD,r,c\n2026-03-06,11.00,USD,r,c'));
    expect(refused).toEqual([{ line: 1, reasons: ['expected the header "date,amount,currency,reference,counterparty"'] }]);
  });

  it('Parse_WhenBrokenQuoting_ThenLineOfTheRecordNamed', () => {
    const text = `${HEADER}\n2026-03-05,10.00,USD,"ref"x,c\n2026-03-05,10.00,USD,re"f,c\n2026-03-05,10.00,USD,r,c\n2026-03-05,10.00,USD,"never closed,c\n2026-03-06,1.00,USD,r,c`;
    const refused = problems(parseStatementCsv(text));
    expect(refused.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(refused[0].reasons[0]).toMatch(/text after the closing quote/);
    expect(refused[1].reasons[0]).toMatch(/a quote inside an unquoted field/);
    expect(refused[2].reasons[0]).toBe('a quoted field is not closed');
  });

  it('Parse_WhenLineBreakInsideQuotes_ThenRefusedAsControlCharacterAndLinesStillCounted', () => {
    const refused = problems(parseStatementCsv(`${HEADER}\n2026-03-05,10.00,USD,"two\nlines",c\n2026-03-05,ten,USD,r,c`));
    expect(refused.map((p) => p.line)).toEqual([2, 4]);
    expect(refused[0].reasons[0]).toMatch(/reference contains control characters/);
  });

  it('Parse_WhenTooManyLines_ThenRefusedWithoutReadingTheRest', () => {
    const body = Array.from({ length: MAX_STATEMENT_LINES + 5 }, () => '2026-03-05,1.00,USD,r,c');
    const refused = problems(parseStatementCsv([HEADER, ...body].join('\n')));
    expect(refused).toEqual([{ line: MAX_STATEMENT_LINES + 2, reasons: [`a statement has at most ${MAX_STATEMENT_LINES} lines: split the file`] }]);
  });
});
