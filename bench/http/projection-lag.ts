// The app's projection backlog, read from GET /ready (staff key): projections run in the server's
// own process, so a load leaves work behind; each measured load starts once it has drained.
import { performance } from 'perf_hooks';

interface ReadyReport {
  checks?: { projections?: { projections?: Array<{ name: string; lagEvents: number }> } };
}

/** Events the projections still have to apply, summed over all of them. */
export async function projectionLagEvents(baseUrl: string, staffKey: string): Promise<number> {
  const response = await fetch(`${baseUrl}/ready`, { headers: { Authorization: `Bearer ${staffKey}` } });
  const report = (await response.json()) as ReadyReport;
  const projections = report.checks?.projections?.projections;
  if (projections === undefined) throw new Error(`GET /ready answered ${response.status} without projection status`);
  return projections.reduce((sum, projection) => sum + projection.lagEvents, 0);
}

const DRAIN_TIMEOUT_MS = 300_000;

/** Waits until no projection lags; returns the backlog found and how long it took to drain. */
export async function drainProjections(baseUrl: string, staffKey: string): Promise<{ backlogEvents: number; drainSeconds: number }> {
  const startedMs = performance.now();
  const backlogEvents = await projectionLagEvents(baseUrl, staffKey);
  for (let lag = backlogEvents; lag > 0; lag = await projectionLagEvents(baseUrl, staffKey)) {
    if (performance.now() - startedMs > DRAIN_TIMEOUT_MS) throw new Error(`projections still ${lag} events behind after ${DRAIN_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { backlogEvents, drainSeconds: (performance.now() - startedMs) / 1000 };
}
