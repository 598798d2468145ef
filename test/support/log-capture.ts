// A pino destination that keeps what it is given, for suites that check log lines.
import { Writable } from 'stream';

export interface LogCapture {
  stream: Writable;
  /** Everything written so far, as one text. */
  text(): string;
  /** Each line written so far, parsed. */
  lines<T = Record<string, unknown>>(): T[];
}

export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const text = (): string => chunks.join('');
  return {
    stream,
    text,
    lines: <T>() => text().split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T),
  };
}
