// The logging surface the jobs library needs; a pino Logger satisfies it as is.

export interface JobsLogger {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

/** For callers that do not care (scripts); production code passes the app's pino logger. */
export const silentJobsLogger: JobsLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Error details safe to log: message and code, never connection strings or payloads. */
export function errorContext(error: unknown): { err: { message: string; code?: string; name?: string } } {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return { err: { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) } };
  }
  return { err: { message: String(error) } };
}
