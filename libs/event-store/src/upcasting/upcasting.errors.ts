// Failures of upcasting: a misconfigured chain (found at startup) or an event no chain can reach.
export class InvalidUpcasterChain extends Error {
  readonly code = 'EVENT_STORE.INVALID_UPCASTER_CHAIN';
  constructor(
    readonly eventType: string,
    readonly reason: string,
  ) {
    super(`Upcasters of ${eventType}: ${reason}`);
    this.name = 'InvalidUpcasterChain';
  }
}

export class MissingUpcaster extends Error {
  readonly code = 'EVENT_STORE.MISSING_UPCASTER';
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly latestVersion: number,
  ) {
    super(`No upcaster of ${eventType} from version ${schemaVersion} (latest is ${latestVersion})`);
    this.name = 'MissingUpcaster';
  }
}
