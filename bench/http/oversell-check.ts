// Correctness of what the HTTP benchmark measured, from the event stream itself: every batch folds
// without a unit owned twice (the batch evolve refuses it), conservation holds (R1), no more units
// were reserved than issued (R2), and every 201 the clients saw is one recorded reservation.
import { loadStream, PostgresEventStore } from '@lib/event-store';
import { batchDecider } from '../../src/registry/batches/batch.decider';
import { batchStreamId, CreditsReserved } from '../../src/registry/batches/batch.events';
import { heldUnits, reservedUnits } from '../../src/registry/batches/batch.state';

export interface BatchAudit {
  batchId: string;
  issuedKg: number;
  /** Sum of every CreditsReserved of the batch, released or not. */
  everReservedKg: number;
  reservations: number;
  /** Units currently reserved plus those sold (held or retired). */
  committedKg: number;
}

export async function auditBatches(databaseUrl: string, batchIds: readonly string[]): Promise<BatchAudit[]> {
  const store = new PostgresEventStore(databaseUrl, { poolSize: 2 });
  try {
    const audits: BatchAudit[] = [];
    for (const batchId of batchIds) {
      // Folding runs the same evolve as the app: a unit reserved twice would throw here.
      const { state } = await loadStream(store, batchStreamId(batchId), batchDecider);
      if (state.status !== 'issued') throw new Error(`batch ${batchId} is not issued`);
      const conserved = state.available.size + reservedUnits(state) + heldUnits(state) + state.retired.size + state.cancelled.size;
      if (conserved !== state.issuedKg) throw new Error(`R1 broken on ${batchId}: ${conserved} kg accounted for, ${state.issuedKg} issued`);
      const events = await store.readStream(batchStreamId(batchId));
      const reserved = events.filter((event) => event.type === 'CreditsReserved').map((event) => (event.data as CreditsReserved['data']).quantityKg);
      audits.push({
        batchId,
        issuedKg: state.issuedKg,
        everReservedKg: reserved.reduce((sum, quantityKg) => sum + quantityKg, 0),
        reservations: reserved.length,
        committedKg: reservedUnits(state) + heldUnits(state) + state.retired.size,
      });
    }
    return audits;
  } finally {
    await store.close();
  }
}
