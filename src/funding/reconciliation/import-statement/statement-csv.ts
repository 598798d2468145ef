// A bank statement in CSV (DESIGN §4): header `date,amount,currency,reference,counterparty`, one
// movement per line, the amount a signed decimal in major units (`-25000.00` is money out), parsed
// exactly into minor units (Money.parseDecimal, never a float). All or nothing: any bad line makes
// the whole file refused, with every bad line's number and reasons.
//
// Choices, documented for users:
// - Dates are `YYYY-MM-DD` (real calendar days), not after tomorrow (UTC; one day of slack for
//   banks east of UTC). Currencies are upper-case ISO 4217 codes the
//   registry accepts. Zero amounts are refused (a bank line always moves money).
// - Thousands separators are refused: unquoted, `1,000.00` splits into an extra column; quoted,
//   `"1,000.00"` is refused with a message saying to write `1000.00`. No locale guessing
//   (`1.000,00` is refused too), since a misread separator changes an amount a hundredfold.
// - Spaces around a field are ignored; blank lines are skipped; a UTF-8 byte order mark, CRLF or
//   LF line ends and a trailing newline are all accepted. The header's names are matched without
//   regard to case, in this order.
// - Reference and counterparty may be empty, at most 200 characters, no control characters.
import { isCurrencyCode, Money } from '@lib/kernel';
import { isCalendarDay } from '../../periods/period';
import { parseCsvRecords } from './csv-records';

export const STATEMENT_COLUMNS = ['date', 'amount', 'currency', 'reference', 'counterparty'] as const;
/** Lines per statement, at most: bounds the work of one request and the size of one event. */
export const MAX_STATEMENT_LINES = 2_000;
export const STATEMENT_TEXT_MAX_LENGTH = 200;

export interface ParsedStatementLine {
  /** Physical line of the file the movement starts on (the header is line 1). */
  lineNo: number;
  date: string;
  /** Signed: positive money in, negative money out. */
  amount: Money;
  reference: string;
  counterparty: string;
}

export interface LineProblem {
  line: number;
  reasons: string[];
}

export type StatementParse = { ok: true; lines: ParsedStatementLine[] } | { ok: false; problems: LineProblem[] };

