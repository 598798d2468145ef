// A failure that stops the process at boot. Its message is the one line the operator reads: what
// is wrong and what to do. No stack trace is printed for it (DESIGN §5).
import { ConfigError } from '../config/app-config';

export class BootError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BootError';
  }
}

/** The single line to print for a boot failure, or null when it is unexpected (print the stack). */
export function bootFailureLine(error: unknown): string | null {
  if (error instanceof BootError || error instanceof ConfigError) return error.message;
  return null;
}

/** Prints the failure on stderr and ends the process with a non-zero code. */
export function exitOnBootFailure(error: unknown): never {
  const line = bootFailureLine(error);
  process.stderr.write(`${line ?? `Unexpected failure at boot: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`);
  process.exit(1);
}
