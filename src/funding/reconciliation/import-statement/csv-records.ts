// RFC 4180 records from CSV text: fields separated by commas, records by CRLF (LF and a lone CR
// are accepted too), fields optionally in double quotes, where a doubled quote is a quote and
// commas and line breaks are data. Every record knows the physical line it starts on, so errors
// can name it. Strict on malformed quoting: a guess could import a wrong amount.

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  lineNo: number;
  fields: string[];
  /** Whether each field was written in quotes. */
  quoted: boolean[];
}

export interface CsvSyntaxError {
  lineNo: number;
  reason: string;
}

export interface CsvParse {
  records: CsvRecord[];
  errors: CsvSyntaxError[];
  /** More non-blank text followed when `maxRecords` was reached; it was not read. */
  truncatedAtLine: number | null;
}

export interface CsvParseOptions {
  /** Stop after this many records (errors count too): a bound on the work one body can cause. */
  maxRecords: number;
}

const BYTE_ORDER_MARK = '\uFEFF';

/** Parses the whole text; blank lines (outside quotes) are skipped. */
export function parseCsvRecords(input: string, { maxRecords }: CsvParseOptions): CsvParse {
  const text = input.startsWith(BYTE_ORDER_MARK) ? input.slice(1) : input;
  const cursor = { text, index: 0, lineNo: 1 };
  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];
  while (cursor.index < text.length) {
    const lineNo = cursor.lineNo;
    if (records.length + errors.length >= maxRecords) {
      const rest = text.slice(cursor.index);
      return { records, errors, truncatedAtLine: rest.trim() === '' ? null : lineNo };
    }
    const outcome = readRecord(cursor);
    if (outcome.error !== null) {
      errors.push({ lineNo, reason: outcome.error });
      skipRestOfLine(cursor);
    } else if (!isBlank(outcome.fields, outcome.quoted)) {
      records.push({ lineNo, fields: outcome.fields, quoted: outcome.quoted });
    }
    consumeLineBreak(cursor);
  }
  return { records, errors, truncatedAtLine: null };
}

interface Cursor {
  text: string;
  index: number;
  lineNo: number;
}

interface RecordOutcome {
  fields: string[];
  quoted: boolean[];
  error: string | null;
}

function readRecord(cursor: Cursor): RecordOutcome {
  const fields: string[] = [];
  const quoted: boolean[] = [];
  for (;;) {
    const field = cursor.text[cursor.index] === '"' ? readQuoted(cursor) : readUnquoted(cursor);
    fields.push(field.value);
    quoted.push(field.quoted);
    if (field.error !== null) return { fields, quoted, error: field.error };
    if (cursor.text[cursor.index] !== ',') return { fields, quoted, error: null };
    cursor.index += 1;
  }
}

interface FieldOutcome {
  value: string;
  quoted: boolean;
  error: string | null;
}

function readQuoted(cursor: Cursor): FieldOutcome {
  const { text } = cursor;
  let value = '';
  cursor.index += 1;
  for (;;) {
    if (cursor.index >= text.length) return { value, quoted: true, error: 'a quoted field is not closed' };
    const char = text[cursor.index];
    if (char === '"') {
      if (text[cursor.index + 1] === '"') {
        value += '"';
        cursor.index += 2;
        continue;
      }
      cursor.index += 1;
      break;
    }
    // Line breaks inside quotes are data, but they still move the physical line count.
    if (char === '\n' || (char === '\r' && text[cursor.index + 1] !== '\n')) cursor.lineNo += 1;
    value += char;
    cursor.index += 1;
  }
  const next = text[cursor.index];
  if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
    return { value, quoted: true, error: 'text after the closing quote of a field (a quote inside a quoted field is written "")' };
  }
  return { value, quoted: true, error: null };
}

function readUnquoted(cursor: Cursor): FieldOutcome {
  const { text } = cursor;
  const start = cursor.index;
  let error: string | null = null;
  while (cursor.index < text.length && !isFieldEnd(text[cursor.index])) {
    if (text[cursor.index] === '"' && error === null) {
      error = 'a quote inside an unquoted field (quote the whole field and write the quote as "")';
    }
    cursor.index += 1;
  }
  return { value: text.slice(start, cursor.index), quoted: false, error };
}

function isFieldEnd(char: string): boolean {
  return char === ',' || char === '\n' || char === '\r';
}

function skipRestOfLine(cursor: Cursor): void {
  while (cursor.index < cursor.text.length && cursor.text[cursor.index] !== '\n' && cursor.text[cursor.index] !== '\r') cursor.index += 1;
}

function consumeLineBreak(cursor: Cursor): void {
  const { text } = cursor;
  if (text[cursor.index] === '\r') {
    cursor.index += text[cursor.index + 1] === '\n' ? 2 : 1;
    cursor.lineNo += 1;
  } else if (text[cursor.index] === '\n') {
    cursor.index += 1;
    cursor.lineNo += 1;
  }
}

function isBlank(fields: readonly string[], quoted: readonly boolean[]): boolean {
  return fields.length === 1 && !quoted[0] && fields[0].trim() === '';
}