const MAX_MINOR = BigInt(Number.MAX_SAFE_INTEGER);
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const PLAIN_DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const GROUPED_THOUSANDS = /^[+-]?\d{1,3}([,'\u00a0 ]\d{3})+(\.\d+)?$/;

export interface StatementCsvOptions {
  /** Latest value date accepted (`YYYY-MM-DD`): a bank cannot have booked a movement later. */
  latestDay?: string;
}

export function parseStatementCsv(text: string, options: StatementCsvOptions = {}): StatementParse {
  // +1: the header is a record too.
  const csv = parseCsvRecords(text, { maxRecords: MAX_STATEMENT_LINES + 1 });
  const problems = new Map<number, string[]>();
  const note = (line: number, reason: string) => problems.set(line, [...(problems.get(line) ?? []), reason]);
  for (const error of csv.errors) note(error.lineNo, error.reason);
  if (csv.truncatedAtLine !== null) note(csv.truncatedAtLine, `a statement has at most ${MAX_STATEMENT_LINES} lines: split the file`);

  if (csv.records.length === 0 && csv.errors.length === 0) return { ok: false, problems: [{ line: 1, reasons: ['the statement is empty'] }] };
  // The first record is the header, unless the first thing in the file was unreadable.
  const firstErrorLine = csv.errors[0]?.lineNo ?? Number.POSITIVE_INFINITY;
  const header = csv.records[0] !== undefined && csv.records[0].lineNo < firstErrorLine ? csv.records[0] : undefined;
  const rows = header === undefined ? csv.records : csv.records.slice(1);
  if (header !== undefined && !isHeader(header.fields)) note(header.lineNo, `expected the header "${STATEMENT_COLUMNS.join(',')}"`);

  const lines: ParsedStatementLine[] = [];
  for (const row of rows) {
    const parsed = parseLine(row.lineNo, row.fields, row.quoted, options);
    if (Array.isArray(parsed)) parsed.forEach((reason) => note(row.lineNo, reason));
    else lines.push(parsed);
  }
  if (problems.size === 0 && lines.length === 0) note(header?.lineNo ?? 1, 'the statement has a header but no lines');
  if (problems.size > 0) {
    const sorted = [...problems.entries()].sort(([a], [b]) => a - b);
    return { ok: false, problems: sorted.map(([line, reasons]) => ({ line, reasons })) };
  }
  return { ok: true, lines };
}

function isHeader(fields: readonly string[]): boolean {
  return fields.length === STATEMENT_COLUMNS.length && fields.every((field, index) => field.trim().toLowerCase() === STATEMENT_COLUMNS[index]);
}

/** The line, or the reasons it is refused. */
function parseLine(lineNo: number, rawFields: readonly string[], quoted: readonly boolean[], options: StatementCsvOptions): ParsedStatementLine | string[] {
  if (rawFields.length !== STATEMENT_COLUMNS.length) return [columnCountReason(rawFields, quoted)];
  const [date, amountText, currency, reference, counterparty] = rawFields.map((field) => field.trim());
  const reasons: string[] = [];
  if (!isCalendarDay(date)) reasons.push(`date must be a calendar day YYYY-MM-DD, got "${clip(date)}"`);
  else if (options.latestDay !== undefined && date > options.latestDay) reasons.push(`date ${date} is in the future`);
  if (!isCurrencyCode(currency)) reasons.push(`unknown currency "${clip(currency)}" (an upper-case ISO 4217 code the registry accepts)`);
  const amount = parseAmount(amountText, currency, reasons);
  checkText('reference', reference, reasons);
  checkText('counterparty', counterparty, reasons);
  if (reasons.length > 0 || amount === null) return reasons;
  return { lineNo, date, amount, reference, counterparty };
}

function parseAmount(text: string, currency: string, reasons: string[]): Money | null {
  if (GROUPED_THOUSANDS.test(text)) {
    reasons.push(`amount "${clip(text)}" has a thousands separator: write it without one, e.g. ${text.replace(/[,'\u00a0 ]/g, '')}`);
    return null;
  }
  if (!PLAIN_DECIMAL.test(text)) {
    reasons.push(`amount must be a signed decimal number such as -1234.56 (a point for decimals), got "${clip(text)}"`);
    return null;
  }
  // The number of decimals allowed depends on the currency; an unknown one is reported above.
  if (!isCurrencyCode(currency)) return null;
  let amount: Money;
  try {
    amount = Money.parseDecimal(currency, text);
  } catch (error) {
    reasons.push(`amount "${clip(text)}" is not valid in ${currency}: ${error instanceof Error ? error.message : 'invalid'}`);
    return null;
  }
  if (amount.isZero()) {
    reasons.push('amount must not be zero');
    return null;
  }
  // Amounts travel as JSON numbers of minor units (DESIGN §4): beyond 2^53 they would not be exact.
  if (amount.amountMinor > MAX_MINOR || amount.amountMinor < -MAX_MINOR) {
    reasons.push(`amount "${clip(text)}" is too large`);
    return null;
  }
  return amount;
}

function columnCountReason(fields: readonly string[], quoted: readonly boolean[]): string {
  const base = `expected ${STATEMENT_COLUMNS.length} columns (${STATEMENT_COLUMNS.join(',')}), found ${fields.length}`;
  // `2025-03-01,1,000.00,EUR,…`: an unquoted thousands separator splits the amount in two.
  const splitAmount = fields.length > STATEMENT_COLUMNS.length && !quoted[1] && /^[+-]?\d{1,3}$/.test(fields[1].trim()) && /^\d{3}(\.\d+)?$/.test(fields[2].trim());
  return splitAmount ? `${base}; the amount seems to contain a thousands separator, write it without one` : base;
}

function checkText(field: string, text: string, reasons: string[]): void {
  if (text.length > STATEMENT_TEXT_MAX_LENGTH) reasons.push(`${field} is longer than ${STATEMENT_TEXT_MAX_LENGTH} characters`);
  if (CONTROL_CHARACTERS.test(text)) reasons.push(`${field} contains control characters (a line break or tab inside quotes)`);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
