// The logging surface libs/projections needs; a pino Logger satisfies it as is.

export interface ProjectionsLogger {
  debug(context: object, message: string): void;
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

export const silentProjectionsLogger: ProjectionsLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Error details safe to log: name, message and code, never connection strings or event payloads. */
export function describeError(error: unknown): { err: { name?: string; message: string; code?: string } } {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return { err: { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) } };
  }
  return { err: { message: String(error) } };
}
