// The logger the adapter accepts: the subset of pino's API it uses, so a pino logger (or a child of
// the app's pino logger) fits without this library depending on pino.
export interface EventStoreLogger {
  debug(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export const silentLogger: EventStoreLogger = {
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
