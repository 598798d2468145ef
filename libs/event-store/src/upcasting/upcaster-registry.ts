// Holds the upcasters of every event type, checks at construction that each type's chain reaches
// its latest version from every version it knows, and applies the chain to recorded events.
import type { RecordedEvent } from '../event-store.port';
import type { EventUpcast, Upcaster } from './upcaster';
import { InvalidUpcasterChain, MissingUpcaster } from './upcasting.errors';

interface TypeChain {
  /** Upcaster by the version it reads. */
  readonly steps: ReadonlyMap<number, Upcaster>;
  readonly latestVersion: number;
}

export class UpcasterRegistry {
  private readonly chains: ReadonlyMap<string, TypeChain>;

  constructor(upcasters: readonly Upcaster[]) {
    this.chains = buildChains(upcasters);
  }

  /** The version events of `type` are upcast to; undefined when the type has no upcasters. */
  latestVersion(type: string): number | undefined {
    return this.chains.get(type)?.latestVersion;
  }

  /**
   * Returns the event at the latest version of its type (a new object; the input is untouched).
   * Events of types without upcasters, or already at or past the latest version (written by newer
   * code), come back unchanged: we can only move data forward.
   */
  upcast(event: RecordedEvent): RecordedEvent {
    const chain = this.chains.get(event.type);
    if (!chain || event.schemaVersion >= chain.latestVersion) return event;
    let version = event.schemaVersion;
    let data: unknown = event.data;
    // Each step strictly raises the version, so the loop ends within steps.size iterations.
    while (version < chain.latestVersion) {
      const step = chain.steps.get(version);
      if (!step) throw new MissingUpcaster(event.type, version, chain.latestVersion);
      data = step.upcast(data);
      version = step.toVersion;
    }
    return { ...event, schemaVersion: version, data };
  }

  /** The registry as the `upcast` option of an adapter. */
  readonly asEventUpcast: EventUpcast = (event) => this.upcast(event);
}

/** Applies `upcasters` to one event; prefer a long-lived UpcasterRegistry on hot paths. */
export function upcastEvent(event: RecordedEvent, upcasters: UpcasterRegistry | readonly Upcaster[]): RecordedEvent {
  const registry = upcasters instanceof UpcasterRegistry ? upcasters : new UpcasterRegistry(upcasters);
  return registry.upcast(event);
}

function buildChains(upcasters: readonly Upcaster[]): Map<string, TypeChain> {
  const stepsByType = new Map<string, Map<number, Upcaster>>();
  for (const upcaster of upcasters) {
    assertVersions(upcaster);
    const steps = stepsByType.get(upcaster.type) ?? new Map<number, Upcaster>();
    if (steps.has(upcaster.fromVersion)) {
      throw new InvalidUpcasterChain(upcaster.type, `two upcasters from version ${upcaster.fromVersion}`);
    }
    steps.set(upcaster.fromVersion, upcaster);
    stepsByType.set(upcaster.type, steps);
  }
  const chains = new Map<string, TypeChain>();
  for (const [type, steps] of stepsByType) {
    const latestVersion = Math.max(...[...steps.values()].map((step) => step.toVersion));
    assertEveryVersionReachesLatest(type, steps, latestVersion);
    chains.set(type, { steps, latestVersion });
  }
  return chains;
}

function assertVersions(upcaster: Upcaster): void {
  const { type, fromVersion, toVersion } = upcaster;
  if (!Number.isSafeInteger(fromVersion) || fromVersion < 1 || !Number.isSafeInteger(toVersion)) {
    throw new InvalidUpcasterChain(type, `versions must be integers from 1 (got ${fromVersion} → ${toVersion})`);
  }
  if (toVersion <= fromVersion) {
    throw new InvalidUpcasterChain(type, `an upcaster must raise the version (got ${fromVersion} → ${toVersion})`);
  }
}

/** A gap (e.g. 1→2 and 3→4) would strand events at version 2: refuse it at startup, not on read. */
function assertEveryVersionReachesLatest(type: string, steps: ReadonlyMap<number, Upcaster>, latestVersion: number): void {
  for (const start of steps.keys()) {
    let version = start;
    let step = steps.get(version);
    while (step) {
      version = step.toVersion;
      step = steps.get(version);
    }
    if (version !== latestVersion) {
      throw new InvalidUpcasterChain(type, `version ${start} stops at ${version}, not the latest ${latestVersion}`);
    }
  }
}
